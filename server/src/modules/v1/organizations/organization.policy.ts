import type { Actor } from '../../../platform/auth/actor.ts';
import type { OrganizationRole } from '../../../../../packages/contracts/src/set-designs/organizations.schema.ts';
import { v1Errors } from './v1-errors.ts';

/**
 * Who may do what, as data. Organization actions depend on the caller's role in it; actions on items
 * an organization holds (set designs, subjects, shot types, background presets) also on whether the
 * caller owns the item. Studio admins (global role admin) may do everything.
 */
export type OrganizationAction = 'read' | 'update' | 'delete' | 'manage-members' | 'grant-owner';

export const ORGANIZATION_RULES: Record<OrganizationAction, readonly OrganizationRole[]> = {
  read: ['owner', 'admin', 'member'],
  update: ['owner', 'admin'],
  delete: ['owner'],
  'manage-members': ['owner', 'admin'],
  'grant-owner': ['owner'],
};

export function mayActOnOrganization(actor: Actor, role: OrganizationRole | null, action: OrganizationAction): boolean {
  return actor.role === 'admin' || (role !== null && ORGANIZATION_RULES[action].includes(role));
}

/** Non-members learn nothing (404); members without the right role are refused (403). */
export function authorizeOrganization(actor: Actor, role: OrganizationRole | null, action: OrganizationAction): void {
  if (mayActOnOrganization(actor, role, action)) return;
  if (role === null) throw v1Errors.notFound('Organization');
  throw v1Errors.forbidden();
}

/** `transfer`: move the item to another organization, out of this one's hands. */
export type ItemAction = 'read' | 'create' | 'update' | 'delete' | 'transfer';

/** The caller's relation to one item, within the scope it was reached through. */
export interface ItemRelation {
  studioAdmin: boolean;
  itemOwner: boolean;
  /** The caller's role in the item's organization, when reached through it. */
  organizationRole: OrganizationRole | null;
}

export const ITEM_RULES: Record<ItemAction, (relation: ItemRelation) => boolean> = {
  read: (r) => r.studioAdmin || r.itemOwner || r.organizationRole !== null,
  create: (r) => r.studioAdmin || r.itemOwner || r.organizationRole !== null,
  update: (r) => r.studioAdmin || r.itemOwner || r.organizationRole !== null,
  delete: (r) => r.studioAdmin || r.itemOwner || r.organizationRole === 'owner' || r.organizationRole === 'admin',
  transfer: (r) => r.studioAdmin || r.itemOwner || r.organizationRole === 'owner' || r.organizationRole === 'admin',
};

export function authorizeItem(relation: ItemRelation, action: ItemAction): void {
  if (!ITEM_RULES[action](relation)) throw v1Errors.forbidden();
}
