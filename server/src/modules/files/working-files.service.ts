import path from 'node:path';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { discardFiles, type ReceivedFile } from '../../platform/http/uploads.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { workingFileKey } from '../../platform/storage/layout.ts';
import type { NewWorkingFileBody, WorkingFile, WorkingFileFilters, WorkingFilePathBody } from '../../../../packages/contracts/src/files.schema.ts';
import { loadEntityPathRow, loadTaskPathRow, renderWorkingPath, softwareOr404, withTreeErrors } from '../file-trees/file-path.service.ts';
import { getOrCreateSoftware } from '../file-trees/file-tree.repository.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';
import { presentWorkingFile } from './file.presenter.ts';
import { findPersonId } from './output-file.repository.ts';
import { requireTaskActor, requireTaskReader } from './task-access.ts';
import {
  assignIfMissing,
  findWorkingFile,
  insertWorkingFile,
  listEntityWorkingFiles,
  listLastWorkingFiles,
  listTaskWorkingFiles,
  nextWorkingRevision,
  touchWorkingFile,
  updateWorkingFile,
} from './working-file.repository.ts';

/** Working files: a task's revisions of the artist's scene files (§4.9, §8.8). */

/**
 * `POST data/tasks/<id>/working-file-path` (Gazu `build_working_file_path`): where the next (or
 * given) revision of a working file goes. Without a software, Zou's "3ds Max" is used (and created).
 */
export async function buildWorkingFilePath(actor: Actor, input: { taskId: string; body: WorkingFilePathBody }, db: Executor) {
  const { body } = input;
  const row = await loadTaskPathRow(db, actor, input.taskId);
  const software = body.software_id ? await softwareOr404(db, body.software_id) : await getOrCreateSoftware(db, '3ds Max', 'max', '.max');
  const name = body.name ?? 'main';
  const revision = body.revision ? body.revision : await nextWorkingRevision(db, row.task.id, name);
  const paths = await withTreeErrors(body, () =>
    renderWorkingPath(db, row, { mode: body.mode ?? 'working', name, revision, sep: body.sep ?? '/', software }));
  return { path: paths.folder, name: paths.fileName };
}

/**
 * `POST data/tasks/<id>/working-files/new` (Gazu `new_working_file`): a new revision (the next one
 * when 0) with its path from the tree; the caller is assigned to the task, as in Zou.
 */
export async function createWorkingFile(actor: Actor, input: { taskId: string; body: NewWorkingFileBody }, tx: Tx, events: DomainEvent[]): Promise<WorkingFile> {
  const { body } = input;
  const row = await loadTaskPathRow(tx, actor, input.taskId);
  const taskId = row.task.id;
  const projectId = row.task.project_id;
  const personId = body.person_id ? uuidOr404(body.person_id) : actor.id;
  if (!(await findPersonId(tx, personId))) throw errors.badRequest('Cannot find given person.');
  const software = body.software_id ? await softwareOr404(tx, body.software_id) : await getOrCreateSoftware(tx, 'Blender', 'blender', '.blend');
  const name = body.name;
  const revision = body.revision ? body.revision : await nextWorkingRevision(tx, taskId, name);
  const sep = body.sep ?? '/';
  const paths = await withTreeErrors(body, () => renderWorkingPath(tx, row, { mode: body.mode ?? 'working', name, revision, sep, software }));

  if (await assignIfMissing(tx, taskId, actor.id)) {
    events.push({ name: 'task:assign', data: { task_id: taskId, person_id: actor.id }, projectId, actorId: actor.id });
    events.push({ name: 'task:update', data: { task_id: taskId }, projectId, actorId: actor.id });
  }
  const created = await insertWorkingFile(tx, {
    name,
    description: body.description ?? '',
    comment: body.comment ?? '',
    revision,
    path: `${paths.folder}${sep}${paths.fileName}`,
    task_id: taskId,
    entity_id: row.task.entity_id,
    person_id: personId,
    software_id: software.id,
  });
  if (!created) throw errors.badRequest('The given working file already exists.');
  await recordAudit(tx, { actorId: actor.id, action: 'create', objectType: 'working_file', objectId: created.id, projectId, after: created });
  events.push({ name: 'working-file:new', data: { working_file_id: created.id }, projectId, actorId: actor.id });
  return presentWorkingFile(created);
}

/** `GET data/tasks/<id>/working-files`: newest revision first. */
export async function listWorkingFilesOfTask(actor: Actor, taskId: string, db: Executor): Promise<WorkingFile[]> {
  const { context } = await requireTaskReader(db, actor, taskId);
  return (await listTaskWorkingFiles(db, context.task.id)).map(presentWorkingFile);
}

/** `GET data/tasks/<id>/working-files/last-revisions`: `{<name>: last revision}`. */
export async function lastWorkingFilesOfTask(actor: Actor, taskId: string, db: Executor): Promise<Record<string, WorkingFile>> {
  const { context } = await requireTaskReader(db, actor, taskId);
  const files = await listLastWorkingFiles(db, context.task.id);
  return Object.fromEntries(files.map((file) => [file.name ?? '', presentWorkingFile(file)]));
}

/** `GET data/entities/<id>/working-files?task_id&name` (Gazu `get_all_working_files_for_entity`). */
export async function listWorkingFilesOfEntity(actor: Actor, input: { entityId: string; filters: WorkingFileFilters }, db: Executor): Promise<WorkingFile[]> {
  const row = await loadEntityPathRow(db, actor, input.entityId);
  const taskId = input.filters.task_id ? uuidOr404(input.filters.task_id) : undefined;
  return (await listEntityWorkingFiles(db, row.entity.id, { taskId, name: input.filters.name })).map(presentWorkingFile);
}

/** A working file and its task, for a task actor (a file without task is the admins'). */
async function lockForAction(tx: Tx, actor: Actor, workingFileId: string) {
  const file = await findWorkingFile(tx, uuidOr404(workingFileId), { lock: true });
  if (!file) throw errors.notFound();
  if (!file.task_id) {
    if (actor.role !== 'admin') throw errors.forbidden();
    return { file, projectId: null };
  }
  const { context } = await requireTaskActor(tx, actor, file.task_id);
  return { file, projectId: context.task.project_id };
}

/** `PUT actions/working-files/<id>/comment {comment}` (Gazu `update_comment`). */
export async function commentWorkingFile(actor: Actor, input: { workingFileId: string; comment: string }, tx: Tx, events: DomainEvent[]): Promise<WorkingFile> {
  const { file, projectId } = await lockForAction(tx, actor, input.workingFileId);
  const updated = await updateWorkingFile(tx, file.id, { comment: input.comment });
  await recordAudit(tx, { actorId: actor.id, action: 'update', objectType: 'working_file', objectId: file.id, projectId, before: { comment: file.comment }, after: { comment: input.comment } });
  events.push({ name: 'working-file:update', data: { working_file_id: file.id }, projectId, actorId: actor.id });
  return presentWorkingFile(updated);
}

/** `PUT actions/working-files/<id>/modified` (Gazu `update_modification_date`): `updated_at` is now. */
export async function touchWorkingFileRow(actor: Actor, workingFileId: string, tx: Tx, events: DomainEvent[]): Promise<WorkingFile> {
  const { file, projectId } = await lockForAction(tx, actor, workingFileId);
  const updated = await touchWorkingFile(tx, file.id);
  await recordAudit(tx, { actorId: actor.id, action: 'touch', objectType: 'working_file', objectId: file.id, projectId });
  events.push({ name: 'working-file:update', data: { working_file_id: file.id }, projectId, actorId: actor.id });
  return presentWorkingFile(updated);
}

/** A working file whose task the caller may read (404 / 403 otherwise). */
async function readableWorkingFile(db: Executor, actor: Actor, workingFileId: string) {
  const file = await findWorkingFile(db, uuidOr404(workingFileId));
  if (!file) throw errors.notFound();
  if (file.task_id) await requireTaskReader(db, actor, file.task_id);
  else if (actor.role !== 'admin') throw errors.forbidden();
  return file;
}

type UploadDeps = Pick<AppDeps, 'db' | 'events' | 'storage'>;

/**
 * `POST data/working-files/<id>/file` (Gazu `upload_working_file`): the caller must have task access;
 * `receive` then streams the multipart file into the working file's storage key. Its size is recorded
 * with the row; when that fails, the stored bytes go.
 */
export async function uploadWorkingFile(
  deps: UploadDeps,
  actor: Actor,
  workingFileId: string,
  receive: (id: string, key: string) => Promise<ReceivedFile>,
): Promise<WorkingFile> {
  const file = await readableWorkingFile(deps.db, actor, workingFileId);
  const received = await receive(file.id, workingFileKey(file.id));
  try {
    return await inTransaction(deps, async (tx, events) => {
      const locked = await findWorkingFile(tx, file.id, { lock: true });
      if (!locked) throw errors.notFound();
      const updated = await updateWorkingFile(tx, file.id, { size: received.size });
      const projectId = locked.task_id ? (await requireTaskReader(tx, actor, locked.task_id)).context.task.project_id : null;
      await recordAudit(tx, { actorId: actor.id, action: 'upload', objectType: 'working_file', objectId: file.id, projectId, after: { size: received.size } });
      events.push({ name: 'working-file:update', data: { working_file_id: file.id }, projectId, actorId: actor.id });
      return presentWorkingFile(updated);
    });
  } catch (error) {
    await discardFiles(deps.storage, [received]);
    throw error;
  }
}

/** What `GET data/working-files/<id>/file` streams: the key, and a file name from the row's path. */
export async function workingFileDownload(actor: Actor, workingFileId: string, db: Executor) {
  const file = await readableWorkingFile(db, actor, workingFileId);
  const base = file.path ? path.posix.basename(file.path.replace(/\\/g, '/')) : '';
  return { key: workingFileKey(file.id), fileName: base || `${file.name ?? 'working-file'}_v${file.revision ?? 0}`, lastModified: file.updated_at };
}
