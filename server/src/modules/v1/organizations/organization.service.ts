import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { inTransaction } from '../../../platform/db/unit-of-work.ts';
import { pgErrorCode } from '../../../platform/errors/index.ts';
import type { AppDeps } from '../../../platform/http/types.ts';
import type {
  OrganizationCreate,
  OrganizationMemberCreate,
  OrganizationRole,
  OrganizationUpdate,
} from '../../../../../packages/contracts/src/set-designs/organizations.schema.ts';
import { authorizeOrganization } from './organization.policy.ts';
import {
  countOwners,
  deleteMember,
  deleteOrganization as deleteOrganizationRow,
  findOrganization,
  insertMember,
  insertOrganization,
  listMembers as listMemberRows,
  listOrganizations as listOrganizationRows,
  lockOrganization,
  personExists,
  roleIn,
  updateMemberRole,
  updateOrganization as updateOrganizationRow,
  type OrganizationRow,
} from './organization.repository.ts';
import { v1Errors } from './v1-errors.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;

export async function listOrganizations(deps: Deps, actor: Actor, page: { skip: number; limit: number }) {
  return listOrganizationRows(deps.db, actor.id, { all: actor.role === 'admin', ...page });
}

async function visibleOrganization(deps: Deps, actor: Actor, id: string): Promise<OrganizationRow> {
  const row = await findOrganization(deps.db, id, actor.id);
  if (!row || (row.my_role === null && actor.role !== 'admin')) throw v1Errors.notFound('Organization');
  return row;
}

export async function getOrganization(deps: Deps, actor: Actor, id: string): Promise<OrganizationRow> {
  return visibleOrganization(deps, actor, id);
}

/** Creates an organization whose first owner is its creator. */
export async function createOrganization(deps: Deps, actor: Actor, input: OrganizationCreate): Promise<OrganizationRow> {
  const id = await inTransaction(deps, async (tx) => {
    const organizationId = await insertOrganization(tx, { name: input.name, description: input.description ?? null, created_by: actor.id });
    await insertMember(tx, organizationId, actor.id, 'owner');
    await recordAudit(tx, { actorId: actor.id, action: 'create', objectType: 'organization', objectId: organizationId, after: input });
    return organizationId;
  });
  return visibleOrganization(deps, actor, id);
}

export async function updateOrganization(deps: Deps, actor: Actor, id: string, input: OrganizationUpdate): Promise<OrganizationRow> {
  await inTransaction(deps, async (tx) => {
    if (!(await lockOrganization(tx, id))) throw v1Errors.notFound('Organization');
    authorizeOrganization(actor, await roleIn(tx, id, actor.id), 'update');
    const changes = {
      ...(input.name != null ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
    };
    await updateOrganizationRow(tx, id, changes);
    await recordAudit(tx, { actorId: actor.id, action: 'update', objectType: 'organization', objectId: id, after: changes });
  });
  return visibleOrganization(deps, actor, id);
}

/** Deletes an empty organization; one still holding set designs or catalog items is refused (409). */
export async function deleteOrganization(deps: Deps, actor: Actor, id: string): Promise<void> {
  try {
    await inTransaction(deps, async (tx) => {
      if (!(await lockOrganization(tx, id))) throw v1Errors.notFound('Organization');
      authorizeOrganization(actor, await roleIn(tx, id, actor.id), 'delete');
      await deleteOrganizationRow(tx, id);
      await recordAudit(tx, { actorId: actor.id, action: 'delete', objectType: 'organization', objectId: id });
    });
  } catch (error) {
    if (pgErrorCode(error) === '23503') {
      throw v1Errors.conflict('The organization still holds set designs, subjects, shot types or background presets');
    }
    throw error;
  }
}

export async function listMembers(deps: Deps, actor: Actor, id: string) {
  await visibleOrganization(deps, actor, id);
  return listMemberRows(deps.db, id);
}

/** Only owners make owners; an organization always keeps at least one owner. */
function authorizeRoleChange(actor: Actor, callerRole: OrganizationRole | null, from: OrganizationRole | null, to: OrganizationRole | null) {
  authorizeOrganization(actor, callerRole, 'manage-members');
  if (from === 'owner' || to === 'owner') authorizeOrganization(actor, callerRole, 'grant-owner');
}

export async function addMember(deps: Deps, actor: Actor, id: string, input: OrganizationMemberCreate) {
  const role = input.role ?? 'member';
  await inTransaction(deps, async (tx) => {
    if (!(await lockOrganization(tx, id))) throw v1Errors.notFound('Organization');
    authorizeRoleChange(actor, await roleIn(tx, id, actor.id), null, role);
    if (!(await personExists(tx, input.person_id))) throw v1Errors.notFound('Person');
    if (!(await insertMember(tx, id, input.person_id, role))) throw v1Errors.conflict('This person is already a member');
    await recordAudit(tx, { actorId: actor.id, action: 'add-member', objectType: 'organization', objectId: id, after: { person_id: input.person_id, role } });
  });
  return listMembers(deps, actor, id);
}

export async function changeMemberRole(deps: Deps, actor: Actor, id: string, personId: string, role: OrganizationRole) {
  await inTransaction(deps, async (tx) => {
    if (!(await lockOrganization(tx, id))) throw v1Errors.notFound('Organization');
    const callerRole = await roleIn(tx, id, actor.id);
    authorizeOrganization(actor, callerRole, 'read');
    const current = await roleIn(tx, id, personId);
    if (current === null) throw v1Errors.notFound('Member');
    authorizeRoleChange(actor, callerRole, current, role);
    if (current === 'owner' && role !== 'owner' && (await countOwners(tx, id)) === 1) {
      throw v1Errors.conflict('An organization keeps at least one owner');
    }
    await updateMemberRole(tx, id, personId, role);
    await recordAudit(tx, { actorId: actor.id, action: 'change-member-role', objectType: 'organization', objectId: id, before: { person_id: personId, role: current }, after: { person_id: personId, role } });
  });
  return listMembers(deps, actor, id);
}

/** Removes a member; anyone may leave, managing others takes an admin (an owner for owners). */
export async function removeMember(deps: Deps, actor: Actor, id: string, personId: string): Promise<void> {
  await inTransaction(deps, async (tx) => {
    if (!(await lockOrganization(tx, id))) throw v1Errors.notFound('Organization');
    const callerRole = await roleIn(tx, id, actor.id);
    authorizeOrganization(actor, callerRole, 'read');
    const current = await roleIn(tx, id, personId);
    if (current === null) throw v1Errors.notFound('Member');
    if (personId !== actor.id) authorizeRoleChange(actor, callerRole, current, null);
    if (current === 'owner' && (await countOwners(tx, id)) === 1) throw v1Errors.conflict('An organization keeps at least one owner');
    await deleteMember(tx, id, personId);
    await recordAudit(tx, { actorId: actor.id, action: 'remove-member', objectType: 'organization', objectId: id, before: { person_id: personId, role: current } });
  });
}
