import type { Tx } from '../../../platform/db/database.ts';
import { presentComment } from '../../comments/comment.presenter.ts';
import { presentTask } from '../../tasks/task.presenter.ts';
import { defaultStatusesOf } from '../../task-statuses/task-statuses.repository.ts';
import type { Selectable } from 'kysely';
import type { PreviewFile } from '../../../platform/db/schema.ts';
import { dateOf, linkOf, linksOf, numberOf, SgEntryError, textOf, type SgLink, type SgRecord } from './shotgun-fields.ts';
import { countOutcome, extractAll, inPayloadOrder, rejectDuplicates, rejectWhere, type Outcome } from './shotgun-import.ts';
import { entityIdsByShotgunId, idsByShotgunId, statusIdsByShortName, type SgEntityKind } from './shotgun-lookups.repository.ts';
import * as repo from './shotgun-tracking.repository.ts';

/** ShotGrid tasks, versions and notes: imported after people, steps, statuses and the breakdown they point to. */

const ENTITY_KINDS: SgEntityKind[] = ['Asset', 'Shot', 'Sequence', 'Episode', 'Scene'];

function readLinks(entries: unknown[], read: (entry: SgRecord) => Array<SgLink | null>): SgLink[] {
  return entries.flatMap((entry) => {
    try {
      return typeof entry === 'object' && entry !== null ? read(entry as SgRecord).filter((link): link is SgLink => link !== null) : [];
    } catch {
      return [];
    }
  });
}

/**
 * Tasks: `content` (or `cached_display_name`, which Zou reads) as name, `step` (an imported step),
 * `project`, `entity` ({type: Asset|Shot|Sequence|Episode|Scene, id}), `sg_status_list` (a status
 * short name; the project's default status otherwise), `task_assignees` and `created_by` (people),
 * `start_date`, `due_date`, `sg_sort_order`, `duration` (minutes). Tasks without step or project are
 * skipped, as Zou does.
 */
export async function importTasks(tx: Tx, entries: unknown[], actorId: string): Promise<Outcome> {
  const projects = await idsByShotgunId(tx, 'project', readLinks(entries, (e) => [linkOf(e, 'project')]).map((link) => link.id));
  const steps = await idsByShotgunId(tx, 'task_type', readLinks(entries, (e) => [linkOf(e, 'step')]).map((link) => link.id));
  const people = await idsByShotgunId(tx, 'person', readLinks(entries, (e) => [linkOf(e, 'created_by'), ...linksOf(e, 'task_assignees')]).map((link) => link.id));
  const targets = readLinks(entries, (e) => [linkOf(e, 'entity')]);
  const entities = new Map<string, { id: string; project_id: string }>();
  for (const kind of ENTITY_KINDS) {
    const found = await entityIdsByShotgunId(tx, kind, targets.filter((link) => link.type === kind).map((link) => link.id));
    for (const [sgId, entity] of found) entities.set(`${kind}:${sgId}`, entity);
  }
  const statuses = await statusIdsByShortName(tx);
  const defaults = await defaultStatusesOf(tx, [...new Set(projects.values())]);
  const assignees = new Map<number, string[]>();
  const { items, failures } = extractAll(entries, (entry): repo.SgTaskValues | null => {
    const step = linkOf(entry, 'step');
    const project = linkOf(entry, 'project');
    if (!step || !project) return null;
    const projectId = projects.get(project.id);
    if (!projectId) throw new SgEntryError(`The project ${project.name ?? project.id} has not been imported`);
    const taskTypeId = steps.get(step.id);
    if (!taskTypeId) throw new SgEntryError(`The step ${step.name ?? step.id} has not been imported`);
    const target = linkOf(entry, 'entity');
    const entity = target ? entities.get(`${target.type ?? ''}:${target.id}`) : undefined;
    if (!entity) throw new SgEntryError(`The ${target?.type ?? 'entity'} ${target?.name ?? target?.id ?? ''} of the task has not been imported`);
    const statusCode = textOf(entry, 'sg_status_list');
    const statusId = (statusCode ? statuses.get(statusCode.toLowerCase()) : undefined) ?? defaults.get(projectId)?.id;
    if (!statusId) throw new SgEntryError('No task status to give the task');
    const creator = linkOf(entry, 'created_by');
    assignees.set(entry.id as number, linksOf(entry, 'task_assignees').filter((link) => link.type === null || link.type === 'HumanUser').flatMap((link) => people.get(link.id) ?? []));
    const sortOrder = numberOf(entry, 'sg_sort_order');
    return {
      shotgun_id: entry.id as number,
      name: (textOf(entry, 'content') ?? textOf(entry, 'cached_display_name') ?? 'main').slice(0, 80),
      project_id: projectId, task_type_id: taskTypeId, task_status_id: statusId, entity_id: entity.id,
      assigner_id: creator ? (people.get(creator.id) ?? null) : null,
      start_date: dateOf(entry, 'start_date'), due_date: dateOf(entry, 'due_date'),
      sort_order: sortOrder !== null && Number.isInteger(sortOrder) ? sortOrder : 0, duration: numberOf(entry, 'duration') ?? 0,
    };
  });
  const unique = rejectDuplicates(items, failures, (v) => JSON.stringify([v.name, v.task_type_id, v.entity_id]), (v) => `Another task of this import is named ${v.name} on the same entity and step`);
  const conflicts = await repo.taskConflicts(tx, unique.map((item) => item.value));
  const valid = rejectWhere(unique, failures, (v) => (conflicts.has(v.shotgun_id) ? `A task named ${v.name} comes from another ShotGrid task` : undefined));
  const written = await repo.upsertTasks(tx, valid.map((item) => item.value), actorId);
  const sgIds = valid.map((item) => item.value.shotgun_id);
  const before = await repo.tasksBySgId(tx, sgIds);
  const changed = await repo.replaceAssignees(tx, before.map((task) => ({ taskId: task.id, personIds: assignees.get(task.shotgun_id ?? 0) ?? [] })));
  const rows = inPayloadOrder(valid, changed.size > 0 ? await repo.tasksBySgId(tx, sgIds) : before);
  return { rows: rows.map((task) => presentTask(task, task.assignees)), ...countOutcome(valid.length, written, changed), failures };
}

const PREVIEW_FIELDS = [
  'id', 'created_at', 'updated_at', 'name', 'original_name', 'revision', 'position', 'extension', 'description', 'path', 'source', 'file_size',
  'status', 'validation_status', 'annotations', 'width', 'height', 'duration', 'data', 'is_movie', 'url', 'uploaded_movie_url',
  'uploaded_movie_name', 'shotgun_id', 'task_id', 'person_id', 'source_file_id',
] as const;

function presentPreview(row: Selectable<PreviewFile>): Record<string, unknown> {
  return { ...Object.fromEntries(PREVIEW_FIELDS.map((field) => [field, row[field]])), type: 'PreviewFile' };
}

/** Versions → preview files (no media): `code`, `description`, `sg_task` (an imported task), `user`, `sg_uploaded_movie` {url, name}. */
export async function importVersions(tx: Tx, entries: unknown[]): Promise<Outcome> {
  const tasks = await idsByShotgunId(tx, 'task', readLinks(entries, (e) => [linkOf(e, 'sg_task')]).map((link) => link.id));
  const people = await idsByShotgunId(tx, 'person', readLinks(entries, (e) => [linkOf(e, 'user')]).map((link) => link.id));
  const { items, failures } = extractAll(entries, (entry): repo.SgVersionValues | null => {
    const task = linkOf(entry, 'sg_task');
    if (!task) return null;
    const taskId = tasks.get(task.id);
    if (!taskId) throw new SgEntryError(`The task ${task.name ?? task.id} of the version has not been imported`);
    const user = linkOf(entry, 'user');
    const movie = entry.sg_uploaded_movie;
    const movieField = (key: 'url' | 'name', max: number) => {
      const value = typeof movie === 'object' && movie !== null ? (movie as Record<string, unknown>)[key] : null;
      return typeof value === 'string' ? value.slice(0, max) : null;
    };
    return {
      shotgun_id: entry.id as number, name: textOf(entry, 'code', { required: true, max: 250 }) ?? '', description: textOf(entry, 'description'),
      task_id: taskId, person_id: user ? (people.get(user.id) ?? null) : null,
      uploaded_movie_url: movieField('url', 600), uploaded_movie_name: movieField('name', 150),
    };
  });
  const unique = rejectDuplicates(items, failures, (v) => `${v.task_id}/${v.name}`, (v) => `Another version of this import is named ${v.name} on the same task`);
  const conflicts = await repo.versionConflicts(tx, unique.map((item) => item.value));
  const valid = rejectWhere(unique, failures, (v) => (conflicts.has(v.shotgun_id) ? `A preview named ${v.name} comes from another ShotGrid version` : undefined));
  const written = await repo.upsertVersions(tx, valid.map((item) => item.value));
  const rows = inPayloadOrder(valid, await repo.versionsBySgId(tx, valid.map((item) => item.value.shotgun_id)));
  return { rows: rows.map(presentPreview), ...countOutcome(valid.length, written), failures };
}

/** Notes → comments on their first task (`tasks`): `content`, `user` (an imported person), `created_at`. Notes without task are skipped. */
export async function importNotes(tx: Tx, entries: unknown[]): Promise<Outcome> {
  const tasks = await idsByShotgunId(tx, 'task', readLinks(entries, (e) => linksOf(e, 'tasks').slice(0, 1)).map((link) => link.id));
  const people = await idsByShotgunId(tx, 'person', readLinks(entries, (e) => [linkOf(e, 'user')]).map((link) => link.id));
  const { items, failures } = extractAll(entries, (entry): repo.SgNoteValues | null => {
    const task = linksOf(entry, 'tasks')[0];
    if (!task) return null;
    const taskId = tasks.get(task.id);
    if (!taskId) throw new SgEntryError(`The task ${task.name ?? task.id} of the note has not been imported`);
    const user = linkOf(entry, 'user');
    const personId = user ? people.get(user.id) : undefined;
    if (!personId) throw new SgEntryError(`The author ${user?.name ?? user?.id ?? ''} of the note has not been imported`);
    return { shotgun_id: entry.id as number, text: textOf(entry, 'content') ?? '', object_id: taskId, person_id: personId, created_at: dateOf(entry, 'created_at') };
  });
  const written = await repo.upsertNotes(tx, items.map((item) => item.value));
  const rows = inPayloadOrder(items, await repo.notesBySgId(tx, items.map((item) => item.value.shotgun_id)));
  return { rows: rows.map(presentComment), ...countOutcome(items.length, written), failures };
}
