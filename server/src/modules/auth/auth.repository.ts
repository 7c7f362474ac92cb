import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Organisation, Person } from '../../platform/db/schema.ts';

export type PersonRow = Selectable<Person>;
export type OrganisationRow = Selectable<Organisation>;

/**
 * The human account a login names: its email (case-insensitive) or its desktop login. Bots are left
 * out, they have no password and their emails need not be unique. An email match wins over another
 * person's identical desktop login.
 */
export function findPersonByLogin(db: Executor, login: string): Promise<PersonRow | undefined> {
  const typed = login.trim();
  return db
    .selectFrom('person')
    .selectAll()
    .where('is_bot', '=', false)
    .where((eb) => eb.or([eb(eb.fn('lower', ['email']), '=', typed.toLowerCase()), eb('desktop_login', '=', typed)]))
    .orderBy(sql`lower(email) = ${typed.toLowerCase()}`, (ob) => ob.desc().nullsLast())
    .limit(1)
    .executeTakeFirst();
}

export function findPersonById(db: Executor, personId: string): Promise<PersonRow | undefined> {
  return db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirst();
}

export async function departmentIdsOf(db: Executor, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('department_link')
    .select('department_id')
    .where('person_id', '=', personId)
    .orderBy('department_id')
    .execute();
  return rows.map((row) => row.department_id);
}

/** The studio's single organisation row (the oldest one, should a second ever appear). */
export function findOrganisation(db: Executor): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisation').selectAll().orderBy('created_at').limit(1).executeTakeFirst();
}

export async function countLoginFailure(db: Executor, personId: string): Promise<void> {
  await db
    .updateTable('person')
    .set((eb) => ({ login_failed_attemps: eb('login_failed_attemps', '+', 1), last_login_failed: sql<string>`utc_now()` }))
    .where('id', '=', personId)
    .execute();
}

export async function resetLoginFailures(db: Executor, personId: string): Promise<void> {
  await db
    .updateTable('person')
    .set({ login_failed_attemps: 0 })
    .where('id', '=', personId)
    .where('login_failed_attemps', '!=', 0)
    .execute();
}

export async function insertLoginLog(
  db: Executor,
  entry: { personId: string; ip: string; origin: 'web' | 'script' },
): Promise<void> {
  await db
    .insertInto('login_log')
    .values({ person_id: entry.personId, ip_address: entry.ip.slice(0, 64), origin: entry.origin })
    .execute();
}

/**
 * Stores a new password hash and clears the failure counter. With `expectedHash`, only replaces that
 * exact hash (compare-and-set) and reports whether it did.
 */
export async function setPasswordHash(
  db: Executor,
  personId: string,
  passwordHash: string,
  expectedHash?: string | null,
): Promise<boolean> {
  let query = db.updateTable('person').set({ password: passwordHash, login_failed_attemps: 0 }).where('id', '=', personId);
  if (expectedHash !== undefined) query = query.where('password', expectedHash === null ? 'is' : '=', expectedHash);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface RefreshSessionRow {
  origin: 'web' | 'script';
  identity_type: string;
  revoked: boolean;
  expired: boolean;
  active: boolean;
}

/** The session a refresh token names, with the state of its person, in one lookup. */
export async function findRefreshSession(db: Executor, sessionId: string, personId: string): Promise<RefreshSessionRow | undefined> {
  const result = await sql<RefreshSessionRow>`
    SELECT s.origin, s.identity_type, s.revoked_at IS NOT NULL AS revoked,
           coalesce(s.expires_at < utc_now(), false) AS expired, p.active
      FROM auth_session s JOIN person p ON p.id = s.person_id
     WHERE s.id = ${sessionId} AND p.id = ${personId}`.execute(db);
  return result.rows[0];
}
