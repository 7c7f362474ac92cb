import { sql, type Selectable } from 'kysely';
import type { Tx } from '../../../platform/db/database.ts';
import type { Comment, PreviewFile, Task } from '../../../platform/db/schema.ts';
import type { Written } from './shotgun-import.ts';

/** Upserts of ShotGrid tasks (with assignees), versions (preview files) and notes (comments), by `shotgun_id`. */

const json = (rows: object[]) => JSON.stringify(rows);

export interface SgTaskValues {
  shotgun_id: number;
  name: string;
  project_id: string;
  task_type_id: string;
  task_status_id: string;
  entity_id: string;
  assigner_id: string | null;
  start_date: string | null;
  due_date: string | null;
  sort_order: number;
  duration: number;
}

const TASK_RECORDSET = sql`shotgun_id int, name text, project_id uuid, task_type_id uuid, task_status_id uuid, entity_id uuid, assigner_id uuid,
  start_date timestamp, due_date timestamp, sort_order int, duration float8`;

/** (name, project, task type, entity) taken by a task of another ShotGrid id. */
export async function taskConflicts(tx: Tx, rows: SgTaskValues[]): Promise<Set<number>> {
  if (rows.length === 0) return new Set();
  const result = await sql<{ shotgun_id: number }>`
    SELECT x.shotgun_id FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(${TASK_RECORDSET})
      JOIN task t ON t.name = x.name AND t.project_id = x.project_id AND t.task_type_id = x.task_type_id AND t.entity_id = x.entity_id
       AND t.shotgun_id IS NOT NULL AND t.shotgun_id <> x.shotgun_id`.execute(tx);
  return new Set(result.rows.map((row) => row.shotgun_id));
}

export async function upsertTasks(tx: Tx, rows: SgTaskValues[], actorId: string): Promise<Written[]> {
  if (rows.length === 0) return [];
  await sql`
    UPDATE task t SET shotgun_id = x.shotgun_id
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(${TASK_RECORDSET})
     WHERE t.shotgun_id IS NULL AND t.name = x.name AND t.project_id = x.project_id AND t.task_type_id = x.task_type_id AND t.entity_id = x.entity_id
       AND NOT EXISTS (SELECT 1 FROM task q WHERE q.shotgun_id = x.shotgun_id)`.execute(tx);
  const result = await sql<Written>`
    INSERT INTO task AS t (shotgun_id, name, project_id, task_type_id, task_status_id, entity_id, assigner_id, start_date, due_date, sort_order, duration, created_by)
    SELECT x.shotgun_id, x.name, x.project_id, x.task_type_id, x.task_status_id, x.entity_id, x.assigner_id, x.start_date, x.due_date, x.sort_order, x.duration, ${actorId}::uuid
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(${TASK_RECORDSET})
    ON CONFLICT (shotgun_id) DO UPDATE SET
       name = excluded.name, project_id = excluded.project_id, task_type_id = excluded.task_type_id, task_status_id = excluded.task_status_id,
       entity_id = excluded.entity_id, assigner_id = excluded.assigner_id, start_date = excluded.start_date, due_date = excluded.due_date,
       sort_order = excluded.sort_order, duration = excluded.duration
     WHERE (t.name, t.project_id, t.task_type_id, t.task_status_id, t.entity_id, t.assigner_id, t.start_date, t.due_date, t.sort_order, t.duration)
           IS DISTINCT FROM (excluded.name, excluded.project_id, excluded.task_type_id, excluded.task_status_id, excluded.entity_id, excluded.assigner_id,
                             excluded.start_date, excluded.due_date, excluded.sort_order, excluded.duration)
    RETURNING t.id, (t.xmax = 0) AS inserted`.execute(tx);
  return result.rows;
}

/** Makes each task's assignees exactly the given people; returns the tasks whose assignees changed. */
export async function replaceAssignees(tx: Tx, tasks: Array<{ taskId: string; personIds: string[] }>): Promise<Set<string>> {
  if (tasks.length === 0) return new Set();
  const pairs = tasks.flatMap((task) => task.personIds.map((personId) => ({ taskId: task.taskId, personId })));
  const removed = await sql<{ id: string }>`
    DELETE FROM assignations a WHERE a.task_id = ANY(${tasks.map((t) => t.taskId)}::uuid[])
       AND NOT EXISTS (SELECT 1 FROM unnest(${pairs.map((p) => p.taskId)}::uuid[], ${pairs.map((p) => p.personId)}::uuid[]) AS x(t, p)
                        WHERE x.t = a.task_id AND x.p = a.person_id)
    RETURNING a.task_id AS id`.execute(tx);
  const added = pairs.length === 0 ? { rows: [] } : await sql<{ id: string }>`
    INSERT INTO assignations (task_id, person_id) SELECT DISTINCT * FROM unnest(${pairs.map((p) => p.taskId)}::uuid[], ${pairs.map((p) => p.personId)}::uuid[])
    ON CONFLICT DO NOTHING RETURNING task_id AS id`.execute(tx);
  if (added.rows.length > 0) {
    await sql`
      INSERT INTO project_person_link (project_id, person_id)
      SELECT DISTINCT t.project_id, a.person_id FROM assignations a JOIN task t ON t.id = a.task_id WHERE a.task_id = ANY(${added.rows.map((row) => row.id)}::uuid[])
      ON CONFLICT DO NOTHING`.execute(tx);
  }
  return new Set([...removed.rows, ...added.rows].map((row) => row.id));
}

export async function tasksBySgId(tx: Tx, sgIds: number[]): Promise<Array<Selectable<Task> & { assignees: string[] }>> {
  if (sgIds.length === 0) return [];
  const result = await sql<Selectable<Task> & { assignees: string[] }>`
    SELECT t.*, coalesce((SELECT array_agg(a.person_id::text ORDER BY a.person_id) FROM assignations a WHERE a.task_id = t.id), '{}') AS assignees
      FROM task t WHERE t.shotgun_id = ANY(${sgIds}::int[])`.execute(tx);
  return result.rows;
}

export interface SgVersionValues {
  shotgun_id: number;
  name: string;
  description: string | null;
  task_id: string;
  person_id: string | null;
  uploaded_movie_url: string | null;
  uploaded_movie_name: string | null;
}

const VERSION_RECORDSET = sql`shotgun_id int, name text, description text, task_id uuid, person_id uuid, uploaded_movie_url text, uploaded_movie_name text`;

/** (name, task) taken by a preview of another ShotGrid id (first revision). */
export async function versionConflicts(tx: Tx, rows: SgVersionValues[]): Promise<Set<number>> {
  if (rows.length === 0) return new Set();
  const result = await sql<{ shotgun_id: number }>`
    SELECT x.shotgun_id FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(${VERSION_RECORDSET})
      JOIN preview_file p ON p.name = x.name AND p.task_id = x.task_id AND p.revision = 1 AND p.shotgun_id IS NOT NULL AND p.shotgun_id <> x.shotgun_id`.execute(tx);
  return new Set(result.rows.map((row) => row.shotgun_id));
}

export async function upsertVersions(tx: Tx, rows: SgVersionValues[]): Promise<Written[]> {
  if (rows.length === 0) return [];
  await sql`
    UPDATE preview_file p SET shotgun_id = x.shotgun_id
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(${VERSION_RECORDSET})
     WHERE p.shotgun_id IS NULL AND p.name = x.name AND p.task_id = x.task_id
       AND NOT EXISTS (SELECT 1 FROM preview_file q WHERE q.shotgun_id = x.shotgun_id)`.execute(tx);
  const result = await sql<Written>`
    INSERT INTO preview_file AS p (shotgun_id, name, description, task_id, person_id, source, uploaded_movie_url, uploaded_movie_name)
    SELECT x.shotgun_id, x.name, x.description, x.task_id, x.person_id, 'Shotgun', x.uploaded_movie_url, x.uploaded_movie_name
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(${VERSION_RECORDSET})
    ON CONFLICT (shotgun_id) DO UPDATE SET
       name = excluded.name, description = excluded.description, task_id = excluded.task_id, person_id = excluded.person_id,
       uploaded_movie_url = excluded.uploaded_movie_url, uploaded_movie_name = excluded.uploaded_movie_name
     WHERE (p.name, p.description, p.task_id, p.person_id, p.uploaded_movie_url, p.uploaded_movie_name)
           IS DISTINCT FROM (excluded.name, excluded.description, excluded.task_id, excluded.person_id, excluded.uploaded_movie_url, excluded.uploaded_movie_name)
    RETURNING p.id, (p.xmax = 0) AS inserted`.execute(tx);
  return result.rows;
}

export async function versionsBySgId(tx: Tx, sgIds: number[]): Promise<Array<Selectable<PreviewFile>>> {
  return sgIds.length === 0 ? [] : tx.selectFrom('preview_file').selectAll().where('shotgun_id', 'in', sgIds).execute();
}

export interface SgNoteValues {
  shotgun_id: number;
  text: string;
  object_id: string;
  person_id: string;
  created_at: string | null;
}

export async function upsertNotes(tx: Tx, rows: SgNoteValues[]): Promise<Written[]> {
  if (rows.length === 0) return [];
  const result = await sql<Written>`
    INSERT INTO comment AS c (shotgun_id, text, object_id, object_type, person_id, created_at)
    SELECT x.shotgun_id, x.text, x.object_id, 'Task', x.person_id, coalesce(x.created_at, utc_now())
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(shotgun_id int, text text, object_id uuid, person_id uuid, created_at timestamp)
    ON CONFLICT (shotgun_id) DO UPDATE SET text = excluded.text, object_id = excluded.object_id, person_id = excluded.person_id
     WHERE (c.text, c.object_id, c.person_id) IS DISTINCT FROM (excluded.text, excluded.object_id, excluded.person_id)
    RETURNING c.id, (c.xmax = 0) AS inserted`.execute(tx);
  return result.rows;
}

export async function notesBySgId(tx: Tx, sgIds: number[]): Promise<Array<Selectable<Comment>>> {
  return sgIds.length === 0 ? [] : tx.selectFrom('comment').selectAll().where('shotgun_id', 'in', sgIds).execute();
}
