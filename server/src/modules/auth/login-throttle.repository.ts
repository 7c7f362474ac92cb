import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/** How many failures a key may collect within `windowSeconds` before it is refused for `blockSeconds`. */
export interface ThrottleRule {
  limit: number;
  windowSeconds: number;
  blockSeconds: number;
}

/** Seconds left on each blocked key among the given ones (keys not blocked are absent). */
export async function blockedKeys(db: Executor, keys: string[]): Promise<Map<string, number>> {
  const result = await sql<{ key: string; retry_after: number }>`
    SELECT key, ceil(extract(epoch FROM blocked_until - utc_now()))::int AS retry_after
      FROM login_throttle
     WHERE key IN (${sql.join(keys)}) AND blocked_until > utc_now()`.execute(db);
  return new Map(result.rows.map((row) => [row.key, Math.max(1, row.retry_after)]));
}

/** Whether the person logged in successfully from this address within the last `days` days. */
export async function hasLoggedInFrom(db: Executor, personId: string, ip: string, days: number): Promise<boolean> {
  const row = (
    await sql<{ found: boolean }>`
      SELECT EXISTS (SELECT 1 FROM login_log
                      WHERE person_id = ${personId} AND ip_address = ${ip.slice(0, 64)}
                        AND created_at > utc_now() - make_interval(days => ${days})) AS found`.execute(db)
  ).rows[0];
  return row?.found ?? false;
}

/** Seconds until the last of the given keys is unblocked, or null when none is blocked. */
export async function secondsUntilUnblocked(db: Executor, keys: string[]): Promise<number | null> {
  const row = (
    await sql<{ retry_after: number | null }>`
      SELECT ceil(max(extract(epoch FROM blocked_until - utc_now())))::int AS retry_after
        FROM login_throttle
       WHERE key IN (${sql.join(keys)}) AND blocked_until > utc_now()`.execute(db)
  ).rows[0];
  return row?.retry_after ?? null;
}

/**
 * Counts one failure for a key in a single upsert, so concurrent failures from several server
 * processes are all counted (no read-then-write). A window that has elapsed, or a block that has
 * ended, starts a fresh count; reaching the limit sets the block.
 */
export async function recordFailure(db: Executor, key: string, rule: ThrottleRule): Promise<{ failures: number; blocked: boolean }> {
  const window = sql`make_interval(secs => ${rule.windowSeconds})`;
  const block = sql`make_interval(secs => ${rule.blockSeconds})`;
  const stale = sql`(t.window_started_at <= utc_now() - ${window} OR t.blocked_until <= utc_now())`;
  const next = sql<number>`CASE WHEN ${stale} THEN 1 ELSE t.failures + 1 END`;
  const row = (
    await sql<{ failures: number; blocked: boolean }>`
      INSERT INTO login_throttle AS t (key, failures, window_started_at, blocked_until)
      VALUES (${key}, 1, utc_now(), CASE WHEN 1 >= ${rule.limit} THEN utc_now() + ${block} END)
      ON CONFLICT (key) DO UPDATE SET
        failures = ${next},
        window_started_at = CASE WHEN ${stale} THEN utc_now() ELSE t.window_started_at END,
        blocked_until = CASE WHEN ${next} >= ${rule.limit} THEN utc_now() + ${block} END
      RETURNING failures, blocked_until IS NOT NULL AS blocked`.execute(db)
  ).rows[0]!;
  return row;
}

export async function clearKey(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

/** Drops counters nobody has touched for a day and that block nothing: keeps the table small. */
export async function purgeStale(db: Executor): Promise<void> {
  await sql`
    DELETE FROM login_throttle
     WHERE window_started_at < utc_now() - interval '1 day'
       AND (blocked_until IS NULL OR blocked_until < utc_now())`.execute(db);
}
