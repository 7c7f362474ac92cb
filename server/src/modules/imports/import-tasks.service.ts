import type { AuditRecord } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { append } from './csv-import.runner.ts';
import type { TaskCells } from './import-cells.ts';
import {
  addAssignations,
  findTasksForPairs,
  insertMissingTasks,
  insertTaskComments,
  insertTasksInStatus,
  pairKey,
  postStatusComments,
  type Assignation,
  type BornTask,
  type ExistingTask,
  type PostedComment,
  type StatusComment,
  type TaskPair,
  type TaskState,
} from './import-tasks.repository.ts';

/** The task side of a shots / assets import batch: missing tasks, then the rows' task columns. */

export interface TaskImportScope {
  tx: Tx;
  events: DomainEvent[];
  /** Audit rows, written by the runner once the whole file is imported. */
  audit: AuditRecord[];
  projectId: string;
  actorId: string;
  /** The project's default task status (its own default, else Not Started). */
  defaultStatusId: string;
  /**
   * A dry run: the task side is not written at all. It only ever inserts rows whose every value was
   * resolved and checked while parsing (ids, statuses, names), so the entities' own writes are what
   * can refuse a file; the preview reports the rows' actions, which do not depend on the tasks.
   */
  dryRun: boolean;
}

/** `task:new` events and creation audit rows (in the default status: a status cell then moves them, as a comment). */
function recordCreatedTasks(scope: TaskImportScope, created: Array<{ id: string; entity_id: string; task_type_id: string }>): void {
  append(scope.events, created.map((task) => ({ name: 'task:new', data: { task_id: task.id }, projectId: scope.projectId, actorId: scope.actorId })));
  append(scope.audit, created.map((task) => ({
    actorId: scope.actorId, action: 'create', objectType: 'task', objectId: task.id, projectId: scope.projectId,
    after: { entity_id: task.entity_id, task_type_id: task.task_type_id, task_status_id: scope.defaultStatusId, source: 'csv-import' },
  })));
}

/** Creates the tasks the pairs lack, with `task:new` events and audit rows; answers them by pair. */
export async function createMissingTasks(scope: TaskImportScope, pairs: TaskPair[]): Promise<Map<string, ExistingTask>> {
  if (scope.dryRun) return new Map();
  const created = await insertMissingTasks(scope.tx, scope.projectId, scope.defaultStatusId, pairs, scope.actorId);
  recordCreatedTasks(scope, created);
  return new Map(created.map((task) => [pairKey(task.entity_id, task.task_type_id), { ...task, task_status_id: scope.defaultStatusId }]));
}

/**
 * True when `applyTaskCells` would change an entity's tasks (`tasks`: its tasks by task type): a task
 * to create, another status, a comment to post or someone to assign (assignees are only ever added).
 */
export function taskCellsChange(cells: TaskCells[], tasks: ReadonlyMap<string, TaskState>): boolean {
  return cells.some((cell) => {
    const task = tasks.get(cell.taskTypeId);
    if (!task || cell.comment !== null) return true;
    if (cell.statusId !== null && cell.statusId !== task.task_status_id) return true;
    return cell.assignees.some((personId) => !task.assignees.includes(personId));
  });
}

/**
 * Applies `<Task Type>`, `<Task Type> comment` and `<Task Type> assignations` cells: the task is created
 * when missing, assignees are added, and a new status (or a comment) is posted as a comment by the
 * importer, which moves the task like any comment. `created`: tasks this import just created (by
 * pair), which need neither a second look-up nor a lock.
 */
export async function applyTaskCells(
  scope: TaskImportScope,
  items: Array<{ entityId: string; cells: TaskCells[] }>,
  created: ReadonlyMap<string, ExistingTask> = new Map(),
): Promise<void> {
  if (scope.dryRun) return;
  const pairs = items.flatMap((item) => item.cells.map((cell) => ({ entityId: item.entityId, taskTypeId: cell.taskTypeId })));
  if (pairs.length === 0) return;
  const others = pairs.filter((pair) => !created.has(pairKey(pair.entityId, pair.taskTypeId)));
  if (others.length > 0) await createMissingTasks(scope, others);
  const tasks = await findTasksForPairs(scope.tx, others);
  for (const [key, task] of created) if (!tasks.has(key)) tasks.set(key, task);
  const assignations = [];
  const comments = [];
  for (const item of items) {
    for (const cell of item.cells) {
      const task = tasks.get(pairKey(item.entityId, cell.taskTypeId));
      if (!task) continue;
      for (const personId of cell.assignees) assignations.push({ taskId: task.id, personId });
      if (cell.comment !== null || (cell.statusId !== null && cell.statusId !== task.task_status_id)) {
        comments.push({ taskId: task.id, statusId: cell.statusId ?? task.task_status_id, text: cell.comment ?? '' });
      }
    }
  }
  await recordAssignations(scope, assignations);
  recordStatusComments(scope, await postStatusComments(scope.tx, comments, scope.actorId));
}

/** Adds the assignees, with `task:assign` and `task:update` events. */
async function recordAssignations(scope: TaskImportScope, assignations: Assignation[]): Promise<void> {
  const { tx, events, projectId, actorId } = scope;
  for (const added of await addAssignations(tx, projectId, assignations, actorId)) {
    events.push({ name: 'task:assign', data: { task_id: added.taskId, person_id: added.personId }, projectId, actorId });
    events.push({ name: 'task:update', data: { task_id: added.taskId }, projectId, actorId });
  }
}

/** The events and audit rows of posted status comments, as the comment route leaves them. */
function recordStatusComments(scope: TaskImportScope, posted: PostedComment[]): void {
  const { events, projectId, actorId } = scope;
  for (const comment of posted) {
    events.push({ name: 'comment:new', data: { comment_id: comment.comment_id, task_id: comment.task_id, task_status_id: comment.task_status_id }, projectId, actorId });
    events.push({ name: 'task:update', data: { task_id: comment.task_id }, projectId, actorId });
    if (comment.task_status_id !== comment.previous_status_id) {
      events.push({
        name: 'task:status-changed',
        data: { task_id: comment.task_id, new_task_status_id: comment.task_status_id, previous_task_status_id: comment.previous_status_id, person_id: actorId },
        projectId, actorId,
      });
    }
  }
  append(scope.audit, posted.map((comment) => ({
    actorId, action: 'comment-status', objectType: 'task', objectId: comment.task_id, projectId,
    before: { task_status_id: comment.previous_status_id }, after: { task_status_id: comment.task_status_id, comment_id: comment.comment_id, source: 'csv-import' },
  })));
}

/**
 * The tasks of entities this import just created: one per task type (`taskTypeIds`, plus any type a
 * cell names), each born in the status its cell gives, then the cells' assignees, and a comment
 * wherever the cell sets another status than the default or has a comment — the same tasks, history,
 * events and audit rows as creating them in the default status and posting the cells, in fewer writes.
 */
export async function createEntityTasks(scope: TaskImportScope, items: Array<{ entityId: string; taskTypeIds: readonly string[]; cells: TaskCells[] }>): Promise<void> {
  if (scope.dryRun || items.length === 0) return;
  const born: BornTask[] = [];
  const cellOf = new Map<string, TaskCells>();
  for (const item of items) {
    const typeIds = new Set(item.taskTypeIds);
    for (const cell of item.cells) {
      typeIds.add(cell.taskTypeId);
      cellOf.set(pairKey(item.entityId, cell.taskTypeId), cell);
    }
    for (const taskTypeId of typeIds) {
      const cell = cellOf.get(pairKey(item.entityId, taskTypeId));
      const statusId = cell?.statusId ?? scope.defaultStatusId;
      born.push({ entityId: item.entityId, taskTypeId, statusId, commented: cell !== undefined && (cell.comment !== null || statusId !== scope.defaultStatusId) });
    }
  }
  const created = await insertTasksInStatus(scope.tx, scope.projectId, scope.defaultStatusId, born, scope.actorId);
  recordCreatedTasks(scope, created);
  const assignations: Assignation[] = [];
  const comments: StatusComment[] = [];
  for (const task of created) {
    const cell = cellOf.get(pairKey(task.entity_id, task.task_type_id));
    if (!cell) continue;
    for (const personId of cell.assignees) assignations.push({ taskId: task.id, personId });
    if (cell.comment !== null || task.task_status_id !== scope.defaultStatusId) comments.push({ taskId: task.id, statusId: task.task_status_id, text: cell.comment ?? '' });
  }
  await recordAssignations(scope, assignations);
  const posted = await insertTaskComments(scope.tx, comments, scope.actorId);
  recordStatusComments(scope, posted.map((comment) => ({ ...comment, previous_status_id: scope.defaultStatusId })));
}
