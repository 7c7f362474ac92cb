import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { OrganizationRole } from '../../../../../packages/contracts/src/set-designs/organizations.schema.ts';
import { authorizeItem, type ItemAction, type ItemRelation } from './organization.policy.ts';
import { memberOrganizationIds, roleIn } from './organization.repository.ts';
import { v1Errors } from './v1-errors.ts';

/**
 * What an /api/v1 request reaches, from its `organization_id` query parameter (seed 003):
 * - with it: that organization's items, for its members (and studio admins); others get 404;
 * - without it: the caller's own items (those in organizations he has left excepted);
 * - without it, for a studio admin: everything.
 */
export type Scope =
  | { kind: 'organization'; actor: Actor; organizationId: string; role: OrganizationRole | null }
  | { kind: 'own'; actor: Actor; organizationIds: string[] }
  | { kind: 'all'; actor: Actor };

/** An item as far as scoping is concerned. */
export interface OwnedItem {
  owner_id: string;
  organization_id: string | null;
}

export async function resolveScope(db: Executor, actor: Actor, organizationId: string | null | undefined): Promise<Scope> {
  if (organizationId) {
    const role = await roleIn(db, organizationId, actor.id);
    if (role === null && !(actor.role === 'admin' && (await organizationExists(db, organizationId)))) {
      throw v1Errors.notFound('Organization');
    }
    return { kind: 'organization', actor, organizationId, role };
  }
  if (actor.role === 'admin') return { kind: 'all', actor };
  return { kind: 'own', actor, organizationIds: await memberOrganizationIds(db, actor.id) };
}

async function organizationExists(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('organization').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** SQL condition selecting the rows of `table` the scope reaches. */
export function scopeCondition(scope: Scope, table: string): RawBuilder<boolean> {
  const owner = sql.ref(`${table}.owner_id`);
  const organization = sql.ref(`${table}.organization_id`);
  switch (scope.kind) {
    case 'organization':
      return sql<boolean>`${organization} = ${scope.organizationId}`;
    case 'own':
      return sql<boolean>`(${owner} = ${scope.actor.id} AND (${organization} IS NULL OR ${organization} = ANY(${scope.organizationIds}::uuid[])))`;
    case 'all':
      return sql<boolean>`true`;
  }
}

export function inScope(scope: Scope, item: OwnedItem): boolean {
  switch (scope.kind) {
    case 'organization':
      return item.organization_id === scope.organizationId;
    case 'own':
      return item.owner_id === scope.actor.id && (item.organization_id === null || scope.organizationIds.includes(item.organization_id));
    case 'all':
      return true;
  }
}

export function relationTo(scope: Scope, item: OwnedItem): ItemRelation {
  return {
    studioAdmin: scope.actor.role === 'admin',
    itemOwner: item.owner_id === scope.actor.id,
    organizationRole: scope.kind === 'organization' ? scope.role : null,
  };
}

/**
 * The item, when the scope reaches it and the policy lets the caller do `action` to it: an item out
 * of scope is "not found" (a member of another organization learns nothing), a refused action 403.
 */
export function requireItem<T extends OwnedItem>(scope: Scope, item: T | undefined, action: ItemAction, what: string): T {
  if (!item || !inScope(scope, item)) throw v1Errors.notFound(what);
  authorizeItem(relationTo(scope, item), action);
  return item;
}

/**
 * Where a new item goes: the body's organization (the caller must belong to it) or else the scope's.
 * Returns that organization id (null: personal) for the insert.
 */
export async function targetOrganization(db: Executor, scope: Scope, bodyOrganizationId: string | null | undefined): Promise<string | null> {
  const scoped = scope.kind === 'organization' ? scope.organizationId : null;
  if (!bodyOrganizationId || bodyOrganizationId === scoped) return scoped;
  await resolveScope(db, scope.actor, bodyOrganizationId);
  return bodyOrganizationId;
}
