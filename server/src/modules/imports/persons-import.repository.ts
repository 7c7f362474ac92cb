import { sql, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { Person } from '../../platform/db/schema.ts';

/** Set-based person writes of the people CSV import. */

export type PersonRecord = Selectable<Person>;

export interface PersonValues {
  email: string;
  first_name: string;
  last_name: string;
  phone?: string;
  role?: string;
  contract_type?: string;
  position?: string;
  seniority?: string;
  country?: string;
  daily_salary?: number;
  studio_id?: string;
  active?: boolean;
}

const COLUMNS = ['first_name', 'last_name', 'phone', 'role', 'contract_type', 'position', 'seniority', 'country', 'daily_salary', 'studio_id', 'active'] as const;
const VALUE_TYPES = sql`email text, first_name text, last_name text, phone text, role text, contract_type text, position text,
  seniority text, country text, daily_salary int, studio_id uuid, active boolean`;

function recordset(rows: object[], extra = sql``) {
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(${VALUE_TYPES}${extra})`;
}

/** Human (non-bot) people by lower-cased email. */
export async function findPeopleByEmail(tx: Tx, emails: string[]): Promise<PersonRecord[]> {
  if (emails.length === 0) return [];
  return tx.selectFrom('person').selectAll().where(sql<boolean>`lower(email) = ANY(${emails}::text[])`).where('is_bot', '=', false).forUpdate().execute();
}

/** Creates people; columns not given take their defaults. No password: they sign in once one is set. */
export async function insertPeople(tx: Tx, rows: PersonValues[]): Promise<PersonRecord[]> {
  if (rows.length === 0) return [];
  const result = await sql<PersonRecord>`
    INSERT INTO person (email, first_name, last_name, phone, role, contract_type, position, seniority, country, daily_salary, studio_id, active)
    SELECT x.email, x.first_name, x.last_name, x.phone, coalesce(x.role, 'user'), coalesce(x.contract_type, 'open-ended'),
           coalesce(x.position, 'artist'), coalesce(x.seniority, 'mid'), x.country, coalesce(x.daily_salary, 0), x.studio_id, coalesce(x.active, true)
      FROM ${recordset(rows)}
    RETURNING *`.execute(tx);
  return result.rows;
}

/** Updates the given columns of existing people (a column absent from a row is kept). */
export async function updatePeople(tx: Tx, rows: Array<PersonValues & { id: string }>): Promise<PersonRecord[]> {
  if (rows.length === 0) return [];
  const flagged = rows.map((row) => ({ ...row, ...Object.fromEntries(COLUMNS.map((column) => [`set_${column}`, row[column] !== undefined])) }));
  const sets = sql.join(COLUMNS.map((column) => sql`${sql.ref(column)} = CASE WHEN x.${sql.raw(`set_${column}`)} THEN x.${sql.ref(column)} ELSE p.${sql.ref(column)} END`));
  const flags = sql.join(COLUMNS.map((column) => sql`${sql.raw(`set_${column}`)} boolean`));
  const result = await sql<PersonRecord>`
    UPDATE person p SET ${sets}
      FROM ${recordset(flagged, sql`, id uuid, ${flags}`)}
     WHERE x.id = p.id
    RETURNING p.*`.execute(tx);
  return result.rows;
}

/** Replaces the departments of people. */
export async function setDepartments(tx: Tx, rows: Array<{ personId: string; departmentIds: string[] }>): Promise<void> {
  if (rows.length === 0) return;
  await sql`DELETE FROM department_link WHERE person_id = ANY(${rows.map((row) => row.personId)}::uuid[])`.execute(tx);
  const links = rows.flatMap((row) => row.departmentIds.map((departmentId) => ({ personId: row.personId, departmentId })));
  if (links.length === 0) return;
  await sql`
    INSERT INTO department_link (person_id, department_id)
    SELECT DISTINCT * FROM unnest(${links.map((link) => link.personId)}::uuid[], ${links.map((link) => link.departmentId)}::uuid[])`.execute(tx);
}

export async function departmentsOf(tx: Tx, personIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (personIds.length === 0) return map;
  const rows = await tx.selectFrom('department_link').select(['person_id', 'department_id']).where('person_id', 'in', personIds).execute();
  for (const row of rows) map.set(row.person_id, [...(map.get(row.person_id) ?? []), row.department_id]);
  return map;
}

export async function countActivePeople(tx: Tx): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM person WHERE active AND NOT is_bot AND NOT is_guest`.execute(tx);
  return row.rows[0]?.n ?? 0;
}

export async function findNamed(tx: Tx, table: 'studio' | 'department'): Promise<Array<{ id: string; name: string }>> {
  return tx.selectFrom(table).select(['id', 'name']).execute();
}
