import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { inTransaction } from '../../../platform/db/unit-of-work.ts';
import type { AppDeps } from '../../../platform/http/types.ts';
import { requireItem, resolveScope, targetOrganization, type OwnedItem, type Scope } from './organization-scope.ts';

/**
 * The use-cases shared by the small catalogs an organization holds (subjects, shot types, background
 * presets): list, read, create, update, delete, each scoped by `organization_id` and checked against
 * the item policy. Each catalog brings its store (repository) and names its own use-cases.
 */
export interface OwnedItemStore<Row extends OwnedItem & { id: string }, Values, Changes> {
  /** "Subject": used in "Subject not found". */
  what: string;
  /** Audit object type: "subject". */
  objectType: string;
  list(db: Executor, scope: Scope, page: { skip: number; limit: number }): Promise<{ rows: Row[]; count: number }>;
  find(db: Executor, id: string, options?: { lock?: boolean }): Promise<Row | undefined>;
  insert(db: Executor, values: Values & { owner_id: string; organization_id: string | null }): Promise<Row>;
  update(db: Executor, id: string, changes: Changes): Promise<Row>;
  remove(db: Executor, id: string): Promise<void>;
}

type Deps = Pick<AppDeps, 'db' | 'events'>;

export interface ScopedPage {
  skip: number;
  limit: number;
  organization_id?: string | null;
}

export async function listOwnedItems<Row extends OwnedItem & { id: string }, V, C>(
  deps: Deps, actor: Actor, store: OwnedItemStore<Row, V, C>, query: ScopedPage,
): Promise<{ rows: Row[]; count: number }> {
  const scope = await resolveScope(deps.db, actor, query.organization_id);
  return store.list(deps.db, scope, { skip: query.skip, limit: query.limit });
}

export async function getOwnedItem<Row extends OwnedItem & { id: string }, V, C>(
  deps: Deps, actor: Actor, store: OwnedItemStore<Row, V, C>, id: string, organizationId: string | null | undefined,
): Promise<Row> {
  const scope = await resolveScope(deps.db, actor, organizationId);
  return requireItem(scope, await store.find(deps.db, id), 'read', store.what);
}

/** Creates an item owned by the caller, in the body's organization or else the scope's. */
export async function createOwnedItem<Row extends OwnedItem & { id: string }, V, C>(
  deps: Deps, actor: Actor, store: OwnedItemStore<Row, V, C>,
  input: { scopeOrganizationId: string | null | undefined; bodyOrganizationId: string | null | undefined; values: V },
): Promise<Row> {
  return inTransaction(deps, async (tx) => {
    const scope = await resolveScope(tx, actor, input.scopeOrganizationId);
    const organizationId = await targetOrganization(tx, scope, input.bodyOrganizationId);
    const row = await store.insert(tx, { ...input.values, owner_id: actor.id, organization_id: organizationId });
    await recordAudit(tx, { actorId: actor.id, action: 'create', objectType: store.objectType, objectId: row.id, after: row });
    return row;
  });
}

export async function updateOwnedItem<Row extends OwnedItem & { id: string }, V, C>(
  deps: Deps, actor: Actor, store: OwnedItemStore<Row, V, C>, id: string, organizationId: string | null | undefined, changes: C,
): Promise<Row> {
  return inTransaction(deps, async (tx) => {
    const scope = await resolveScope(tx, actor, organizationId);
    const before = requireItem(scope, await store.find(tx, id, { lock: true }), 'update', store.what);
    const after = await store.update(tx, id, changes);
    await recordAudit(tx, { actorId: actor.id, action: 'update', objectType: store.objectType, objectId: id, before, after });
    return after;
  });
}

export async function deleteOwnedItem<Row extends OwnedItem & { id: string }, V, C>(
  deps: Deps, actor: Actor, store: OwnedItemStore<Row, V, C>, id: string, organizationId: string | null | undefined,
): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const scope = await resolveScope(tx, actor, organizationId);
    const before = requireItem(scope, await store.find(tx, id, { lock: true }), 'delete', store.what);
    await store.remove(tx, id);
    await recordAudit(tx, { actorId: actor.id, action: 'delete', objectType: store.objectType, objectId: id, before });
  });
}

/**
 * The columns a PUT changes: only `fields` (extra body keys are ignored), without the keys it left out,
 * nor those set to null where null means "no change" (`required` columns).
 */
export function changesOf<T extends object, K extends keyof T>(input: T, fields: readonly K[], required: readonly K[] = []): Partial<Pick<T, K>> {
  const changes: Partial<Pick<T, K>> = {};
  for (const key of fields) {
    const value = input[key];
    if (value === undefined || (value === null && required.includes(key))) continue;
    changes[key] = value;
  }
  return changes;
}
