import { sql, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { Task } from '../../platform/db/schema.ts';

/** Full-precision text of a timestamp, so that values read and written back keep their microseconds. */
const precise = (column: string) => sql.raw(`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.US')`);

export interface CommentStep {
  task_status_id: string;
  created_at: string;
  is_retake: boolean;
  is_wip: boolean;
  is_feedback_request: boolean;
  is_done: boolean;
}

/** The task's comments, oldest first, with the flags of the status each one set. */
export async function findCommentHistory(tx: Tx, taskId: string): Promise<CommentStep[]> {
  const result = await sql<CommentStep>`
    SELECT c.task_status_id, ${precise('c.created_at')} AS created_at,
           ts.is_retake, ts.is_wip, ts.is_feedback_request, ts.is_done
      FROM comment c JOIN task_status ts ON ts.id = c.task_status_id
     WHERE c.object_id = ${taskId}
     ORDER BY c.created_at, c.id`.execute(tx);
  return result.rows;
}

export async function lockTaskForRecompute(tx: Tx, taskId: string) {
  const result = await sql<{ task_status_id: string; project_id: string; is_concept: boolean; duration: number }>`
    SELECT t.task_status_id, t.project_id, et.name = 'Concept' AS is_concept,
           coalesce((SELECT sum(ts.duration) FROM time_spent ts WHERE ts.task_id = t.id), 0)::float8 AS duration
      FROM task t JOIN entity e ON e.id = t.entity_id JOIN entity_type et ON et.id = e.entity_type_id
     WHERE t.id = ${taskId}
       FOR UPDATE OF t`.execute(tx);
  return result.rows[0];
}

export interface DerivedFields {
  task_status_id: string;
  retake_count: number;
  real_start_date: string | null;
  end_date: string | null;
  done_date: string | null;
  last_comment_date: string | null;
  duration: number;
}

export async function writeDerivedFields(tx: Tx, taskId: string, fields: DerivedFields): Promise<Selectable<Task>> {
  return tx.updateTable('task').set(fields).where('id', '=', taskId).returningAll().executeTakeFirstOrThrow();
}

/**
 * Applies the status a new comment carries, with the dates and retake count it implies, when it is
 * the task's latest comment (or ties with it): only then does it move the task (§6.1 step 5). The
 * check is in the UPDATE itself; undefined means the comment is older than the task's last one.
 */
export async function writeCommentStatusIfLatest(
  tx: Tx,
  taskId: string,
  commentId: string,
  status: { id: string; is_retake: boolean; is_wip: boolean; is_feedback_request: boolean; is_done: boolean },
  changed: boolean,
): Promise<Selectable<Task> | undefined> {
  const commentDate = sql<string>`(SELECT c.created_at FROM comment c WHERE c.id = ${commentId})`;
  let query = tx.updateTable('task').set({ task_status_id: status.id, last_comment_date: commentDate });
  if (changed) {
    const now = sql<string>`utc_now()`;
    if (status.is_retake) query = query.set((eb) => ({ retake_count: eb('retake_count', '+', 1) }));
    if (status.is_wip) query = query.set({ real_start_date: sql<string>`coalesce(real_start_date, utc_now())` });
    if (status.is_feedback_request) query = query.set({ end_date: now });
    else if (!status.is_done) query = query.set({ end_date: null });
    query = query.set({ done_date: status.is_done ? now : null });
  }
  return query
    .where('id', '=', taskId)
    .where(sql<boolean>`(last_comment_date IS NULL OR last_comment_date <= ${commentDate})`)
    .returningAll()
    .executeTakeFirst();
}
