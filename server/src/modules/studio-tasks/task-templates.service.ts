import type { TaskTemplates } from '../../../../packages/contracts/src/studio-tasks.schema.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { requireCoordinator, requireProjectTeam } from './studio-access.policy.ts';
import { detailError } from './studio-http.ts';
import { allowedTaskTypes, type StudioKind } from './studio-tasks.repository.ts';
import { ensureTasks, resolveTaskType, type EnsuredTask } from './task-provisioning.ts';
import * as repo from './task-templates.repository.ts';

/**
 * Project task templates: the task types created automatically for every new shot / asset of a
 * project (the seed's "project defaults" and "template support").
 */

const KEYS: Record<StudioKind, 'shot' | 'asset'> = { Shot: 'shot', Asset: 'asset' };

async function loadTemplates(db: Executor, projectId: string): Promise<TaskTemplates> {
  const result: TaskTemplates = { shot: [], asset: [] };
  for (const row of await repo.listTemplates(db, projectId)) {
    result[KEYS[row.for_entity]].push({ id: row.id, name: row.name, short_name: row.short_name });
  }
  return result;
}

export async function getTaskTemplates(actor: Actor, input: { projectId: string }, db: Executor): Promise<TaskTemplates> {
  await requireProjectTeam(db, actor, input.projectId);
  return loadTemplates(db, input.projectId);
}

/** Resolves names, short names or ids against the task types the project uses; unknown ones are a 400. */
async function resolveList(tx: Tx, projectId: string, kind: StudioKind, values: string[]): Promise<string[]> {
  const allowed = await allowedTaskTypes(tx, [projectId], kind);
  const unknown = values.filter((value) => !resolveTaskType(allowed, value));
  if (unknown.length > 0) {
    const names = allowed.map((type) => type.name);
    throw detailError(400, `Unknown task types for ${KEYS[kind]}s: ${unknown.join(', ')}. Allowed task types: ${names.join(', ') || 'none'}`, {
      allowed_task_types: names,
    });
  }
  return [...new Set(values.map((value) => resolveTaskType(allowed, value)?.id ?? ''))];
}

/** PUT: replaces the template of each kind given (an omitted kind is left unchanged). */
export async function setTaskTemplates(
  actor: Actor,
  input: { projectId: string; shot?: string[]; asset?: string[] },
  tx: Tx,
  events: DomainEvent[],
): Promise<TaskTemplates> {
  const { projectId } = input;
  requireCoordinator(actor);
  await requireProjectTeam(tx, actor, projectId);
  const before = await loadTemplates(tx, projectId);
  for (const kind of ['Shot', 'Asset'] as const) {
    const values = input[KEYS[kind]];
    if (values !== undefined) await repo.replaceTemplate(tx, projectId, kind, await resolveList(tx, projectId, kind, values));
  }
  const after = await loadTemplates(tx, projectId);
  const names = (templates: TaskTemplates) => ({ shot: templates.shot.map((t) => t.name), asset: templates.asset.map((t) => t.name) });
  await recordAudit(tx, {
    actorId: actor.id, action: 'update-task-templates', objectType: 'project', objectId: projectId, projectId,
    before: names(before), after: names(after),
  });
  events.push({ name: 'project:update', data: {}, projectId, actorId: actor.id });
  return after;
}

/**
 * Creates the template tasks of newly created shots/assets, in the creating transaction. Call it from
 * the shot and asset creation services with the new entity ids; other kinds are ignored, tasks that
 * already exist are kept. Pass the unit of work's events so that `task:new` is emitted after commit.
 */
export async function applyTaskTemplates(
  tx: Tx,
  entityIds: string[],
  options: { actorId?: string | null; events?: DomainEvent[] } = {},
): Promise<EnsuredTask[]> {
  const pairs = await repo.templatedPairs(tx, entityIds);
  if (pairs.length === 0) return [];
  const items = pairs.map((pair) => ({
    entity: { id: pair.entity_id, name: pair.entity_name, project_id: pair.project_id },
    taskType: { id: pair.task_type_id, name: pair.task_type_name },
  }));
  const ensured = await ensureTasks(tx, items, { actorId: options.actorId ?? null, events: options.events });
  return [...ensured.values()];
}
