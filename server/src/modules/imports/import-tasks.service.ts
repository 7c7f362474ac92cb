import type { AuditRecord } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { append } from './csv-import.runner.ts';
import type { TaskCells } from './import-cells.ts';
import {
  addAssignations,
  findTasksForPairs,
  insertMissingTasks,
  pairKey,
  postStatusComments,
  type ExistingTask,
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
}

/** Creates the tasks the pairs lack, with `task:new` events and audit rows; answers them by pair. */
export async function createMissingTasks(scope: TaskImportScope, pairs: TaskPair[]): Promise<Map<string, ExistingTask>> {
  const created = await insertMissingTasks(scope.tx, scope.projectId, scope.defaultStatusId, pairs, scope.actorId);
  append(scope.events, created.map((task) => ({ name: 'task:new', data: { task_id: task.id }, projectId: scope.projectId, actorId: scope.actorId })));
  append(scope.audit, created.map((task) => ({
    actorId: scope.actorId, action: 'create', objectType: 'task', objectId: task.id, projectId: scope.projectId,
    after: { entity_id: task.entity_id, task_type_id: task.task_type_id, task_status_id: scope.defaultStatusId, source: 'csv-import' },
  })));
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
  const { tx, events, projectId, actorId } = scope;
  for (const added of await addAssignations(tx, projectId, assignations, actorId)) {
    events.push({ name: 'task:assign', data: { task_id: added.taskId, person_id: added.personId }, projectId, actorId });
    events.push({ name: 'task:update', data: { task_id: added.taskId }, projectId, actorId });
  }
  const posted = await postStatusComments(tx, comments, actorId);
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
