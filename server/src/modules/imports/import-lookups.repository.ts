import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/**
 * Reference data a CSV import resolves names against, each read once per import (never per row):
 * the production, its metadata descriptors and task types, the task statuses it may use, people.
 */

export interface ImportProject {
  id: string;
  name: string;
  is_tv_show: boolean;
}

export async function findImportProject(db: Executor, projectId: string): Promise<ImportProject | undefined> {
  return db
    .selectFrom('project')
    .select(['id', 'name', sql<boolean>`coalesce(production_type = 'tvshow', false)`.as('is_tv_show')])
    .where('id', '=', projectId)
    .executeTakeFirst();
}

export interface Descriptor {
  name: string;
  field_name: string;
  data_type: string;
}

/** Entity-level descriptors of a kind ("Shot", "Asset"), or those of one task type (estimations). */
export async function findDescriptors(db: Executor, projectId: string, entityType: string, taskTypeId: string | null = null): Promise<Descriptor[]> {
  let query = db
    .selectFrom('metadata_descriptor')
    .select(['name', 'field_name', 'data_type'])
    .where('project_id', '=', projectId)
    .where('entity_type', '=', entityType);
  query = taskTypeId === null ? query.where('task_type_id', 'is', null) : query.where('task_type_id', '=', taskTypeId);
  return query.orderBy('name').execute();
}

export interface ImportTaskType {
  id: string;
  name: string;
  department_id: string | null;
}

/** Task types of the project's settings for a kind ("Shot", "Asset"), by project priority. */
export async function findProjectTaskTypes(db: Executor, projectId: string, forEntity: string): Promise<ImportTaskType[]> {
  return db
    .selectFrom('project_task_type_link as l')
    .innerJoin('task_type as tt', 'tt.id', 'l.task_type_id')
    .select(['tt.id', 'tt.name', 'tt.department_id'])
    .where('l.project_id', '=', projectId)
    .where('tt.for_entity', '=', forEntity)
    .orderBy(sql`l.priority NULLS LAST`)
    .orderBy('tt.name')
    .execute();
}

/**
 * Adds to the project the studio's task types of a kind named by `names` (case-insensitively) that it
 * does not use yet, after its own (the oldest one where departments share a name); answers the ones
 * added, in the names' order.
 */
export async function addNamedTaskTypes(db: Executor, projectId: string, forEntity: string, names: string[]): Promise<ImportTaskType[]> {
  if (names.length === 0) return [];
  const result = await sql<ImportTaskType>`
    WITH wanted AS (
      SELECT DISTINCT ON (x.name) tt.id, tt.name, tt.department_id, x.position
        FROM unnest(${names.map((name) => name.toLowerCase())}::text[]) WITH ORDINALITY AS x(name, position)
        JOIN task_type tt ON lower(tt.name) = x.name AND tt.for_entity = ${forEntity} AND NOT tt.archived
       WHERE NOT EXISTS (
         SELECT 1 FROM project_task_type_link l JOIN task_type used ON used.id = l.task_type_id
          WHERE l.project_id = ${projectId} AND lower(used.name) = x.name AND used.for_entity = ${forEntity})
       ORDER BY x.name, tt.created_at, tt.id
    ), linked AS (
      INSERT INTO project_task_type_link (project_id, task_type_id, priority)
      SELECT ${projectId}::uuid, w.id,
             (SELECT coalesce(max(priority), 0) FROM project_task_type_link WHERE project_id = ${projectId}) + row_number() OVER (ORDER BY w.position)
        FROM wanted w
      ON CONFLICT DO NOTHING
      RETURNING task_type_id
    )
    SELECT w.id, w.name, w.department_id FROM wanted w JOIN linked l ON l.task_type_id = w.id ORDER BY w.position`.execute(db);
  return result.rows;
}

export interface ImportStatus {
  id: string;
  name: string;
  short_name: string;
}

/** Global statuses and the project's own custom ones (not concept statuses). */
export async function findUsableStatuses(db: Executor, projectId: string): Promise<ImportStatus[]> {
  return db
    .selectFrom('task_status')
    .select(['id', 'name', 'short_name'])
    .where('for_concept', '=', false)
    .where((eb) => eb.or([eb('project_id', 'is', null), eb('project_id', '=', projectId)]))
    .orderBy(sql`project_id NULLS LAST`)
    .orderBy('priority')
    .execute();
}

export interface ImportPerson {
  id: string;
  full_name: string;
  email: string | null;
}

/** Every person (bots included, as Zou's lookup), for person cells given by id, full name or email. */
export async function findPeople(db: Executor): Promise<ImportPerson[]> {
  return db
    .selectFrom('person')
    .select(['id', sql<string>`trim(first_name || ' ' || last_name)`.as('full_name'), 'email'])
    .orderBy('created_at')
    .execute();
}

export async function hoursByDay(db: Executor): Promise<number> {
  const row = await db.selectFrom('organisation').select('hours_by_day').orderBy('created_at').executeTakeFirst();
  return row?.hours_by_day ?? 8;
}
