import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.ts';
import type { OrganizationRole } from '../../../../../packages/contracts/src/set-designs/organizations.schema.ts';

export interface OrganizationRow {
  id: string;
  created_at: string;
  updated_at: string;
  name: string;
  description: string | null;
  my_role: OrganizationRole | null;
}

export interface MemberRow {
  person_id: string;
  full_name: string;
  email: string | null;
  role: OrganizationRole;
  created_at: string;
}

export async function roleIn(db: Executor, organizationId: string, personId: string): Promise<OrganizationRole | null> {
  const row = await db
    .selectFrom('organization_member')
    .select('role')
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return (row?.role as OrganizationRole | undefined) ?? null;
}

export async function memberOrganizationIds(db: Executor, personId: string): Promise<string[]> {
  const rows = await db.selectFrom('organization_member').select('organization_id').where('person_id', '=', personId).execute();
  return rows.map((row) => row.organization_id);
}

/** Organizations with the caller's role in each: his own, or all of them for a studio admin. */
export async function listOrganizations(
  db: Executor,
  personId: string,
  options: { all: boolean; skip: number; limit: number },
): Promise<{ rows: OrganizationRow[]; count: number }> {
  const base = db
    .selectFrom('organization as o')
    .leftJoin('organization_member as m', (join) => join.onRef('m.organization_id', '=', 'o.id').on('m.person_id', '=', personId))
    .$if(!options.all, (qb) => qb.where('m.person_id', 'is not', null));
  const [rows, total] = await Promise.all([
    base
      .select(['o.id', 'o.created_at', 'o.updated_at', 'o.name', 'o.description', sql<OrganizationRole | null>`m.role`.as('my_role')])
      .orderBy('o.created_at')
      .orderBy('o.id')
      .offset(options.skip)
      .limit(options.limit)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows, count: total.count };
}

export async function findOrganization(db: Executor, id: string, personId: string): Promise<OrganizationRow | undefined> {
  return db
    .selectFrom('organization as o')
    .leftJoin('organization_member as m', (join) => join.onRef('m.organization_id', '=', 'o.id').on('m.person_id', '=', personId))
    .select(['o.id', 'o.created_at', 'o.updated_at', 'o.name', 'o.description', sql<OrganizationRole | null>`m.role`.as('my_role')])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

/** Locks the organization row: membership changes of one organization run one after the other. */
export async function lockOrganization(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('organization').select('id').where('id', '=', id).forUpdate().executeTakeFirst()) !== undefined;
}

export async function insertOrganization(db: Executor, values: { name: string; description: string | null; created_by: string }): Promise<string> {
  const row = await db.insertInto('organization').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateOrganization(db: Executor, id: string, values: { name?: string; description?: string | null }): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.updateTable('organization').set(values).where('id', '=', id).execute();
}

export async function deleteOrganization(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('organization').where('id', '=', id).execute();
}

export async function listMembers(db: Executor, organizationId: string): Promise<MemberRow[]> {
  return db
    .selectFrom('organization_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select([
      'm.person_id',
      sql<string>`trim(p.first_name || ' ' || p.last_name)`.as('full_name'),
      'p.email',
      sql<OrganizationRole>`m.role`.as('role'),
      'm.created_at',
    ])
    .where('m.organization_id', '=', organizationId)
    .orderBy('m.created_at')
    .orderBy('m.person_id')
    .execute();
}

export async function insertMember(db: Executor, organizationId: string, personId: string, role: OrganizationRole): Promise<boolean> {
  const result = await db
    .insertInto('organization_member')
    .values({ organization_id: organizationId, person_id: personId, role })
    .onConflict((oc) => oc.columns(['organization_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function updateMemberRole(db: Executor, organizationId: string, personId: string, role: OrganizationRole): Promise<void> {
  await db
    .updateTable('organization_member')
    .set({ role })
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .execute();
}

export async function deleteMember(db: Executor, organizationId: string, personId: string): Promise<void> {
  await db.deleteFrom('organization_member').where('organization_id', '=', organizationId).where('person_id', '=', personId).execute();
}

export async function countOwners(db: Executor, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('organization_member')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('organization_id', '=', organizationId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return row.count;
}

export async function personExists(db: Executor, personId: string): Promise<boolean> {
  return (await db.selectFrom('person').select('id').where('id', '=', personId).executeTakeFirst()) !== undefined;
}

/** Who hears about an organization's set designs: its owners and admins. */
export async function organizationAdminIds(db: Executor, organizationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('organization_member')
    .select('person_id')
    .where('organization_id', '=', organizationId)
    .where('role', 'in', ['owner', 'admin'])
    .execute();
  return rows.map((row) => row.person_id);
}
