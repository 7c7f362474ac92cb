import { sql, type Selectable } from 'kysely';
import type { Tx } from '../../../platform/db/database.ts';
import type { Person, Project, TaskStatus, TaskType } from '../../../platform/db/schema.ts';
import type { Written } from './shotgun-import.ts';

/**
 * Upserts of ShotGrid projects, people, steps (task types) and statuses, keyed by `shotgun_id`
 * (INSERT … ON CONFLICT (shotgun_id) DO UPDATE … WHERE something differs): a row whose values did
 * not change is not written at all, so its `updated_at` stays and it is counted unchanged. Rows that
 * existed before the first import (same name / email / short name, no ShotGrid id) are adopted first.
 */

const json = (rows: object[]) => JSON.stringify(rows);

export interface SgProjectValues {
  shotgun_id: number;
  name: string;
  status: string;
  data: Record<string, unknown>;
}

export async function upsertProjects(tx: Tx, rows: SgProjectValues[]): Promise<Written[]> {
  if (rows.length === 0) return [];
  await sql`INSERT INTO project_status (name, color) SELECT DISTINCT unnest(${rows.map((row) => row.status)}::text[]), '#000000' ON CONFLICT (name) DO NOTHING`.execute(tx);
  await sql`
    UPDATE project p SET shotgun_id = x.shotgun_id
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(shotgun_id int, name text)
     WHERE p.shotgun_id IS NULL AND p.name = x.name AND NOT EXISTS (SELECT 1 FROM project q WHERE q.shotgun_id = x.shotgun_id)`.execute(tx);
  const result = await sql<Written>`
    INSERT INTO project AS p (shotgun_id, name, project_status_id, data)
    SELECT x.shotgun_id, x.name, ps.id, x.data
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(shotgun_id int, name text, status text, data jsonb)
      JOIN project_status ps ON ps.name = x.status
    ON CONFLICT (shotgun_id) DO UPDATE
       SET name = excluded.name, project_status_id = excluded.project_status_id, data = coalesce(p.data, '{}'::jsonb) || excluded.data
     WHERE (p.name, p.project_status_id, coalesce(p.data, '{}'::jsonb) || excluded.data) IS DISTINCT FROM (excluded.name, excluded.project_status_id, p.data)
    RETURNING p.id, (p.xmax = 0) AS inserted`.execute(tx);
  return result.rows;
}

/** Names taken by a project with another (or no adoptable) ShotGrid id. */
export async function projectNameConflicts(tx: Tx, rows: SgProjectValues[]): Promise<Set<number>> {
  if (rows.length === 0) return new Set();
  const result = await sql<{ shotgun_id: number }>`
    SELECT x.shotgun_id FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(shotgun_id int, name text)
      JOIN project p ON p.name = x.name AND p.shotgun_id IS NOT NULL AND p.shotgun_id <> x.shotgun_id`.execute(tx);
  return new Set(result.rows.map((row) => row.shotgun_id));
}

export async function projectsBySgId(tx: Tx, sgIds: number[]): Promise<Array<Selectable<Project>>> {
  return sgIds.length === 0 ? [] : tx.selectFrom('project').selectAll().where('shotgun_id', 'in', sgIds).execute();
}

export interface SgPersonValues {
  shotgun_id: number;
  first_name: string;
  last_name: string;
  email: string | null;
  desktop_login: string | null;
  active: boolean;
  role: string;
  department: string | null;
}

/** Emails taken by a human with another ShotGrid id. */
export async function personEmailConflicts(tx: Tx, rows: SgPersonValues[]): Promise<Set<number>> {
  if (rows.length === 0) return new Set();
  const result = await sql<{ shotgun_id: number }>`
    SELECT x.shotgun_id FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(shotgun_id int, email text)
      JOIN person p ON lower(p.email) = lower(x.email) AND NOT p.is_bot AND p.shotgun_id IS NOT NULL AND p.shotgun_id <> x.shotgun_id`.execute(tx);
  return new Set(result.rows.map((row) => row.shotgun_id));
}

/** People: the role is set on creation only (an import never changes who is an admin). */
export async function upsertPeople(tx: Tx, rows: SgPersonValues[]): Promise<Written[]> {
  if (rows.length === 0) return [];
  await sql`
    UPDATE person p SET shotgun_id = x.shotgun_id
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(shotgun_id int, email text)
     WHERE p.shotgun_id IS NULL AND NOT p.is_bot AND lower(p.email) = lower(x.email)
       AND NOT EXISTS (SELECT 1 FROM person q WHERE q.shotgun_id = x.shotgun_id)`.execute(tx);
  const result = await sql<Written>`
    INSERT INTO person AS p (shotgun_id, first_name, last_name, email, desktop_login, active, role)
    SELECT x.shotgun_id, x.first_name, x.last_name, lower(x.email), x.desktop_login, x.active, x.role
      FROM jsonb_to_recordset(${json(rows)}::jsonb)
        AS x(shotgun_id int, first_name text, last_name text, email text, desktop_login text, active boolean, role text)
    ON CONFLICT (shotgun_id) DO UPDATE
       SET first_name = excluded.first_name, last_name = excluded.last_name, email = excluded.email,
           desktop_login = excluded.desktop_login, active = excluded.active
     WHERE (p.first_name, p.last_name, p.email, p.desktop_login, p.active)
           IS DISTINCT FROM (excluded.first_name, excluded.last_name, excluded.email, excluded.desktop_login, excluded.active)
    RETURNING p.id, (p.xmax = 0) AS inserted`.execute(tx);
  return result.rows;
}

/** Departments by name, created when missing. */
export async function ensureDepartments(tx: Tx, departments: Array<{ name: string; color: string }>): Promise<Map<string, string>> {
  if (departments.length === 0) return new Map();
  await sql`
    INSERT INTO department (name, color)
    SELECT DISTINCT ON (name) name, color FROM unnest(${departments.map((d) => d.name)}::text[], ${departments.map((d) => d.color)}::text[]) AS x(name, color)
    ON CONFLICT (name) DO NOTHING`.execute(tx);
  const rows = await tx.selectFrom('department').select(['id', 'name']).where('name', 'in', departments.map((d) => d.name)).execute();
  return new Map(rows.map((row) => [row.name, row.id]));
}

/** Makes each person's departments exactly the given one; returns the people whose departments changed. */
export async function setSingleDepartment(tx: Tx, links: Array<{ personId: string; departmentId: string }>): Promise<Set<string>> {
  if (links.length === 0) return new Set();
  const persons = links.map((link) => link.personId);
  const departments = links.map((link) => link.departmentId);
  const removed = await sql<{ person_id: string }>`
    DELETE FROM department_link d USING unnest(${persons}::uuid[], ${departments}::uuid[]) AS x(person_id, department_id)
     WHERE d.person_id = x.person_id AND d.department_id <> x.department_id RETURNING d.person_id`.execute(tx);
  const added = await sql<{ person_id: string }>`
    INSERT INTO department_link (person_id, department_id) SELECT * FROM unnest(${persons}::uuid[], ${departments}::uuid[])
    ON CONFLICT DO NOTHING RETURNING person_id`.execute(tx);
  return new Set([...removed.rows, ...added.rows].map((row) => row.person_id));
}

export async function peopleBySgId(tx: Tx, sgIds: number[]): Promise<Array<Selectable<Person>>> {
  return sgIds.length === 0 ? [] : tx.selectFrom('person').selectAll().where('shotgun_id', 'in', sgIds).execute();
}

export async function countActivePeople(tx: Tx): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM person WHERE active AND NOT is_bot AND NOT is_guest`.execute(tx);
  return row.rows[0]?.n ?? 0;
}

export interface SgStepValues {
  shotgun_id: number;
  name: string;
  short_name: string;
  color: string;
  for_entity: string;
  department: string;
}

/** (name, kind, department) taken by a task type with another ShotGrid id. */
export async function stepConflicts(tx: Tx, rows: Array<SgStepValues & { department_id: string }>): Promise<Set<number>> {
  if (rows.length === 0) return new Set();
  const result = await sql<{ shotgun_id: number }>`
    SELECT x.shotgun_id FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(shotgun_id int, name text, for_entity text, department_id uuid)
      JOIN task_type t ON t.name = x.name AND t.for_entity = x.for_entity AND t.department_id IS NOT DISTINCT FROM x.department_id
       AND t.shotgun_id IS NOT NULL AND t.shotgun_id <> x.shotgun_id`.execute(tx);
  return new Set(result.rows.map((row) => row.shotgun_id));
}

export async function upsertSteps(tx: Tx, rows: Array<SgStepValues & { department_id: string }>): Promise<Written[]> {
  if (rows.length === 0) return [];
  await sql`
    UPDATE task_type t SET shotgun_id = x.shotgun_id
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(shotgun_id int, name text, for_entity text)
     WHERE t.shotgun_id IS NULL AND t.name = x.name AND t.for_entity = x.for_entity
       AND NOT EXISTS (SELECT 1 FROM task_type q WHERE q.shotgun_id = x.shotgun_id)`.execute(tx);
  const result = await sql<Written>`
    INSERT INTO task_type AS t (shotgun_id, name, short_name, color, for_entity, department_id)
    SELECT x.shotgun_id, x.name, x.short_name, x.color, x.for_entity, x.department_id
      FROM jsonb_to_recordset(${json(rows)}::jsonb)
        AS x(shotgun_id int, name text, short_name text, color text, for_entity text, department_id uuid)
    ON CONFLICT (shotgun_id) DO UPDATE
       SET name = excluded.name, short_name = excluded.short_name, color = excluded.color, for_entity = excluded.for_entity, department_id = excluded.department_id
     WHERE (t.name, t.short_name, t.color, t.for_entity, t.department_id)
           IS DISTINCT FROM (excluded.name, excluded.short_name, excluded.color, excluded.for_entity, excluded.department_id)
    RETURNING t.id, (t.xmax = 0) AS inserted`.execute(tx);
  return result.rows;
}

export async function taskTypesBySgId(tx: Tx, sgIds: number[]): Promise<Array<Selectable<TaskType>>> {
  return sgIds.length === 0 ? [] : tx.selectFrom('task_type').selectAll().where('shotgun_id', 'in', sgIds).execute();
}

export interface SgStatusValues {
  shotgun_id: number;
  name: string;
  short_name: string;
  color: string;
}

/** Global short names taken by a status with another ShotGrid id. */
export async function statusConflicts(tx: Tx, rows: SgStatusValues[]): Promise<Set<number>> {
  if (rows.length === 0) return new Set();
  const result = await sql<{ shotgun_id: number }>`
    SELECT x.shotgun_id FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(shotgun_id int, short_name text)
      JOIN task_status s ON s.project_id IS NULL AND lower(s.short_name) = lower(x.short_name) AND s.shotgun_id IS NOT NULL AND s.shotgun_id <> x.shotgun_id`.execute(tx);
  return new Set(result.rows.map((row) => row.shotgun_id));
}

export async function upsertStatuses(tx: Tx, rows: SgStatusValues[]): Promise<Written[]> {
  if (rows.length === 0) return [];
  await sql`
    UPDATE task_status s SET shotgun_id = x.shotgun_id
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(shotgun_id int, short_name text)
     WHERE s.shotgun_id IS NULL AND s.project_id IS NULL AND lower(s.short_name) = lower(x.short_name)
       AND NOT EXISTS (SELECT 1 FROM task_status q WHERE q.shotgun_id = x.shotgun_id)`.execute(tx);
  const result = await sql<Written>`
    INSERT INTO task_status AS s (shotgun_id, name, short_name, color)
    SELECT x.shotgun_id, x.name, x.short_name, x.color FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(shotgun_id int, name text, short_name text, color text)
    ON CONFLICT (shotgun_id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name, color = excluded.color
     WHERE (s.name, s.short_name, s.color) IS DISTINCT FROM (excluded.name, excluded.short_name, excluded.color)
    RETURNING s.id, (s.xmax = 0) AS inserted`.execute(tx);
  return result.rows;
}

export async function statusesBySgId(tx: Tx, sgIds: number[]): Promise<Array<Selectable<TaskStatus>>> {
  return sgIds.length === 0 ? [] : tx.selectFrom('task_status').selectAll().where('shotgun_id', 'in', sgIds).execute();
}
