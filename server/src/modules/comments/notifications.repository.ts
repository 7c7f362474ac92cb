import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';

export type NotificationType = 'comment' | 'mention' | 'assignation' | 'reply' | 'reply-mention';

export interface NewNotification {
  person_id: string;
  author_id: string;
  type: NotificationType;
  change?: boolean;
  comment_id?: string | null;
  task_id?: string | null;
  reply_id?: string | null;
}

/** Inserts every notification in one statement; returns what `notification:new` events need. */
export async function insertNotifications(tx: Tx, rows: NewNotification[]): Promise<Array<{ id: string; person_id: string; task_id: string | null }>> {
  if (rows.length === 0) return [];
  return tx
    .insertInto('notification')
    .values(rows.map((row) => ({ ...row, change: row.change ?? false, read: false })))
    .returning(['id', 'person_id', 'task_id'])
    .execute();
}

/** `notification:new {notification_id, person_id}`: the live signal of each notification (§6.1 step 6). */
export function notificationEvents(
  created: Array<{ id: string; person_id: string }>,
  projectId: string,
  actorId: string,
): DomainEvent[] {
  return created.map((row) => ({
    name: 'notification:new',
    data: { notification_id: row.id, person_id: row.person_id },
    projectId,
    actorId,
  }));
}

export async function deleteNotificationsOfComment(tx: Tx, commentId: string, type?: NotificationType): Promise<void> {
  let query = tx.deleteFrom('notification').where('comment_id', '=', commentId);
  if (type) query = query.where('type', '=', type);
  await query.execute();
}

/**
 * Who hears about a comment on a task: its assignees, the people watching the task, and the people
 * watching the parent sequence for this task type (§6.1 step 6). One query.
 */
export async function findCommentRecipients(
  db: Executor,
  task: { id: string; task_type_id: string; entityParentId: string | null },
): Promise<string[]> {
  const result = await sql<{ person_id: string }>`
    SELECT a.person_id FROM assignations a WHERE a.task_id = ${task.id}
    UNION
    SELECT s.person_id FROM subscription s WHERE s.task_id = ${task.id}
    UNION
    SELECT s.person_id FROM subscription s
     WHERE ${task.entityParentId}::uuid IS NOT NULL AND s.entity_id = ${task.entityParentId}::uuid AND s.task_type_id = ${task.task_type_id}`.execute(db);
  return result.rows.map((row) => row.person_id);
}

/**
 * A comment's notifications and news row in one statement (§6.1 steps 6-7): a `comment` notification
 * for each recipient of findCommentRecipients but the author, a `mention` notification for each
 * mentioned person, and the news row (dated like the comment) unless `withNews` is false (concepts).
 * One round trip where three were: this runs for every comment posted.
 */
export async function insertCommentNotices(
  tx: Tx,
  notice: {
    task: { id: string; task_type_id: string; entityParentId: string | null };
    commentId: string;
    authorId: string;
    change: boolean;
    mentioned: string[];
    withNews: boolean;
  },
): Promise<{ notified: Array<{ id: string; person_id: string }>; newsId: string | null }> {
  const { task, commentId, authorId, change } = notice;
  const result = await sql<{ notified: Array<{ id: string; person_id: string }>; news_id: string | null }>`
    WITH recipients AS (
      SELECT a.person_id FROM assignations a WHERE a.task_id = ${task.id}
      UNION
      SELECT s.person_id FROM subscription s WHERE s.task_id = ${task.id}
      UNION
      SELECT s.person_id FROM subscription s
       WHERE ${task.entityParentId}::uuid IS NOT NULL AND s.entity_id = ${task.entityParentId}::uuid AND s.task_type_id = ${task.task_type_id}
    ), wanted AS (
      SELECT r.person_id, 'comment' AS type, ${change}::boolean AS change, 1 AS rank FROM recipients r WHERE r.person_id <> ${authorId}::uuid
      UNION ALL
      SELECT m.person_id, 'mention', false, 2 FROM unnest(${notice.mentioned}::uuid[]) AS m(person_id)
    ), notified AS (
      INSERT INTO notification (person_id, author_id, type, change, comment_id, task_id, read)
      SELECT w.person_id, ${authorId}, w.type, w.change, ${commentId}, ${task.id}, false FROM wanted w ORDER BY w.rank
      RETURNING id, person_id, type
    ), published AS (
      INSERT INTO news (change, author_id, comment_id, task_id, preview_file_id, created_at)
      SELECT ${change}, ${authorId}, ${commentId}, ${task.id}, NULL, c.created_at FROM comment c WHERE c.id = ${commentId} AND ${notice.withNews}
      RETURNING id
    )
    SELECT coalesce((SELECT json_agg(json_build_object('id', n.id, 'person_id', n.person_id) ORDER BY n.type) FROM notified n), '[]') AS notified,
           (SELECT p.id FROM published p) AS news_id`.execute(tx);
  const row = result.rows[0];
  return { notified: row?.notified ?? [], newsId: row?.news_id ?? null };
}

/** Team members of the project who belong to one of the departments (department mentions). */
export async function findDepartmentTeamMembers(db: Executor, projectId: string, departmentIds: string[]): Promise<string[]> {
  if (departmentIds.length === 0) return [];
  const rows = await db
    .selectFrom('project_person_link as ppl')
    .innerJoin('department_link as dl', 'dl.person_id', 'ppl.person_id')
    .select('ppl.person_id')
    .distinct()
    .where('ppl.project_id', '=', projectId)
    .where('dl.department_id', 'in', departmentIds)
    .execute();
  return rows.map((row) => row.person_id);
}
