import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { LiveEvent } from './live-event.ts';

interface EventRow {
  id: string;
  name: string;
  data: Record<string, unknown> | null;
  project_id: string | null;
  user_id: string | null;
}

const toLiveEvent = (row: EventRow): LiveEvent => ({
  id: row.id,
  name: row.name,
  data: row.data ?? {},
  projectId: row.project_id,
  actorId: row.user_id,
});

/** The rows a NOTIFY announced, in the log's order. */
export async function eventsByIds(db: Executor, ids: string[]): Promise<LiveEvent[]> {
  if (ids.length === 0) return [];
  const result = await sql<EventRow>`
    SELECT id, name, data, project_id, user_id FROM api_event
     WHERE id = ANY(${ids}::uuid[]) ORDER BY id`.execute(db);
  return result.rows.map(toLiveEvent);
}

/**
 * The events written after `afterId` within the replay window, in the log's order (ids are
 * time-ordered), limited to `rooms`' audience by the caller. Bounded by `limit` per page.
 */
export async function eventsAfter(db: Executor, afterId: string, windowHours: number, limit: number): Promise<LiveEvent[]> {
  const result = await sql<EventRow>`
    SELECT id, name, data, project_id, user_id FROM api_event
     WHERE id > ${afterId}::uuid AND created_at > utc_now() - ${windowHours}::float8 * interval '1 hour'
     ORDER BY id LIMIT ${limit}`.execute(db);
  return result.rows.map(toLiveEvent);
}

/** The projects whose team the person is in: the REST routes' project member rule (permissions.ts projectAccess). */
export async function memberProjectIds(db: Executor, personId: string): Promise<string[]> {
  const result = await sql<{ project_id: string }>`
    SELECT project_id FROM project_person_link WHERE person_id = ${personId}`.execute(db);
  return result.rows.map((row) => row.project_id);
}
