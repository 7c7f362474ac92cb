import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import type { Tx } from '../../platform/db/database.ts';
import { errors, pgErrorCode } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { isTrueOption } from './crud-filters.ts';
import { changedKeys, isEmptyBody, readCreateBody, readUpdateBody } from './crud-input.ts';
import { authorize } from './crud.policy.ts';
import { deleteRow as deleteStoredRow, insertLinks, insertRow, linkedIds, lockRow, replaceLinks, resolveProjectId, updateRow as updateStoredRow } from './crud.repository.ts';
import { assertId, presentOne } from './crud.service.ts';
import type { Collection, HookContext, Row } from './crud.types.ts';

type Action = 'new' | 'update' | 'delete';

/** `<kind>:<action>` with `{<kind>_id}` (§7.2): kinds are table names with `-`, entities use their own. */
export function crudEvent(def: Collection, presented: Row, action: Action, projectId: string | null, actorId: string): DomainEvent {
  const kind = def.eventKind?.(presented) ?? def.table.replace(/_/g, '-');
  const extra = action === 'delete' ? (def.deleteEventData?.(presented) ?? {}) : {};
  return { name: `${kind}:${action}`, data: { [`${kind.replace(/-/g, '_')}_id`]: presented.id, ...extra }, projectId, actorId };
}

/**
 * Runs a write in one transaction (the change, its event-log rows and its audit rows commit together;
 * events are broadcast after commit). Named unique constraints become the collection's own messages.
 */
async function inCollectionTransaction<T>(deps: AppDeps, def: Collection, work: (tx: Tx, events: DomainEvent[]) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(deps, work);
  } catch (error) {
    const constraint = (error as { constraint?: unknown }).constraint;
    const mapped = typeof constraint === 'string' ? def.constraintErrors?.[constraint] : undefined;
    throw mapped ? mapped() : error;
  }
}

async function mustPresent(tx: Tx, actor: Actor, def: Collection, id: string, relations: boolean): Promise<Row> {
  const row = await presentOne(tx, actor, def, id, { relations });
  if (!row) throw errors.notFound();
  return row;
}

function withoutRelations(def: Collection, row: Row): Row {
  const out = { ...row };
  for (const key of Object.keys(def.relations ?? {})) delete out[key];
  return out;
}

/** `POST data/<collection>` (§3.3): 201 with the row and its relations. */
export async function createRow(deps: AppDeps, actor: Actor, def: Collection, body: unknown): Promise<Row> {
  if (isEmptyBody(body) || typeof body !== 'object' || Array.isArray(body)) throw errors.emptyBody();
  return inCollectionTransaction(deps, def, async (tx, events) => {
    const ctx: HookContext = { actor, tx, deps, def };
    const { values, links } = readCreateBody(def, body as Row);
    await def.hooks?.deriveCreate?.(ctx, values);
    await authorize(tx, def.policy.create, { actor, object: values, projectId: await resolveProjectId(tx, def.project, values) });
    await def.hooks?.beforeCreate?.(ctx, values, links);
    const id = await insertRow(tx, def, values);
    for (const [key, ids] of Object.entries(links)) await insertLinks(tx, def.relations![key]!, id, ids);
    const extra = await def.hooks?.afterCreate?.(ctx, id, values);
    const presented = await mustPresent(tx, actor, def, id, true);
    const projectId = await resolveProjectId(tx, def.project, { ...values, id });
    events.push(crudEvent(def, presented, 'new', projectId, actor.id), ...(extra?.events ?? []));
    await recordAudit(tx, { actorId: actor.id, action: 'create', objectType: def.table, objectId: id, projectId, after: presented });
    return { ...presented, ...extra?.responseExtra };
  });
}

/** `PUT data/<collection>/<id>` (§3.5): unknown and protected keys ignored; 200 without relations. */
export async function updateRow(deps: AppDeps, actor: Actor, def: Collection, id: string, body: unknown): Promise<Row> {
  assertId(id);
  if (body === null || body === undefined || typeof body !== 'object' || Array.isArray(body)) throw errors.emptyBody();
  return inCollectionTransaction(deps, def, async (tx, events) => {
    const ctx: HookContext = { actor, tx, deps, def };
    const current = await lockRow(tx, def, id);
    if (!current) throw errors.notFound();
    const { values, links } = readUpdateBody(def, body as Row);
    const changed = changedKeys(def, current, values);
    for (const [key, ids] of Object.entries(links)) {
      const existing = await linkedIds(tx, def.relations![key]!, id);
      if (existing.length !== ids.length || existing.some((other) => !ids.includes(other))) changed.push(key);
    }
    const projectId = await resolveProjectId(tx, def.project, current);
    await authorize(tx, def.policy.update, { actor, object: current, projectId, changedKeys: changed });
    const before = await mustPresent(tx, actor, def, id, true);
    await def.hooks?.beforeUpdate?.(ctx, current, values, links);
    await updateStoredRow(tx, def, id, values);
    const linkChanges: Record<string, { added: string[]; removed: string[] }> = {};
    for (const [key, ids] of Object.entries(links)) linkChanges[key] = await replaceLinks(tx, def.relations![key]!, id, ids);
    const extra = await def.hooks?.afterUpdate?.(ctx, current, values, linkChanges);
    const after = await mustPresent(tx, actor, def, id, true);
    events.push(crudEvent(def, after, 'update', projectId, actor.id), ...(extra?.events ?? []));
    await recordAudit(tx, { actorId: actor.id, action: 'update', objectType: def.table, objectId: id, projectId, before, after });
    return { ...(def.updateWithRelations ? after : withoutRelations(def, after)), ...extra?.responseExtra };
  });
}

/** `DELETE data/<collection>/<id>[?force=true]` (§3.6): 204; the collection's hooks cascade or refuse. */
export async function deleteRow(deps: AppDeps, actor: Actor, def: Collection, id: string, query: Record<string, unknown>): Promise<void> {
  assertId(id);
  const force = isTrueOption(query.force);
  await inCollectionTransaction(deps, def, async (tx, events) => {
    const current = await lockRow(tx, def, id);
    if (!current) throw errors.notFound();
    const projectId = await resolveProjectId(tx, def.project, current);
    await authorize(tx, def.policy.delete, { actor, object: current, projectId });
    const before = await mustPresent(tx, actor, def, id, true);
    const outcome = await def.hooks?.beforeDelete?.({ actor, tx, deps, def }, current, force);
    if (outcome === 'handled') {
      // The row was changed instead of deleted (an entity with tasks is only flagged canceled).
      const after = await mustPresent(tx, actor, def, id, true);
      events.push(crudEvent(def, after, 'update', projectId, actor.id));
      await recordAudit(tx, { actorId: actor.id, action: 'update', objectType: def.table, objectId: id, projectId, before, after });
      return;
    }
    try {
      await deleteStoredRow(tx, def, id);
    } catch (error) {
      throw pgErrorCode(error) === '23503' && def.deleteConflictError ? def.deleteConflictError() : error;
    }
    events.push(crudEvent(def, before, 'delete', projectId, actor.id));
    await recordAudit(tx, { actorId: actor.id, action: 'delete', objectType: def.table, objectId: id, projectId, before });
  });
}
