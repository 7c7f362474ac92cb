import { BULK_MAX_TASKS, type TaskStatusInfo } from '../../../../packages/contracts/src/studio-tasks.schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { requireCoordinator, requireTeamOfExistingProject } from './studio-access.policy.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { detailError, studioErrors } from './studio-http.ts';
import * as repo from './studio-tasks.repository.ts';
import type { EntityRow, StudioKind, StudioTaskRow, TaskTypeRow } from './studio-tasks.repository.ts';
import { ensureTasks, pairKey, resolveTaskType, studioTaskStatus, type TaskToEnsure } from './task-provisioning.ts';

/** Seed 000: create the task of a shot/asset for a task type, idempotently; and its bulk form. */

const PLURAL: Record<StudioKind, string> = { Shot: 'shots', Asset: 'assets' };
const notFound = (kind: StudioKind) => (kind === 'Shot' ? studioErrors.shotNotFound() : studioErrors.assetNotFound());
const notFoundText = (kind: StudioKind) => `${kind} not found`;

export function presentTaskInfo(task: StudioTaskRow): TaskStatusInfo {
  return {
    task_type: task.task_type_name,
    task_type_id: task.task_type_id,
    status: studioTaskStatus(task),
    task_id: task.id,
    assigned_user_id: task.assigned_user_id,
  };
}

function unknownTaskTypeText(value: string, kind: StudioKind, allowed: TaskTypeRow[]): string {
  if (allowed.length === 0) return `Invalid task type '${value}': this project uses no task type for ${PLURAL[kind]}`;
  return `Invalid task type '${value}'. Allowed task types for ${PLURAL[kind]}: ${allowed.map((type) => type.name).join(', ')}`;
}

/**
 * `POST /shots/{id}/tasks?task_type=` and its asset twin. Returns `created: false` with the existing
 * task when the entity already has a task of that type (whatever its name).
 */
export async function createEntityTask(
  actor: Actor,
  input: { kind: StudioKind; entityId: string; taskType: string },
  tx: Tx,
  events: DomainEvent[],
): Promise<{ created: boolean; info: TaskStatusInfo }> {
  requireCoordinator(actor);
  const [entity] = isUuid(input.entityId) ? await repo.findEntities(tx, [input.entityId]) : [];
  if (!entity || entity.kind !== input.kind) throw notFound(input.kind);
  await requireTeamOfExistingProject(tx, actor, entity.project_id);
  const allowed = await repo.allowedTaskTypes(tx, [entity.project_id], input.kind);
  const taskType = resolveTaskType(allowed, input.taskType);
  if (!taskType) {
    throw detailError(400, unknownTaskTypeText(input.taskType, input.kind, allowed), { allowed_task_types: allowed.map((t) => t.name) });
  }
  const ensured = (await ensureTasks(tx, [{ entity, taskType }], { actorId: actor.id, events })).get(pairKey(entity.id, taskType.id));
  if (!ensured) throw new Error('ensureTasks returned no task for the requested pair');
  return { created: ensured.created, info: presentTaskInfo(ensured.task) };
}

export interface BulkItem {
  entity_id: string;
  task_type: string;
  created: boolean;
  task_id: string | null;
  status: string | null;
  error?: string;
}

const failed = (entityId: string, taskType: string, error: string): BulkItem => ({
  entity_id: entityId, task_type: taskType, created: false, task_id: null, status: null, error,
});

/**
 * Bulk creation: every entity × every task type, in one transaction and a constant number of
 * statements. Items that cannot be served (unknown entity, other project, unknown type) carry an
 * error; the others are created or reported as existing. Rerunning it creates nothing.
 */
export async function bulkCreateTasks(
  actor: Actor,
  input: { kind: StudioKind; entityIds: string[]; taskTypes: string[] },
  tx: Tx,
  events: DomainEvent[],
): Promise<{ results: BulkItem[]; created: number; existing: number; errors: number }> {
  requireCoordinator(actor);
  const { kind } = input;
  const size = Math.max(input.entityIds.length, input.taskTypes.length, input.entityIds.length * input.taskTypes.length);
  if (size > BULK_MAX_TASKS) {
    throw detailError(413, `Batch too large: ${size} items requested, at most ${BULK_MAX_TASKS} per request`);
  }
  const entityIds = [...new Set(input.entityIds)];
  const typeValues = [...new Set(input.taskTypes)];
  const entities = new Map<string, EntityRow>();
  for (const row of await repo.findEntities(tx, entityIds.filter(isUuid))) if (row.kind === kind) entities.set(row.id, row);
  const projectIds = [...new Set([...entities.values()].map((row) => row.project_id))];
  const members = actor.role === 'admin' ? new Set(projectIds) : await repo.memberProjectIds(tx, actor.id, projectIds);
  const allowedByProject = new Map<string, TaskTypeRow[]>();
  for (const type of await repo.allowedTaskTypes(tx, projectIds, kind)) {
    allowedByProject.set(type.project_id, [...(allowedByProject.get(type.project_id) ?? []), type]);
  }

  const planned: Array<BulkItem | { pending: TaskToEnsure }> = [];
  for (const entityId of entityIds) {
    const entity = entities.get(entityId);
    for (const value of typeValues) {
      if (!entity) planned.push(failed(entityId, value, notFoundText(kind)));
      else if (!members.has(entity.project_id)) planned.push(failed(entityId, value, 'Access denied to this project'));
      else {
        const allowed = allowedByProject.get(entity.project_id) ?? [];
        const taskType = resolveTaskType(allowed, value);
        planned.push(taskType ? { pending: { entity, taskType } } : failed(entityId, value, unknownTaskTypeText(value, kind, allowed)));
      }
    }
  }
  const pending = planned.flatMap((item) => ('pending' in item ? [item.pending] : []));
  const ensured = await ensureTasks(tx, pending, { actorId: actor.id, events });
  const reported = new Set<string>();
  const results = planned.map((item): BulkItem => {
    if (!('pending' in item)) return item;
    const { entity, taskType } = item.pending;
    const key = pairKey(entity.id, taskType.id);
    const done = ensured.get(key);
    if (!done) return failed(entity.id, taskType.name, 'Task could not be created');
    // Two spellings of one task type ("layout", "LAYOUT") name one task: only the first reports its creation.
    const created = done.created && !reported.has(key);
    reported.add(key);
    return { entity_id: entity.id, task_type: taskType.name, created, task_id: done.task.id, status: studioTaskStatus(done.task) };
  });
  const count = (test: (item: BulkItem) => boolean) => results.filter(test).length;
  return { results, created: count((r) => r.created), existing: count((r) => !r.created && !r.error), errors: count((r) => Boolean(r.error)) };
}
