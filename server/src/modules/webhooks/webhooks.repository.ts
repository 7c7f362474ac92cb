import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/** A webhook row as the services read it; `secret` stays in here and in the sender, never in a presenter. */
export interface WebhookRow {
  id: string;
  project_id: string | null;
  url: string;
  events: string[];
  active: boolean;
  secret: string;
  created_at: string;
  updated_at: string;
  secret_rotated_at: string | null;
  created_by: string | null;
}

/** The newest delivery of a hook, shown in the list. */
export interface LastDelivery {
  status: string;
  response_status: number | null;
  created_at: string;
}

export type ListedWebhook = WebhookRow & { last_delivery: LastDelivery | null };

const COLUMNS = ['id', 'project_id', 'url', 'events', 'active', 'secret', 'created_at', 'updated_at', 'secret_rotated_at', 'created_by'] as const;

/** `projectId`: one production's hooks; `null`: the studio-wide ones; undefined: all. Oldest first. */
export async function listWebhooks(db: Executor, projectId: string | null | undefined): Promise<ListedWebhook[]> {
  const result = await sql<ListedWebhook>`
    SELECT w.id, w.project_id, w.url, w.events, w.active, w.secret, w.created_at, w.updated_at, w.secret_rotated_at, w.created_by,
           (SELECT jsonb_build_object('status', d.status, 'response_status', d.response_status,
                                      'created_at', wire_timestamp(d.created_at))
              FROM webhook_delivery d WHERE d.webhook_id = w.id ORDER BY d.id DESC LIMIT 1) AS last_delivery
      FROM webhook w
     WHERE ${projectId === undefined} OR w.project_id IS NOT DISTINCT FROM ${projectId ?? null}::uuid
     ORDER BY w.created_at, w.id`.execute(db);
  return result.rows;
}

export async function findWebhook(db: Executor, id: string, options: { forUpdate?: boolean } = {}): Promise<WebhookRow | undefined> {
  let query = db.selectFrom('webhook').select(COLUMNS).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function insertWebhook(
  db: Executor,
  values: { projectId: string | null; url: string; events: string[]; active: boolean; secret: string; createdBy: string | null },
): Promise<WebhookRow> {
  return db
    .insertInto('webhook')
    .values({ project_id: values.projectId, url: values.url, events: values.events, active: values.active, secret: values.secret, created_by: values.createdBy })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function updateWebhook(
  db: Executor,
  id: string,
  changes: { url?: string; events?: string[]; active?: boolean; secret?: string },
): Promise<WebhookRow> {
  return db
    .updateTable('webhook')
    .set({
      ...(changes.url === undefined ? {} : { url: changes.url }),
      ...(changes.events === undefined ? {} : { events: changes.events }),
      ...(changes.active === undefined ? {} : { active: changes.active }),
      ...(changes.secret === undefined ? {} : { secret: changes.secret, secret_rotated_at: sql<string>`utc_now()` }),
    })
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function deleteWebhook(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('webhook').where('id', '=', id).execute();
}

export async function projectExists(db: Executor, projectId: string): Promise<boolean> {
  return (await db.selectFrom('project').select('id').where('id', '=', projectId).executeTakeFirst()) !== undefined;
}
