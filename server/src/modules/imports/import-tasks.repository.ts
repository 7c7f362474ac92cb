import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';

/**
 * Task writes of the CSV imports, each one statement for a whole batch: missing tasks, assignations,
 * and status changes posted as comments (the task history stays readable, as when Zou's importer
 * calls its comment service).
 */

export interface TaskPair {
  entityId: string;
  taskTypeId: string;
}

export const pairKey = (entityId: string, taskTypeId: string) => `${entityId}:${taskTypeId}`;

export interface CreatedTask {
  id: string;
  entity_id: string;
  task_type_id: string;
}

/**
 * Creates a "main" task, in the project's default status, for each pair that has no task of that type
 * yet (whatever its name). Repeated pairs are created once.
 */
export async function insertMissingTasks(tx: Tx, projectId: string, statusId: string, pairs: TaskPair[], actorId: string): Promise<CreatedTask[]> {
  if (pairs.length === 0) return [];
  const result = await sql<CreatedTask>`
    INSERT INTO task (name, project_id, entity_id, task_type_id, task_status_id, assigner_id, created_by)
    SELECT DISTINCT 'main', ${projectId}::uuid, x.entity_id, x.task_type_id, ${statusId}::uuid, ${actorId}::uuid, ${actorId}::uuid
      FROM unnest(${pairs.map((p) => p.entityId)}::uuid[], ${pairs.map((p) => p.taskTypeId)}::uuid[]) AS x(entity_id, task_type_id)
     WHERE NOT EXISTS (SELECT 1 FROM task t WHERE t.entity_id = x.entity_id AND t.task_type_id = x.task_type_id)
    ON CONFLICT DO NOTHING
    RETURNING id, entity_id, task_type_id`.execute(tx);
  return result.rows;
}

/** A task of an entity the import just created, in the status its row gives; `commented` when the row posts a comment on it. */
export interface BornTask extends TaskPair {
  statusId: string;
  commented: boolean;
}

/**
 * Creates the tasks of entities this import just created, each born in the status its row gives, with
 * the dates and retake count a comment setting that status leaves (as `postStatusComments` moves a
 * task from the default status). The import then only inserts those comments: updating every task a
 * second time (a new row version in eight indexes, and the foreign keys checked again) was a third of
 * a 10,000-shot import. Just-created entities have no task yet: no look-up of existing ones.
 */
export async function insertTasksInStatus(tx: Tx, projectId: string, defaultStatusId: string, tasks: BornTask[], actorId: string): Promise<ExistingTask[]> {
  if (tasks.length === 0) return [];
  const result = await sql<ExistingTask>`
    INSERT INTO task (name, project_id, entity_id, task_type_id, task_status_id, assigner_id, created_by,
                      last_comment_date, retake_count, real_start_date, end_date, done_date)
    SELECT 'main', ${projectId}::uuid, x.entity_id, x.task_type_id, x.status_id, ${actorId}::uuid, ${actorId}::uuid,
           CASE WHEN x.commented THEN utc_now() END,
           CASE WHEN x.moved AND s.is_retake THEN 1 ELSE 0 END,
           CASE WHEN x.moved AND s.is_wip THEN utc_now() END,
           CASE WHEN x.moved AND s.is_feedback_request THEN utc_now() END,
           CASE WHEN x.moved AND s.is_done THEN utc_now() END
      FROM (SELECT *, status_id <> ${defaultStatusId}::uuid AS moved
              FROM unnest(${tasks.map((t) => t.entityId)}::uuid[], ${tasks.map((t) => t.taskTypeId)}::uuid[], ${tasks.map((t) => t.statusId)}::uuid[],
                          ${tasks.map((t) => t.commented)}::boolean[]) AS u(entity_id, task_type_id, status_id, commented)) x
      JOIN task_status s ON s.id = x.status_id
    ON CONFLICT DO NOTHING
    RETURNING id, entity_id, task_type_id, task_status_id`.execute(tx);
  return result.rows;
}

/** Comments on tasks that already hold the status they carry (tasks born in it by `insertTasksInStatus`). */
export async function insertTaskComments(tx: Tx, comments: StatusComment[], authorId: string): Promise<Array<{ comment_id: string; task_id: string; task_status_id: string }>> {
  if (comments.length === 0) return [];
  const result = await sql<{ comment_id: string; task_id: string; task_status_id: string }>`
    INSERT INTO comment (object_id, object_type, task_status_id, person_id, text)
    SELECT task_id, 'Task', status_id, ${authorId}::uuid, text
      FROM unnest(${comments.map((c) => c.taskId)}::uuid[], ${comments.map((c) => c.statusId)}::uuid[], ${comments.map((c) => c.text)}::text[])
        AS x(task_id, status_id, text)
    RETURNING id AS comment_id, object_id AS task_id, task_status_id`.execute(tx);
  return result.rows;
}

export interface ExistingTask {
  id: string;
  entity_id: string;
  task_type_id: string;
  task_status_id: string;
}

/** The task of each pair (the oldest one when an entity has several of a type). */
export async function findTasksForPairs(tx: Tx, pairs: TaskPair[]): Promise<Map<string, ExistingTask>> {
  if (pairs.length === 0) return new Map();
  const result = await sql<ExistingTask>`
    SELECT t.id, t.entity_id, t.task_type_id, t.task_status_id FROM task t
     WHERE t.id IN (
       SELECT DISTINCT ON (k.entity_id, k.task_type_id) k.id
         FROM task k
         JOIN unnest(${pairs.map((p) => p.entityId)}::uuid[], ${pairs.map((p) => p.taskTypeId)}::uuid[]) AS x(entity_id, task_type_id)
           ON k.entity_id = x.entity_id AND k.task_type_id = x.task_type_id
        ORDER BY k.entity_id, k.task_type_id, k.created_at, k.id)
       FOR UPDATE`.execute(tx);
  return new Map(result.rows.map((row) => [pairKey(row.entity_id, row.task_type_id), row]));
}

/** A task as a row's task columns see it: its status and its assignees. */
export interface TaskState {
  task_type_id: string;
  task_status_id: string;
  assignees: string[];
}

/**
 * The tasks of entities by task type (the oldest one when an entity has several of a type, as
 * `findTasksForPairs`), with their assignees: what tells whether a row's task columns change anything.
 */
export async function findTaskStates(tx: Tx, entityIds: string[]): Promise<Map<string, Map<string, TaskState>>> {
  const byEntity = new Map<string, Map<string, TaskState>>();
  if (entityIds.length === 0) return byEntity;
  const result = await sql<TaskState & { entity_id: string }>`
    SELECT DISTINCT ON (t.entity_id, t.task_type_id) t.entity_id, t.task_type_id, t.task_status_id,
           array(SELECT a.person_id::text FROM assignations a WHERE a.task_id = t.id) AS assignees
      FROM task t
     WHERE t.entity_id = ANY(${entityIds}::uuid[])
     ORDER BY t.entity_id, t.task_type_id, t.created_at, t.id`.execute(tx);
  for (const { entity_id: entityId, ...task } of result.rows) {
    const tasks = byEntity.get(entityId) ?? new Map<string, TaskState>();
    byEntity.set(entityId, tasks.set(task.task_type_id, task));
  }
  return byEntity;
}

export interface Assignation {
  taskId: string;
  personId: string;
}

/**
 * Adds assignees (existing assignations are kept, as Zou's importer only adds), sets the importer as
 * assigner of the tasks that got someone new, and puts new assignees in the project's team.
 */
export async function addAssignations(tx: Tx, projectId: string, rows: Assignation[], actorId: string): Promise<Assignation[]> {
  if (rows.length === 0) return [];
  const added = await sql<{ task_id: string; person_id: string }>`
    INSERT INTO assignations (task_id, person_id)
    SELECT DISTINCT * FROM unnest(${rows.map((r) => r.taskId)}::uuid[], ${rows.map((r) => r.personId)}::uuid[])
    ON CONFLICT DO NOTHING
    RETURNING task_id, person_id`.execute(tx);
  if (added.rows.length === 0) return [];
  await sql`UPDATE task SET assigner_id = ${actorId} WHERE id = ANY(${[...new Set(added.rows.map((r) => r.task_id))]}::uuid[])`.execute(tx);
  await sql`
    INSERT INTO project_person_link (project_id, person_id)
    SELECT DISTINCT ${projectId}::uuid, unnest(${added.rows.map((r) => r.person_id)}::uuid[])
    ON CONFLICT DO NOTHING`.execute(tx);
  return added.rows.map((row) => ({ taskId: row.task_id, personId: row.person_id }));
}

export interface StatusComment {
  taskId: string;
  statusId: string;
  text: string;
}

export interface PostedComment {
  comment_id: string;
  task_id: string;
  task_status_id: string;
  previous_status_id: string;
}

/**
 * Posts one comment per task carrying its new (or unchanged) status, and moves the tasks the way a
 * comment does (§6.1 step 5): last comment date, and on a change the retake count and the real start /
 * end / done dates.
 */
export async function postStatusComments(tx: Tx, comments: StatusComment[], authorId: string): Promise<PostedComment[]> {
  if (comments.length === 0) return [];
  const result = await sql<PostedComment>`
    WITH input AS (
      SELECT * FROM unnest(${comments.map((c) => c.taskId)}::uuid[], ${comments.map((c) => c.statusId)}::uuid[], ${comments.map((c) => c.text)}::text[])
        AS x(task_id, status_id, text)
    ), posted AS (
      INSERT INTO comment (object_id, object_type, task_status_id, person_id, text)
      SELECT task_id, 'Task', status_id, ${authorId}::uuid, text FROM input
      RETURNING id, object_id, task_status_id, created_at
    ), moved AS (
      UPDATE task t SET
        task_status_id = p.task_status_id,
        last_comment_date = p.created_at,
        retake_count = t.retake_count + CASE WHEN p.task_status_id <> t.task_status_id AND s.is_retake THEN 1 ELSE 0 END,
        real_start_date = CASE WHEN p.task_status_id <> t.task_status_id AND s.is_wip THEN coalesce(t.real_start_date, utc_now()) ELSE t.real_start_date END,
        end_date = CASE WHEN p.task_status_id = t.task_status_id THEN t.end_date
                        WHEN s.is_feedback_request THEN utc_now() WHEN s.is_done THEN t.end_date ELSE NULL END,
        done_date = CASE WHEN p.task_status_id = t.task_status_id THEN t.done_date WHEN s.is_done THEN utc_now() ELSE NULL END
        FROM posted p JOIN task_status s ON s.id = p.task_status_id
       WHERE t.id = p.object_id
      RETURNING t.id
    )
    SELECT p.id AS comment_id, p.object_id AS task_id, p.task_status_id, t.task_status_id AS previous_status_id
      FROM posted p JOIN task t ON t.id = p.object_id`.execute(tx);
  return result.rows;
}
