import { sql } from 'kysely';
import type { Database, Executor } from '../db/database.ts';

export interface ClaimedJob {
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  /** This attempt's number, from 1. */
  attempts: number;
  max_attempts: number;
}

export async function insertJob(
  executor: Executor,
  job: { queue: string; payload: Record<string, unknown>; maxAttempts: number; delayMs: number },
): Promise<string> {
  const row = await executor
    .insertInto('job')
    .values({
      queue: job.queue,
      payload: JSON.stringify(job.payload),
      max_attempts: job.maxAttempts,
      run_at: sql<string>`utc_now() + ${job.delayMs} * interval '1 millisecond'`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Many jobs of one queue, due now; the payloads travel as one JSON array parameter. */
export async function insertJobs(
  executor: Executor,
  jobs: { queue: string; payloads: Array<Record<string, unknown>>; maxAttempts: number },
): Promise<void> {
  await sql`
    INSERT INTO job (queue, payload, max_attempts)
    SELECT ${jobs.queue}, p, ${jobs.maxAttempts} FROM jsonb_array_elements(${JSON.stringify(jobs.payloads)}::jsonb) AS p`.execute(executor);
}

/**
 * Claims the oldest due job of the given queues, or a running one whose lease expired (its worker
 * died). SKIP LOCKED lets concurrent workers claim different jobs without waiting on each other.
 */
export async function claimJob(db: Database, queues: string[], workerId: string, leaseMs: number): Promise<ClaimedJob | undefined> {
  const result = await sql<ClaimedJob>`
    UPDATE job SET state = 'running', attempts = attempts + 1, locked_by = ${workerId},
                   locked_until = utc_now() + ${leaseMs} * interval '1 millisecond'
     WHERE id = (
       SELECT id FROM job
        WHERE queue = ANY(${queues}::varchar[])
          AND ((state = 'pending' AND run_at <= utc_now()) OR (state = 'running' AND locked_until < utc_now()))
        ORDER BY run_at
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
    RETURNING id, queue, payload, attempts, max_attempts`.execute(db);
  return result.rows[0];
}

// Every transition below only applies while this worker still holds the job: after a lost lease the
// new holder owns it, and the stale worker's update matches no row.
const held = (id: string, workerId: string) => sql<boolean>`id = ${id} AND state = 'running' AND locked_by = ${workerId}`;

/** Extends the lease; false when the job is no longer ours. */
export async function renewLease(db: Database, id: string, workerId: string, leaseMs: number): Promise<boolean> {
  const result = await sql`
    UPDATE job SET locked_until = utc_now() + ${leaseMs} * interval '1 millisecond' WHERE ${held(id, workerId)}`.execute(db);
  return Number(result.numAffectedRows ?? 0) === 1;
}

export async function completeJob(db: Database, id: string, workerId: string): Promise<boolean> {
  const result = await sql`
    UPDATE job SET state = 'completed', completed_at = utc_now(), locked_by = NULL, locked_until = NULL
     WHERE ${held(id, workerId)}`.execute(db);
  return Number(result.numAffectedRows ?? 0) === 1;
}

export async function retryJob(db: Database, id: string, workerId: string, delayMs: number, error: string): Promise<boolean> {
  const result = await sql`
    UPDATE job SET state = 'pending', run_at = utc_now() + ${delayMs} * interval '1 millisecond',
                   locked_by = NULL, locked_until = NULL, last_error = ${error}
     WHERE ${held(id, workerId)}`.execute(db);
  return Number(result.numAffectedRows ?? 0) === 1;
}

export async function failJob(db: Database, id: string, workerId: string, error: string): Promise<boolean> {
  const result = await sql`
    UPDATE job SET state = 'failed', completed_at = utc_now(), locked_by = NULL, locked_until = NULL, last_error = ${error}
     WHERE ${held(id, workerId)}`.execute(db);
  return Number(result.numAffectedRows ?? 0) === 1;
}

/** Hands an interrupted job back (clean shutdown): the attempt does not count. */
export async function releaseJob(db: Database, id: string, workerId: string): Promise<boolean> {
  const result = await sql`
    UPDATE job SET state = 'pending', attempts = greatest(attempts - 1, 0), locked_by = NULL, locked_until = NULL
     WHERE ${held(id, workerId)}`.execute(db);
  return Number(result.numAffectedRows ?? 0) === 1;
}
