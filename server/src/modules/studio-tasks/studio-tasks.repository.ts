import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { TEMPORAL_KINDS } from '../breakdown/entity-kind.ts';

/** The two kinds the studio task routes serve (Zou's task_type.for_entity values). */
export type StudioKind = 'Shot' | 'Asset';

export interface EntityRow {
  id: string;
  name: string;
  project_id: string;
  /** "Shot", "Sequence"... for temporal types, "Asset" for every asset type. */
  kind: string;
}

export interface TaskTypeRow {
  project_id: string;
  id: string;
  name: string;
  short_name: string | null;
}

/** Tasks as the studio routes answer them: the task, its type's name and its status row. */
export interface StudioTaskRow {
  id: string;
  name: string;
  entity_id: string;
  task_type_id: string;
  project_id: string;
  task_type_name: string;
  task_status_id: string;
  status_system_key: string | null;
  status_project_id: string | null;
  status_short_name: string;
  assigned_user_id: string | null;
}

export interface NewTaskRow {
  entity_id: string;
  task_type_id: string;
  project_id: string;
  task_status_id: string;
  name: string;
  description: string;
}

const kindOf = sql<string>`CASE WHEN et.name IN (${sql.join([...TEMPORAL_KINDS])}) THEN et.name ELSE 'Asset' END`;

export async function findEntities(db: Executor, ids: string[]): Promise<EntityRow[]> {
  if (ids.length === 0) return [];
  const result = await sql<EntityRow>`
    SELECT e.id, e.name, e.project_id, ${kindOf} AS kind
      FROM entity e JOIN entity_type et ON et.id = e.entity_type_id
     WHERE e.id = ANY(${ids}::uuid[])`.execute(db);
  return result.rows;
}

/** The projects among `projectIds` whose team includes the person. */
export async function memberProjectIds(db: Executor, personId: string, projectIds: string[]): Promise<Set<string>> {
  if (projectIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('project_person_link')
    .select('project_id')
    .where('person_id', '=', personId)
    .where('project_id', 'in', projectIds)
    .execute();
  return new Set(rows.map((row) => row.project_id));
}

/**
 * The task types each project uses for a kind: its task-type links (Zou's project settings), in link
 * priority order. A project with no task-type link at all — not configured yet — may use every
 * non-archived task type of the kind, as Zou's own task creation does. Archived types are never offered.
 */
export async function allowedTaskTypes(db: Executor, projectIds: string[], kind: StudioKind): Promise<TaskTypeRow[]> {
  if (projectIds.length === 0) return [];
  const result = await sql<TaskTypeRow>`
    SELECT p.id AS project_id, tt.id, tt.name, tt.short_name
      FROM unnest(${projectIds}::uuid[]) AS p(id)
      JOIN task_type tt ON tt.for_entity = ${kind} AND NOT tt.archived
      LEFT JOIN project_task_type_link l ON l.project_id = p.id AND l.task_type_id = tt.id
     WHERE l.task_type_id IS NOT NULL
        OR NOT EXISTS (SELECT 1 FROM project_task_type_link pl WHERE pl.project_id = p.id)
     ORDER BY p.id, l.priority NULLS LAST, tt.priority NULLS LAST, tt.name`.execute(db);
  return result.rows;
}

/**
 * Key-share locks on the projects whose tasks are created: status mutations (which lock the project
 * FOR UPDATE) then cannot delete the default status between our read of it and our insert.
 */
export async function lockProjectsForTaskCreation(tx: Tx, projectIds: string[]): Promise<void> {
  if (projectIds.length === 0) return;
  await sql`SELECT id FROM project WHERE id = ANY(${projectIds}::uuid[]) ORDER BY id FOR KEY SHARE`.execute(tx);
}

/**
 * Creates, in one statement, every task of `rows` whose entity has no task of that type yet. The task
 * unique index (name, project_id, task_type_id, entity_id) settles races: a concurrent twin makes
 * ours DO NOTHING once it commits. Returns the rows actually inserted.
 */
export async function insertMissingTasks(tx: Tx, rows: NewTaskRow[], createdBy: string | null): Promise<Array<{ id: string }>> {
  if (rows.length === 0) return [];
  const column = <K extends keyof NewTaskRow>(key: K) => rows.map((row) => row[key]);
  const result = await sql<{ id: string }>`
    INSERT INTO task (entity_id, task_type_id, project_id, task_status_id, name, description, created_by)
    SELECT n.entity_id, n.task_type_id, n.project_id, n.task_status_id, n.name, n.description, ${createdBy}::uuid
      FROM unnest(${column('entity_id')}::uuid[], ${column('task_type_id')}::uuid[], ${column('project_id')}::uuid[],
                  ${column('task_status_id')}::uuid[], ${column('name')}::text[], ${column('description')}::text[])
           AS n(entity_id, task_type_id, project_id, task_status_id, name, description)
     WHERE NOT EXISTS (SELECT 1 FROM task t WHERE t.entity_id = n.entity_id AND t.task_type_id = n.task_type_id)
    ON CONFLICT (name, project_id, task_type_id, entity_id) DO NOTHING
    RETURNING id`.execute(tx);
  return result.rows;
}

/** The task of each (entity, task type) pair — the oldest when several tasks share a type. */
export async function findTasksForPairs(
  db: Executor,
  pairs: Array<{ entity_id: string; task_type_id: string }>,
): Promise<StudioTaskRow[]> {
  if (pairs.length === 0) return [];
  const result = await sql<StudioTaskRow>`
    SELECT DISTINCT ON (t.entity_id, t.task_type_id)
           t.id, t.name, t.entity_id, t.task_type_id, t.project_id, tt.name AS task_type_name,
           t.task_status_id, ts.system_key AS status_system_key, ts.project_id AS status_project_id,
           ts.short_name AS status_short_name,
           (SELECT a.person_id FROM assignations a WHERE a.task_id = t.id ORDER BY a.person_id LIMIT 1) AS assigned_user_id
      FROM unnest(${pairs.map((p) => p.entity_id)}::uuid[], ${pairs.map((p) => p.task_type_id)}::uuid[]) AS p(entity_id, task_type_id)
      JOIN task t ON t.entity_id = p.entity_id AND t.task_type_id = p.task_type_id
      JOIN task_type tt ON tt.id = t.task_type_id
      JOIN task_status ts ON ts.id = t.task_status_id
     ORDER BY t.entity_id, t.task_type_id, t.created_at, t.id`.execute(db);
  return result.rows;
}
