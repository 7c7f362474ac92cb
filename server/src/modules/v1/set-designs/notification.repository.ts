import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.ts';

export interface NotificationRow {
  id: string;
  created_at: string;
  set_design_id: string;
  requested_by: string | null;
  kind: string;
  message: string;
  data: Record<string, unknown>;
  read_at: string | null;
}

const columns = ['id', 'created_at', 'set_design_id', 'requested_by', 'kind', 'message', sql<Record<string, unknown>>`data`.as('data'), 'read_at'] as const;

export async function insertNotifications(
  db: Executor,
  recipients: string[],
  notification: { set_design_id: string; requested_by: string; kind: 'completion_request'; message: string; data: Record<string, unknown> },
): Promise<void> {
  if (recipients.length === 0) return;
  await db
    .insertInto('set_design_notification')
    .values(recipients.map((recipient_id) => ({ ...notification, recipient_id, data: JSON.stringify(notification.data) })))
    .execute();
}

export async function listNotifications(db: Executor, recipientId: string, page: { skip: number; limit: number }) {
  const base = db.selectFrom('set_design_notification').where('recipient_id', '=', recipientId);
  const [rows, total] = await Promise.all([
    base.select(columns).orderBy('created_at', 'desc').orderBy('id').offset(page.skip).limit(page.limit).execute(),
    base.select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as NotificationRow[], count: total.count };
}

/** Marks one of the recipient's notifications read; undefined when he has no such notification. */
export async function markNotificationRead(db: Executor, recipientId: string, id: string): Promise<NotificationRow | undefined> {
  const row = await db
    .updateTable('set_design_notification')
    .set({ read_at: sql<string>`coalesce(read_at, utc_now())` })
    .where('id', '=', id)
    .where('recipient_id', '=', recipientId)
    .returning(columns)
    .executeTakeFirst();
  return row as NotificationRow | undefined;
}

/** Studio admins: told about set designs that belong to no organization. */
export async function studioAdminIds(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('person').select('id').where('role', '=', 'admin').where('active', '=', true).where('is_bot', '=', false).execute();
  return rows.map((row) => row.id);
}

export async function namesOf(db: Executor, table: 'subject' | 'shot_type', ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = table === 'subject'
    ? await db.selectFrom('subject').select(['id', 'name']).where('id', 'in', ids).execute()
    : await db.selectFrom('shot_type').select(['id', sql<string>`slug`.as('name')]).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
