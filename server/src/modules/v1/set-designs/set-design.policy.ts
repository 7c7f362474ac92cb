import type { Actor } from '../../../platform/auth/actor.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { personExists, roleIn } from '../organizations/organization.repository.ts';
import type { Scope } from '../organizations/organization-scope.ts';
import { v1Errors } from '../organizations/v1-errors.ts';

/**
 * Set designs follow the item policy of organizations (organization.policy.ts: members read, create
 * and update, owners of the item and organization admins delete). Two rules are their own:
 *
 * | giving the set design to another owner (`owner_id`) | studio admin; organization owner or admin, to a member of it |
 * | moving it to another organization (`organization_id`) | may `transfer` it (as delete) and is a member of the target  |
 */
export async function authorizeOwnerAssignment(
  db: Executor,
  actor: Actor,
  scope: Scope,
  change: { from: string; to: string; organizationId: string | null },
): Promise<void> {
  const { to: ownerId, organizationId } = change;
  if (ownerId === change.from) return;
  if (!(await personExists(db, ownerId))) throw v1Errors.invalidField(['body', 'owner_id'], 'Person not found');
  if (actor.role === 'admin') return;
  const managesScope = scope.kind === 'organization' && (scope.role === 'owner' || scope.role === 'admin') && scope.organizationId === organizationId;
  if (!managesScope) throw v1Errors.forbidden();
  if (organizationId === null || (await roleIn(db, organizationId, ownerId)) === null) {
    throw v1Errors.invalidField(['body', 'owner_id'], 'The owner must be a member of the organization');
  }
}
