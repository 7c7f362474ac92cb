import { sql, type RawBuilder } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Notification } from '../../../../packages/contracts/src/user.schema.ts';

export interface NotificationFilter {
  personId: string;
  /** Texts written by clients are blanked for artists (Zou). */
  hideClientTexts: boolean;
  notificationId?: string;
  after?: string;
  before?: string;
  taskTypeId?: string;
  taskStatusId?: string;
  type?: string;
  read?: boolean;
  watching?: boolean;
  limit: number;
  offset: number;
}


function conditions(filter: NotificationFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`n.person_id = ${filter.personId}`];
  if (filter.notificationId !== undefined) parts.push(sql`n.id = ${filter.notificationId}`);
  if (filter.after !== undefined) parts.push(sql`n.created_at > ${filter.after}::timestamp`);
  if (filter.before !== undefined) parts.push(sql`n.created_at < ${filter.before}::timestamp`);
  if (filter.taskTypeId !== undefined) parts.push(sql`t.task_type_id = ${filter.taskTypeId}`);
  if (filter.taskStatusId !== undefined) parts.push(sql`t.task_status_id = ${filter.taskStatusId}`);
  if (filter.type !== undefined) parts.push(sql`n.type = ${filter.type}`);
  if (filter.read !== undefined) parts.push(sql`n.read = ${filter.read}`);
  if (filter.watching !== undefined) parts.push(filter.watching ? sql`sub.id IS NOT NULL` : sql`sub.id IS NULL`);
  return sql.join(parts, sql` AND `);
}

/**
 * The caller's notifications, newest first, in Zou's enriched shape (project, comment text, full
 * entity name, mentions, first preview, subscription). One statement, paged by limit/offset.
 */
export async function listNotifications(db: Executor, filter: NotificationFilter): Promise<Notification[]> {
  const hide = filter.hideClientTexts;
  const result = await sql<Notification>`
    SELECT n.id, 'Notification' AS type, n.type AS notification_type, n.author_id, n.comment_id, n.task_id,
           t.task_type_id, c.task_status_id,
           ARRAY(SELECT m.person_id FROM comment_mentions m WHERE m.comment_id = c.id) AS mentions,
           ARRAY(SELECT m.department_id FROM comment_department_mentions m WHERE m.comment_id = c.id) AS department_mentions,
           coalesce(reply.value -> 'mentions', '[]'::jsonb) AS reply_mentions,
           coalesce(reply.value -> 'department_mentions', '[]'::jsonb) AS reply_department_mentions,
           (SELECT cpl.preview_file_id FROM comment_preview_link cpl JOIN preview_file pf ON pf.id = cpl.preview_file_id
             WHERE cpl.comment_id = c.id ORDER BY pf.revision, pf.position LIMIT 1) AS preview_file_id,
           p.id AS project_id, p.name AS project_name,
           CASE WHEN ${hide} AND author.role = 'client' THEN '' ELSE c.text END AS comment_text,
           CASE WHEN ${hide} AND author.role = 'client' THEN '' ELSE coalesce(reply.value ->> 'text', '') END AS reply_text,
           n.created_at, n.read, n.change,
           CASE
             WHEN e.id IS NULL THEN ''
             WHEN et.name = 'Shot' AND grandparent.id IS NOT NULL THEN grandparent.name || ' / ' || parent.name || ' / ' || e.name
             WHEN et.name = 'Shot' THEN coalesce(parent.name || ' / ', '') || e.name
             WHEN et.name = 'Episode' THEN e.name
             WHEN et.name = 'Sequence' THEN coalesce(parent.name || ' / ', '') || e.name
             ELSE et.name || ' / ' || e.name END AS full_entity_name,
           CASE
             WHEN et.name = 'Shot' THEN grandparent.id
             WHEN et.name = 'Sequence' THEN parent.id
             WHEN et.name = 'Episode' THEN NULL
             ELSE e.source_id END AS episode_id,
           e.preview_file_id AS entity_preview_file_id,
           sub.id AS subscription_id,
           n.playlist_id, '' AS playlist_name, '' AS playlist_for_entity, false AS playlist_is_for_all
      FROM notification n
      JOIN person author ON author.id = n.author_id
      LEFT JOIN task t ON t.id = n.task_id
      LEFT JOIN project p ON p.id = t.project_id
      LEFT JOIN subscription sub ON sub.task_id = t.id AND sub.person_id = ${filter.personId}
      LEFT JOIN comment c ON c.id = n.comment_id
      LEFT JOIN entity e ON e.id = t.entity_id
      LEFT JOIN entity_type et ON et.id = e.entity_type_id
      LEFT JOIN entity parent ON parent.id = e.parent_id
      LEFT JOIN entity grandparent ON grandparent.id = parent.parent_id
      LEFT JOIN LATERAL (
             SELECT r AS value FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.replies) = 'array' THEN c.replies ELSE '[]'::jsonb END) r
              WHERE n.type IN ('reply', 'reply-mention') AND r ->> 'id' = n.reply_id
              LIMIT 1) reply ON true
     WHERE ${conditions(filter)}
     ORDER BY n.created_at DESC, n.id
     LIMIT ${filter.limit} OFFSET ${filter.offset}`.execute(db);
  return result.rows;
}

export interface NotificationRecord {
  id: string;
  created_at: string;
  updated_at: string;
  read: boolean;
  change: boolean;
  type: string;
  person_id: string;
  author_id: string;
  comment_id: string | null;
  task_id: string | null;
  playlist_id: string | null;
  reply_id: string | null;
}

const COLUMNS = ['id', 'created_at', 'updated_at', 'read', 'change', 'type', 'person_id', 'author_id', 'comment_id', 'task_id', 'playlist_id', 'reply_id'] as const;

/** The caller's own notification, locked for update; someone else's is not found. */
export function lockOwnNotification(tx: Tx, personId: string, id: string): Promise<NotificationRecord | undefined> {
  return tx.selectFrom('notification').select(COLUMNS).where('id', '=', id).where('person_id', '=', personId).forUpdate().executeTakeFirst();
}

export function setRead(tx: Tx, id: string, read: boolean): Promise<NotificationRecord> {
  return tx.updateTable('notification').set({ read }).where('id', '=', id).returning(COLUMNS).executeTakeFirstOrThrow();
}

/** Marks every unread notification of the person read; returns how many changed. */
export async function markAllRead(tx: Tx, personId: string): Promise<number> {
  const result = await tx.updateTable('notification').set({ read: true }).where('person_id', '=', personId).where('read', '=', false).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
