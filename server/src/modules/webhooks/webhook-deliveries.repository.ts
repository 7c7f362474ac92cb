import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { uuidV7Floor } from '../../platform/db/uuid-v7.ts';
import type { DeliveryAttempt, DeliveryStatus } from '../../../../packages/contracts/src/webhooks.schema.ts';

/** What an event needs to find its hooks: the log row's id, name and production. */
export interface OutboxEvent {
  id: string;
  name: string;
  project_id: string | null;
}

/**
 * Writes a pending delivery for every active hook whose filter and production match each event, in
 * the event's own transaction; returns their ids, in the log's order. The hook's filter matches the
 * exact name, the model's wildcard (`task:*` for `task:new`) or `*`. With no active hook at all the
 * statement stops at its first check (the index on active hooks), which is what nearly every write meets.
 */
export async function insertDeliveriesForEvents(db: Executor, events: OutboxEvent[]): Promise<string[]> {
  const result = await sql<{ id: string }>`
    INSERT INTO webhook_delivery (webhook_id, event_id, event_name)
    SELECT w.id, e.id, e.name
      FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS e(id uuid, name varchar, project_id uuid)
      JOIN webhook w ON w.active
                    AND (w.project_id IS NULL OR w.project_id = e.project_id)
                    AND (e.name = ANY(w.events) OR '*' = ANY(w.events) OR split_part(e.name, ':', 1) || ':*' = ANY(w.events))
     WHERE EXISTS (SELECT 1 FROM webhook WHERE active)
     ORDER BY e.id, w.id
    RETURNING id`.execute(db);
  return result.rows.map((row) => row.id);
}

/** A new delivery of the same event to the same hook. */
export async function insertRedelivery(db: Executor, original: { id: string; webhook_id: string; event_id: string; event_name: string }): Promise<string> {
  const row = await db
    .insertInto('webhook_delivery')
    .values({ webhook_id: original.webhook_id, event_id: original.event_id, event_name: original.event_name, redelivery_of: original.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Everything one send needs: the delivery, its hook (with the secret) and its event. */
export interface DeliveryToSend {
  id: string;
  status: DeliveryStatus;
  webhook_id: string;
  url: string;
  secret: string;
  active: boolean;
  event_id: string;
  event_name: string;
  event_created_at: string;
  event_project_id: string | null;
  event_data: unknown;
}

export async function findDeliveryToSend(db: Executor, deliveryId: string): Promise<DeliveryToSend | undefined> {
  const result = await sql<DeliveryToSend>`
    SELECT d.id, d.status, d.webhook_id, w.url, w.secret, w.active,
           e.id AS event_id, e.name AS event_name, e.created_at AS event_created_at, e.project_id AS event_project_id, e.data AS event_data
      FROM webhook_delivery d
      JOIN webhook w ON w.id = d.webhook_id
      JOIN api_event e ON e.id = d.event_id
     WHERE d.id = ${deliveryId}::uuid`.execute(db);
  return result.rows[0];
}

export interface AttemptOutcome {
  attempt: number;
  startedAt: Date;
  durationMs: number;
  responseStatus: number | null;
  error: string | null;
  succeeded: boolean;
}

/**
 * Logs one attempt and sets the delivery's outcome to it: succeeded, failed (`final`: no attempt
 * left) or still pending. Only a pending delivery changes, so a late duplicate cannot undo a result.
 */
export async function recordAttempt(db: Executor, deliveryId: string, outcome: AttemptOutcome, final: boolean): Promise<void> {
  const status: DeliveryStatus = outcome.succeeded ? 'succeeded' : final ? 'failed' : 'pending';
  await sql`
    WITH attempt AS (
      INSERT INTO webhook_delivery_attempt (delivery_id, attempt, started_at, duration_ms, response_status, error, succeeded)
      VALUES (${deliveryId}::uuid, ${outcome.attempt}, ${outcome.startedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC',
              ${outcome.durationMs}, ${outcome.responseStatus}, ${outcome.error}, ${outcome.succeeded})
      ON CONFLICT (delivery_id, attempt) DO NOTHING)
    UPDATE webhook_delivery
       SET status = ${status}, attempts = greatest(attempts, ${outcome.attempt}), response_status = ${outcome.responseStatus},
           duration_ms = ${outcome.durationMs}, error = ${outcome.error}, last_attempt_at = utc_now()
     WHERE id = ${deliveryId}::uuid AND status = 'pending'`.execute(db);
}

/**
 * Forgets a hook's settled deliveries older than `keepDays` (with their attempts): the log is for
 * reading what happened lately, and a busy hook would otherwise grow it forever. The ids are
 * time-ordered, so this is a range of the (webhook_id, id) index.
 */
export async function pruneDeliveryLog(db: Executor, webhookId: string, keepDays: number): Promise<number> {
  const result = await sql`
    DELETE FROM webhook_delivery
     WHERE webhook_id = ${webhookId}::uuid AND id < ${uuidV7Floor(Date.now() - keepDays * 86_400_000)}::uuid AND status <> 'pending'`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Settles a delivery that will not be sent (again): its hook was turned off, or its job gave up. */
export async function markDeliveryFailed(db: Executor, deliveryId: string, error: string): Promise<void> {
  await sql`
    UPDATE webhook_delivery SET status = 'failed', error = ${error}
     WHERE id = ${deliveryId}::uuid AND status = 'pending'`.execute(db);
}

export interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_id: string;
  event_name: string;
  status: DeliveryStatus;
  attempts: number;
  response_status: number | null;
  duration_ms: number | null;
  error: string | null;
  created_at: string;
  last_attempt_at: string | null;
  redelivery_of: string | null;
  attempt_log: DeliveryAttempt[];
}

const DELIVERY_SELECT = sql`
  SELECT d.id, d.webhook_id, d.event_id, d.event_name, d.status, d.attempts, d.response_status, d.duration_ms, d.error,
         d.created_at, d.last_attempt_at, d.redelivery_of,
         COALESCE((SELECT jsonb_agg(jsonb_build_object(
                     'attempt', a.attempt, 'started_at', wire_timestamp(a.started_at), 'duration_ms', a.duration_ms,
                     'response_status', a.response_status, 'error', a.error, 'succeeded', a.succeeded) ORDER BY a.attempt)
                     FROM webhook_delivery_attempt a WHERE a.delivery_id = d.id), '[]'::jsonb) AS attempt_log
    FROM webhook_delivery d`;

/** A hook's deliveries, newest first, `limit` of them older than `before` (ids follow time). */
export async function listDeliveries(db: Executor, webhookId: string, limit: number, before: string | undefined): Promise<DeliveryRow[]> {
  const result = await sql<DeliveryRow>`
    ${DELIVERY_SELECT}
     WHERE d.webhook_id = ${webhookId}::uuid AND (${before ?? null}::uuid IS NULL OR d.id < ${before ?? null}::uuid)
     ORDER BY d.id DESC
     LIMIT ${limit}`.execute(db);
  return result.rows;
}

export async function findDelivery(db: Executor, webhookId: string, deliveryId: string): Promise<DeliveryRow | undefined> {
  const result = await sql<DeliveryRow>`
    ${DELIVERY_SELECT}
     WHERE d.webhook_id = ${webhookId}::uuid AND d.id = ${deliveryId}::uuid`.execute(db);
  return result.rows[0];
}
