import type { AllTaskStatuses, TaskStatusMutationResult } from '../../../../packages/contracts/src/task-statuses.schema.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { requireCoordinator, requireProjectTeam } from '../studio-tasks/studio-access.policy.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { detailError, pydanticValueError } from '../studio-tasks/studio-http.ts';
import { deriveShortName } from './short-name.ts';
import { presentAllStatuses, presentCustomStatus, studioStatusId } from './task-statuses.presenter.ts';
import * as repo from './task-statuses.repository.ts';
import type { StatusFlags, StatusRow } from './task-statuses.repository.ts';

/** What a create or update may set besides name, colour and default; absent keys are left alone. */
export interface StatusSettingsInput extends Partial<StatusFlags> {
  shortName?: string;
}

/** A new status without flags behaves like Zou's: artists may set it, it is neither done nor a review. */
const NEW_STATUS_FLAGS: StatusFlags = {
  is_done: false, is_artist_allowed: true, is_client_allowed: false, is_feedback_request: false, is_retake: false,
};

const FLAG_KEYS = Object.keys(NEW_STATUS_FLAGS) as Array<keyof StatusFlags>;

function flagsOf(input: Partial<StatusFlags>): Partial<StatusFlags> {
  const flags: Partial<StatusFlags> = {};
  for (const key of FLAG_KEYS) if (input[key] !== undefined) flags[key] = input[key];
  return flags;
}

/** A short code chosen by the studio, refused when another status of the project or a global one has it. */
async function chosenShortName(tx: Tx, projectId: string, shortName: string, selfId?: string): Promise<string> {
  const taken = await repo.takenShortNames(tx, projectId, selfId);
  if (taken.has(shortName.toLowerCase())) throw detailError(400, `The short name '${shortName}' is already used by another task status`);
  return shortName;
}

/**
 * Per-project custom task statuses (seed 001). Every mutation locks the project row first, so that
 * concurrent mutations of one project's statuses run one after the other.
 */

export const MESSAGES = {
  created: 'Custom task status created successfully',
  updated: 'Custom task status updated successfully',
  deleted: 'Custom task status deleted successfully',
  reordered: 'Custom task statuses reordered successfully',
} as const;

const REORDER_MODEL = 'CustomTaskStatusReorder';

async function allStatuses(db: Executor, projectId: string): Promise<AllTaskStatuses> {
  return presentAllStatuses(await repo.listCustomStatuses(db, projectId), await repo.listSystemStatuses(db));
}

/** GET: the project's custom statuses, the system ones and the default; any team member. */
export async function listTaskStatuses(actor: Actor, input: { projectId: string }, db: Executor): Promise<AllTaskStatuses> {
  await requireProjectTeam(db, actor, input.projectId);
  return allStatuses(db, input.projectId);
}

async function beginStatusMutation(actor: Actor, projectId: string, tx: Tx): Promise<void> {
  requireCoordinator(actor);
  await requireProjectTeam(tx, actor, projectId);
  await repo.lockProjectForStatusChange(tx, projectId);
}

/** The custom status a PUT/DELETE targets; system statuses are refused with a 400 that says so. */
async function customTarget(tx: Tx, projectId: string, statusId: string, verb: 'edited' | 'deleted'): Promise<StatusRow> {
  const row = isUuid(statusId) ? await repo.findStatusById(tx, statusId) : await repo.findSystemStatus(tx, statusId);
  if (row?.system_key) throw detailError(400, `System status '${row.system_key}' cannot be ${verb}`);
  if (!row || row.project_id !== projectId) throw detailError(404, `Task status not found: ${statusId}`);
  return row;
}

function assertNameFree(name: string, rows: StatusRow[], selfId?: string): void {
  const clash = rows.find((row) => row.id !== selfId && row.name.toLowerCase() === name.toLowerCase());
  if (clash) throw detailError(400, `A task status named '${clash.name}' already exists in this project`);
}

function cleanName(name: string, model: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw detailError(422, pydanticValueError(model, 'name', 'Name cannot be empty'));
  return trimmed;
}

const audit = (actor: Actor, projectId: string, action: string, objectId: string, before?: unknown, after?: unknown) => ({
  actorId: actor.id, action, objectType: 'task_status', objectId, projectId, before, after,
});

export async function createTaskStatus(
  actor: Actor,
  input: { projectId: string; name: string; color: string; isDefault?: boolean } & StatusSettingsInput,
  tx: Tx,
  events: DomainEvent[],
): Promise<TaskStatusMutationResult> {
  const { projectId } = input;
  await beginStatusMutation(actor, projectId, tx);
  const name = cleanName(input.name, 'CustomTaskStatusCreate');
  const custom = await repo.listCustomStatuses(tx, projectId);
  assertNameFree(name, [...custom, ...(await repo.listSystemStatuses(tx))]);
  if (input.isDefault) await repo.clearCustomDefault(tx, projectId);
  const order = custom.reduce((max, row) => Math.max(max, row.sort_order + 1), 0);
  const shortName = input.shortName !== undefined
    ? await chosenShortName(tx, projectId, input.shortName)
    : deriveShortName(name, await repo.takenShortNames(tx, projectId));
  const flags = { ...NEW_STATUS_FLAGS, ...flagsOf(input) };
  const row = await repo.insertCustomStatus(tx, { projectId, name, shortName, color: input.color, isDefault: input.isDefault ?? false, order, flags });
  await repo.linkStatusToProject(tx, projectId, row.id, order + 1);
  await recordAudit(tx, audit(actor, projectId, 'create', row.id, undefined, presentCustomStatus(row)));
  events.push({ name: 'task-status:new', data: { task_status_id: row.id }, projectId, actorId: actor.id });
  return { message: MESSAGES.created, status: presentCustomStatus(row), all_statuses: await allStatuses(tx, projectId) };
}

export async function updateTaskStatus(
  actor: Actor,
  input: { projectId: string; statusId: string; name?: string; color?: string; isDefault?: boolean } & StatusSettingsInput,
  tx: Tx,
  events: DomainEvent[],
): Promise<TaskStatusMutationResult> {
  const { projectId } = input;
  await beginStatusMutation(actor, projectId, tx);
  const current = await customTarget(tx, projectId, input.statusId, 'edited');
  const patch: Parameters<typeof repo.updateCustomStatus>[2] = flagsOf(input);
  if (input.shortName !== undefined && input.shortName !== current.short_name) {
    patch.short_name = await chosenShortName(tx, projectId, input.shortName, current.id);
  }
  if (input.name !== undefined) {
    patch.name = cleanName(input.name, 'CustomTaskStatusUpdate');
    assertNameFree(patch.name, [...(await repo.listCustomStatuses(tx, projectId)), ...(await repo.listSystemStatuses(tx))], current.id);
  }
  if (input.color !== undefined) patch.color = input.color;
  if (input.isDefault !== undefined) patch.is_default = input.isDefault;
  if (input.isDefault && !current.is_default) await repo.clearCustomDefault(tx, projectId);
  const row = Object.keys(patch).length > 0 ? await repo.updateCustomStatus(tx, current.id, patch) : current;
  await recordAudit(tx, audit(actor, projectId, 'update', row.id, presentCustomStatus(current), presentCustomStatus(row)));
  events.push({ name: 'task-status:update', data: { task_status_id: row.id }, projectId, actorId: actor.id });
  return { message: MESSAGES.updated, status: presentCustomStatus(row), all_statuses: await allStatuses(tx, projectId) };
}

/** `reassign_to`: a system key or a custom status of the same project, other than the one deleted. */
async function reassignTarget(tx: Tx, projectId: string, reassignTo: string, deletedId: string): Promise<StatusRow> {
  const row = isUuid(reassignTo) ? await repo.findCustomStatus(tx, projectId, reassignTo) : await repo.findSystemStatus(tx, reassignTo);
  if (!row) throw detailError(400, `Reassignment status not found: ${reassignTo}`);
  if (row.id === deletedId) throw detailError(400, 'Cannot reassign tasks to the status being deleted');
  return row;
}

export async function deleteTaskStatus(
  actor: Actor,
  input: { projectId: string; statusId: string; reassignTo?: string },
  tx: Tx,
  events: DomainEvent[],
): Promise<TaskStatusMutationResult> {
  const { projectId } = input;
  await beginStatusMutation(actor, projectId, tx);
  const status = await customTarget(tx, projectId, input.statusId, 'deleted');
  const target = input.reassignTo !== undefined ? await reassignTarget(tx, projectId, input.reassignTo, status.id) : undefined;
  const usage = await repo.countStatusUsage(tx, status.id);
  if (!target && (usage.tasks > 0 || usage.comments > 0)) {
    const comments = usage.comments > 0 ? ` and ${usage.comments} comment(s)` : '';
    throw detailError(
      409,
      `Cannot delete task status '${status.name}': it is used by ${usage.tasks} task(s)${comments}. ` +
        'Pass reassign_to=<status id> to move them to another status.',
    );
  }
  if (target) {
    const moved = await repo.reassignStatus(tx, status.id, target.id);
    const change = (row: StatusRow) => ({ task_status_id: row.id, status: studioStatusId(row) });
    await recordAudit(tx, moved.map((task) => ({
      actorId: actor.id, action: 'update', objectType: 'task', objectId: task.id, projectId: task.project_id,
      before: change(status), after: change(target),
    })));
    events.push(...moved.map((task) => ({ name: 'task:update', data: { task_id: task.id }, projectId: task.project_id, actorId: actor.id })));
  }
  await repo.deleteStatus(tx, status.id);
  const remaining = await repo.listCustomStatuses(tx, projectId);
  await repo.setCustomOrder(tx, projectId, remaining.map((row) => row.id));
  await recordAudit(tx, audit(actor, projectId, 'delete', status.id, presentCustomStatus(status), target ? { reassigned_to: studioStatusId(target) } : undefined));
  events.push({ name: 'task-status:delete', data: { task_status_id: status.id }, projectId, actorId: actor.id });
  return { message: MESSAGES.deleted, status: presentCustomStatus(status), all_statuses: await allStatuses(tx, projectId) };
}

/** The seed's list checks, in its order: not empty and no duplicates (422), then completeness (400). */
function checkReorderList(statusIds: string[], custom: StatusRow[], systemKeys: Set<string>): void {
  if (statusIds.length === 0) throw detailError(422, pydanticValueError(REORDER_MODEL, 'status_ids', 'Status IDs list cannot be empty'));
  if (new Set(statusIds).size !== statusIds.length) {
    throw detailError(422, pydanticValueError(REORDER_MODEL, 'status_ids', 'Status IDs list contains duplicates'));
  }
  const system = statusIds.filter((id) => systemKeys.has(id));
  if (system.length > 0) throw detailError(400, `System statuses cannot be reordered: ${system.join(', ')}`);
  const given = new Set(statusIds);
  const missing = custom.filter((row) => !given.has(row.id)).map((row) => row.id);
  if (missing.length > 0) throw detailError(400, `Missing status IDs in reorder request: ${missing.join(', ')}`);
  const known = new Set(custom.map((row) => row.id));
  const unknown = statusIds.filter((id) => !known.has(id));
  if (unknown.length > 0) throw detailError(400, `Status IDs not found: ${unknown.join(', ')}`);
}

/** PATCH reorder: order 0..n-1 in the given sequence; the default is left as it is. */
export async function reorderTaskStatuses(
  actor: Actor,
  input: { projectId: string; statusIds: string[] },
  tx: Tx,
  events: DomainEvent[],
): Promise<TaskStatusMutationResult> {
  const { projectId, statusIds } = input;
  await beginStatusMutation(actor, projectId, tx);
  const custom = await repo.listCustomStatuses(tx, projectId);
  const system = await repo.listSystemStatuses(tx);
  checkReorderList(statusIds, custom, new Set(system.flatMap((row) => [row.system_key ?? '', row.id])));
  await repo.setCustomOrder(tx, projectId, statusIds);
  await recordAudit(tx, {
    actorId: actor.id, action: 'reorder-task-statuses', objectType: 'project', objectId: projectId, projectId,
    before: custom.map((row) => row.id), after: statusIds,
  });
  events.push({ name: 'project:update', data: {}, projectId, actorId: actor.id });
  return { message: MESSAGES.reordered, status: null, all_statuses: await allStatuses(tx, projectId) };
}
