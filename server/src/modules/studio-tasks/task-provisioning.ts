import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { defaultStatusesOf } from '../task-statuses/task-statuses.repository.ts';
import { studioStatusId } from '../task-statuses/task-statuses.presenter.ts';
import * as repo from './studio-tasks.repository.ts';
import type { EntityRow, StudioTaskRow, TaskTypeRow } from './studio-tasks.repository.ts';

/**
 * The one way studio code creates tasks (single route, bulk route, templates): idempotent and
 * set-based. Per (entity, task type) pair, an existing task of that type is kept; otherwise one task
 * is inserted, named "{entity} - {Task Type}", in the project's default status, with no assignee.
 */

export interface TaskToEnsure {
  entity: Pick<EntityRow, 'id' | 'name' | 'project_id'>;
  taskType: Pick<TaskTypeRow, 'id' | 'name'>;
}

export interface EnsuredTask {
  task: StudioTaskRow;
  created: boolean;
}

const TASK_NAME_MAX = 80;
export const pairKey = (entityId: string, taskTypeId: string): string => `${entityId}:${taskTypeId}`;

/** Resolves what a caller typed (id, name or short name, case-insensitive) among the allowed task types. */
export function resolveTaskType<T extends Pick<TaskTypeRow, 'id' | 'name' | 'short_name'>>(allowed: T[], value: string): T | undefined {
  const wanted = value.trim().toLowerCase();
  return (
    allowed.find((type) => type.id === wanted) ??
    allowed.find((type) => type.name.toLowerCase() === wanted) ??
    allowed.find((type) => type.short_name?.toLowerCase() === wanted)
  );
}

export function taskNameFor(entityName: string, taskTypeName: string): string {
  return `${entityName} - ${taskTypeName}`.slice(0, TASK_NAME_MAX);
}

export const studioTaskStatus = (task: StudioTaskRow): string =>
  studioStatusId({ id: task.task_status_id, system_key: task.status_system_key, project_id: task.status_project_id, short_name: task.status_short_name });

/**
 * Ensures one task per pair, in the caller's transaction; audit rows and `task:new` events are added
 * for the tasks this call created. Returns the tasks keyed by `pairKey`.
 */
export async function ensureTasks(
  tx: Tx,
  items: TaskToEnsure[],
  options: { actorId: string | null; events?: DomainEvent[] },
): Promise<Map<string, EnsuredTask>> {
  const byKey = new Map<string, TaskToEnsure>();
  for (const item of items) byKey.set(pairKey(item.entity.id, item.taskType.id), item);
  const unique = [...byKey.values()];
  const projectIds = [...new Set(unique.map((item) => item.entity.project_id))].sort();
  await repo.lockProjectsForTaskCreation(tx, projectIds);
  const defaults = await defaultStatusesOf(tx, projectIds);
  const rows = unique.map(({ entity, taskType }) => {
    const status = defaults.get(entity.project_id);
    // Migration 0003 creates Not Started; only a hand-edited database lacks it.
    if (!status) throw new Error('The system status "not_started" is missing');
    return {
      entity_id: entity.id,
      task_type_id: taskType.id,
      project_id: entity.project_id,
      task_status_id: status.id,
      name: taskNameFor(entity.name, taskType.name),
      description: `${taskType.name} task for ${entity.name}`,
    };
  });
  const inserted = new Set((await repo.insertMissingTasks(tx, rows, options.actorId)).map((row) => row.id));
  const tasks = await repo.findTasksForPairs(tx, rows);
  const result = new Map<string, EnsuredTask>();
  for (const task of tasks) result.set(pairKey(task.entity_id, task.task_type_id), { task, created: inserted.has(task.id) });
  const created = tasks.filter((task) => inserted.has(task.id));
  await recordAudit(tx, created.map((task) => ({
    actorId: options.actorId, action: 'create', objectType: 'task', objectId: task.id, projectId: task.project_id,
    after: {
      name: task.name, entity_id: task.entity_id, task_type_id: task.task_type_id, task_type: task.task_type_name,
      task_status_id: task.task_status_id, status: studioTaskStatus(task), assigned_user_id: null,
    },
  })));
  options.events?.push(...created.map((task) => ({
    name: 'task:new', data: { task_id: task.id }, projectId: task.project_id, actorId: options.actorId,
  })));
  return result;
}
