import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Person } from '../../platform/db/schema.ts';
import type { Selectable } from 'kysely';

export type TeamRow = Selectable<Person> & { department_ids: string[]; project_role: string | null };

/** The project's team with each member's department ids and per-project role, in one query. */
export async function listTeam(db: Executor, projectId: string): Promise<TeamRow[]> {
  return db
    .selectFrom('project_person_link as ppl')
    .innerJoin('person as p', 'p.id', 'ppl.person_id')
    .selectAll('p')
    .select([
      'ppl.role as project_role',
      sql<string[]>`coalesce((SELECT array_agg(dl.department_id::text) FROM department_link dl WHERE dl.person_id = p.id), '{}')`.as('department_ids'),
    ])
    .where('ppl.project_id', '=', projectId)
    .orderBy('p.first_name')
    .orderBy('p.last_name')
    .orderBy('p.id')
    .execute();
}

export async function personExists(db: Executor, personId: string): Promise<boolean> {
  return (await db.selectFrom('person').select('id').where('id', '=', personId).executeTakeFirst()) !== undefined;
}

/** A person's team link (his per-project role), locked for the rest of the transaction; undefined when not a member. */
function lockMembership(db: Executor, projectId: string, personId: string): Promise<{ role: string | null } | undefined> {
  return db
    .selectFrom('project_person_link')
    .select('role')
    .where('project_id', '=', projectId)
    .where('person_id', '=', personId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Adds a person to the team; an existing member keeps his role unless one is given. Returns the
 * previous role link state (undefined when he was not a member).
 */
export async function addTeamMember(
  db: Executor,
  projectId: string,
  personId: string,
  role: string | null | undefined,
): Promise<{ wasMember: boolean; previousRole: string | null }> {
  const previous = await lockMembership(db, projectId, personId);
  await db
    .insertInto('project_person_link')
    .values({ project_id: projectId, person_id: personId, role: role ?? null })
    .onConflict((conflict) =>
      role === undefined || role === null
        ? conflict.columns(['project_id', 'person_id']).doNothing()
        : conflict.columns(['project_id', 'person_id']).doUpdateSet({ role }),
    )
    .execute();
  return { wasMember: previous !== undefined, previousRole: previous?.role ?? null };
}

/** Removes a person from the team; returns his link, or undefined when he was not a member. */
export async function removeTeamMember(db: Executor, projectId: string, personId: string): Promise<{ role: string | null } | undefined> {
  return db
    .deleteFrom('project_person_link')
    .where('project_id', '=', projectId)
    .where('person_id', '=', personId)
    .returning('role')
    .executeTakeFirst();
}

/** Sets a member's per-project role (null = inherit); returns the old role, or undefined if not a member. */
export async function setTeamRole(
  db: Executor,
  projectId: string,
  personId: string,
  role: string | null,
): Promise<{ previousRole: string | null } | undefined> {
  const previous = await lockMembership(db, projectId, personId);
  if (!previous) return undefined;
  await db
    .updateTable('project_person_link')
    .set({ role })
    .where('project_id', '=', projectId)
    .where('person_id', '=', personId)
    .execute();
  return { previousRole: previous.role };
}
