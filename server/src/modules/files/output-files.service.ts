import type { Actor } from '../../platform/auth/actor.ts';
import { requireProjectManager } from '../../platform/auth/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type {
  NewOutputFile,
  NewOutputFileBody,
  NextRevisionBody,
  OutputFile,
  OutputFileFilters,
  OutputFilePathBody,
  OutputType,
} from '../../../../packages/contracts/src/files.schema.ts';
import { loadEntityPathRow, outputTypeOr404, renderOutputPath, taskTypeOr404, withTreeErrors } from '../file-trees/file-path.service.ts';
import { isUuid, uuidOr404 } from '../../platform/http/uuid.ts';
import { presentOutputFile, presentOutputType } from './file.presenter.ts';
import {
  defaultFileStatus,
  findFileStatus,
  findPersonId,
  insertOutputFile,
  listEntityOutputFiles,
  listEntityOutputTypes,
  listLastEntityOutputFiles,
  listProjectOutputFiles,
  nextOutputRevision,
  type OutputFileFilter,
} from './output-file.repository.ts';
import { findWorkingFile } from './working-file.repository.ts';

/** Output files: what a task publishes for an entity, revision by revision (§4.9, §8.8). */

function toFilter(filters: OutputFileFilters): OutputFileFilter {
  // Ids that are not uuids match nothing rather than failing the cast.
  const id = (value: string | undefined) => (value === undefined || value === '' ? undefined : isUuid(value) ? value : '00000000-0000-0000-0000-000000000000');
  return {
    outputTypeId: id(filters.output_type_id),
    taskTypeId: id(filters.task_type_id),
    fileStatusId: id(filters.file_status_id),
    representation: filters.representation || undefined,
    name: filters.name || undefined,
  };
}

/** `POST data/entities/<id>/output-file-path` (Gazu `build_entity_output_file_path`). */
export async function buildOutputFilePath(actor: Actor, input: { entityId: string; body: OutputFilePathBody }, db: Executor) {
  const { body } = input;
  const row = await loadEntityPathRow(db, actor, input.entityId);
  const outputType = await outputTypeOr404(db, body.output_type_id);
  const taskType = await taskTypeOr404(db, body.task_type_id);
  const name = body.name ?? 'main';
  const revision = body.revision
    ? body.revision
    : await nextOutputRevision(db, { entityId: row.entity.id, outputTypeId: outputType.id, taskTypeId: taskType.id, name });
  const paths = await withTreeErrors(body, () => renderOutputPath(db, row, {
    mode: body.mode ?? 'output', name, revision, representation: body.representation ?? '', nbElements: body.nb_elements ?? 1,
    sep: body.separator ?? '/', outputType, taskType,
  }));
  return { folder_path: paths.folder, file_name: paths.fileName };
}

/** `POST data/entities/<id>/output-files/next-revision` (Gazu `get_next_entity_output_revision`). */
export async function nextOutputFileRevision(actor: Actor, input: { entityId: string; body: NextRevisionBody }, db: Executor) {
  const row = await loadEntityPathRow(db, actor, input.entityId);
  const outputType = await outputTypeOr404(db, input.body.output_type_id);
  const taskType = await taskTypeOr404(db, input.body.task_type_id);
  const next = await nextOutputRevision(db, { entityId: row.entity.id, outputTypeId: outputType.id, taskTypeId: taskType.id, name: input.body.name ?? 'main' });
  return { next_revision: next };
}

/**
 * `POST data/entities/<id>/output-files/new` (Gazu `new_entity_output_file`): a new revision (the next
 * one when 0) of an output, its path from the tree. Given a `working_file_id`, the output is that
 * working file published (`source_file_id`). The answer adds `folder_path` and `file_name`.
 */
export async function createOutputFile(actor: Actor, input: { entityId: string; body: NewOutputFileBody }, tx: Tx, events: DomainEvent[]): Promise<NewOutputFile> {
  const { body } = input;
  const row = await loadEntityPathRow(tx, actor, input.entityId);
  const entityId = row.entity.id;
  const projectId = row.entity.project_id;
  const outputType = await outputTypeOr404(tx, body.output_type_id);
  const taskType = await taskTypeOr404(tx, body.task_type_id);

  // Zou ignores a working file it cannot find; one of another entity cannot be published here.
  let sourceFileId: string | null = null;
  if (body.working_file_id && isUuid(body.working_file_id)) {
    const workingFile = await findWorkingFile(tx, body.working_file_id.toLowerCase());
    if (workingFile && workingFile.entity_id !== entityId) throw errors.badRequest('The working file belongs to another entity.');
    sourceFileId = workingFile?.id ?? null;
  }
  const personId = body.person_id ? body.person_id : actor.id;
  if (!isUuid(personId) || !(await findPersonId(tx, personId.toLowerCase()))) throw errors.badRequest('Cannot find given person.');
  let fileStatusId = body.file_status_id ?? undefined;
  if (fileStatusId && (!isUuid(fileStatusId) || !(await findFileStatus(tx, fileStatusId)))) throw errors.badRequest('Cannot find given file status.');
  fileStatusId ??= (await defaultFileStatus(tx)).id;

  const name = body.name ?? 'main';
  const representation = body.representation ?? '';
  const extension = body.extension ?? '';
  const nbElements = body.nb_elements ?? 1;
  const sep = body.sep ?? '/';
  const revision = body.revision ? body.revision : await nextOutputRevision(tx, { entityId, outputTypeId: outputType.id, taskTypeId: taskType.id, name });
  const paths = await withTreeErrors(body, () => renderOutputPath(tx, row, {
    mode: body.mode ?? 'output', name, revision, representation, nbElements, sep, outputType, taskType,
  }));

  const created = await insertOutputFile(tx, {
    name, comment: body.comment ?? '', extension, representation, revision, nb_elements: nbElements,
    entity_id: entityId, person_id: personId.toLowerCase(), source_file_id: sourceFileId, output_type_id: outputType.id,
    task_type_id: taskType.id, file_status_id: fileStatusId, path: `${paths.folder}${sep}${paths.fileName}${extension}`,
  });
  if (!created) throw errors.badRequest('The given output file already exists.');
  await recordAudit(tx, { actorId: actor.id, action: 'create', objectType: 'output_file', objectId: created.id, projectId, after: created });
  events.push({ name: 'output-file:new', data: { output_file_id: created.id }, projectId, actorId: actor.id });
  return { ...presentOutputFile(created), folder_path: paths.folder, file_name: paths.fileName };
}

/** `GET data/entities/<id>/output-files` with Gazu's filters, newest revision first. */
export async function listOutputFilesOfEntity(actor: Actor, input: { entityId: string; filters: OutputFileFilters }, db: Executor): Promise<OutputFile[]> {
  const row = await loadEntityPathRow(db, actor, input.entityId);
  return (await listEntityOutputFiles(db, row.entity.id, toFilter(input.filters))).map(presentOutputFile);
}

/** `GET data/entities/<id>/output-files/last-revisions`: the last revision of each output. */
export async function lastOutputFilesOfEntity(actor: Actor, input: { entityId: string; filters: OutputFileFilters }, db: Executor): Promise<OutputFile[]> {
  const row = await loadEntityPathRow(db, actor, input.entityId);
  return (await listLastEntityOutputFiles(db, row.entity.id, toFilter(input.filters))).map(presentOutputFile);
}

/** `GET data/entities/<id>/output-types/<output_type_id>/output-files?representation`. */
export async function listOutputFilesOfEntityType(actor: Actor, input: { entityId: string; outputTypeId: string; representation?: string }, db: Executor) {
  const row = await loadEntityPathRow(db, actor, input.entityId);
  const outputType = await outputTypeOr404(db, input.outputTypeId);
  const files = await listEntityOutputFiles(db, row.entity.id, { outputTypeId: outputType.id, representation: input.representation || undefined });
  return files.map(presentOutputFile);
}

/** `GET data/entities/<id>/output-types` (Gazu `all_output_types_for_entity`). */
export async function listOutputTypesOfEntity(actor: Actor, entityId: string, db: Executor): Promise<OutputType[]> {
  const row = await loadEntityPathRow(db, actor, entityId);
  return (await listEntityOutputTypes(db, row.entity.id)).map(presentOutputType);
}

/** `GET data/projects/<id>/output-files` (Gazu `all_output_files_for_project`): managers of the project. */
export async function listOutputFilesOfProject(actor: Actor, input: { projectId: string; filters: OutputFileFilters }, db: Executor): Promise<OutputFile[]> {
  const projectId = uuidOr404(input.projectId);
  await requireProjectManager(db, actor, projectId);
  return (await listProjectOutputFiles(db, projectId, toFilter(input.filters))).map(presentOutputFile);
}
