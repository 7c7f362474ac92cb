import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { waitFor } from '../../../../test/support/wait.ts';
import { JobQueue, type JobDefinition } from './job-queue.ts';

let ctx: TestContext;
const queues: JobQueue[] = [];
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await Promise.all(queues.map((queue) => queue.stop()));
  await ctx.close();
});

/** A worker process of its own on the test database, as a second server would have. */
function worker(definitions: JobDefinition[], options: { concurrency?: number; leaseMs?: number } = {}): JobQueue {
  const queue = new JobQueue(ctx.db, { pollIntervalMs: 20, log: () => undefined, ...options });
  for (const definition of definitions) queue.define(definition);
  queues.push(queue);
  return queue;
}

const jobRow = (id: string) => ctx.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('durable jobs', () => {
  it('keeps a job enqueued while no worker runs, and runs it once when a worker starts', async () => {
    const runs: string[] = [];
    const define = (): JobDefinition => ({ queue: 'test.resume', handle: async (payload) => void runs.push(String(payload.n)) });
    const first = worker([define()]);
    first.start();
    await first.stop();
    const id = await first.enqueue(ctx.db, 'test.resume', { n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(runs).toEqual([]);
    expect((await jobRow(id)).state).toBe('pending');

    // "Restart": a new process defines the same queue and starts its worker.
    const second = worker([define()]);
    second.start();
    await waitFor(async () => (await jobRow(id)).state === 'completed', { what: 'the job to complete' });
    expect(runs).toEqual(['1']);
    expect(await jobRow(id)).toMatchObject({ attempts: 1, locked_by: null, last_error: null });
  });

  it('lets several workers share the work without running any job twice', async () => {
    const runs = new Map<string, number>();
    const definition = (): JobDefinition => ({
      queue: 'test.shared',
      handle: async (payload) => {
        const key = String(payload.n);
        runs.set(key, (runs.get(key) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
    });
    const a = worker([definition()], { concurrency: 3 });
    const b = worker([definition()], { concurrency: 3 });
    const ids = await ctx.db.transaction().execute(async (tx) =>
      Promise.all(Array.from({ length: 30 }, (_, n) => a.enqueue(tx, 'test.shared', { n }))),
    );
    a.start();
    b.start();
    await waitFor(async () => {
      const done = await ctx.db.selectFrom('job').select(sql<number>`count(*)::int`.as('n')).where('id', 'in', ids).where('state', '=', 'completed').executeTakeFirstOrThrow();
      return done.n === 30;
    }, { what: '30 jobs to complete' });
    expect(runs.size).toBe(30);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('retries a failed attempt after a delay, then completes', async () => {
    const attempts: number[] = [];
    const queue = worker([{
      queue: 'test.retry',
      maxAttempts: 3,
      retryDelayMs: () => 200,
      handle: async (_payload, context) => {
        attempts.push(context.attempt);
        if (context.attempt === 1) throw new Error('first attempt fails');
      },
    }]);
    const id = await queue.enqueue(ctx.db, 'test.retry', {});
    const started = Date.now();
    queue.start();
    await waitFor(async () => (await jobRow(id)).state === 'completed', { what: 'the retried job' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
    expect(attempts).toEqual([1, 2]);
    expect(await jobRow(id)).toMatchObject({ attempts: 2, last_error: 'first attempt fails' });
    await queue.stop();
  });

  it('marks a job failed when its attempts are used up, and tells its definition once', async () => {
    const exhausted: string[] = [];
    const queue = worker([{
      queue: 'test.exhaust',
      maxAttempts: 2,
      retryDelayMs: () => 10,
      handle: async () => {
        throw new Error('always fails');
      },
      onExhausted: async (_payload, error) => void exhausted.push(error),
    }]);
    const id = await queue.enqueue(ctx.db, 'test.exhaust', {});
    queue.start();
    await waitFor(async () => (await jobRow(id)).state === 'failed', { what: 'the job to fail' });
    await waitFor(() => exhausted.length === 1, { what: 'onExhausted' });
    expect(await jobRow(id)).toMatchObject({ attempts: 2, last_error: 'always fails' });
    await queue.stop();
  });

  it('hands a running job back on stop, without counting the attempt, for the next worker', async () => {
    let started = 0;
    let completed = 0;
    const slow = (): JobDefinition => ({
      queue: 'test.stop',
      handle: async (_payload, context) => {
        started += 1;
        if (started === 1) {
          await new Promise<void>((resolve, reject) => {
            context.signal.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
            setTimeout(resolve, 10_000);
          });
        }
        completed += 1;
      },
    });
    const first = worker([slow()]);
    const id = await first.enqueue(ctx.db, 'test.stop', {});
    first.start();
    await waitFor(() => started === 1, { what: 'the first worker to start the job' });
    await first.stop();
    expect(await jobRow(id)).toMatchObject({ state: 'pending', attempts: 0 });
    const second = worker([slow()]);
    second.start();
    await waitFor(async () => (await jobRow(id)).state === 'completed', { what: 'the second worker to finish' });
    expect(completed).toBe(1);
    expect((await jobRow(id)).attempts).toBe(1);
    await second.stop();
  });

  it('takes over a job whose worker died (lease expired)', async () => {
    const runs: string[] = [];
    const queue = worker([{ queue: 'test.lease', maxAttempts: 2, handle: async () => void runs.push('ran') }]);
    const id = await queue.enqueue(ctx.db, 'test.lease', {});
    await sql`UPDATE job SET state = 'running', attempts = 1, locked_by = 'dead-worker',
                locked_until = utc_now() - interval '1 second' WHERE id = ${id}`.execute(ctx.db);
    queue.start();
    await waitFor(async () => (await jobRow(id)).state === 'completed', { what: 'the orphaned job' });
    expect(runs).toEqual(['ran']);
    expect((await jobRow(id)).attempts).toBe(2);
    await queue.stop();
  });

  it('does not let a worker that lost the lease complete the job', async () => {
    let release: () => void = () => undefined;
    const queue = worker([{
      queue: 'test.stale',
      handle: async () => {
        await new Promise<void>((resolve) => (release = resolve));
      },
    }], { leaseMs: 60_000 });
    const id = await queue.enqueue(ctx.db, 'test.stale', {});
    queue.start();
    await waitFor(async () => (await jobRow(id)).state === 'running', { what: 'the job to start' });
    // Another worker took it over meanwhile (as after an expired lease).
    await sql`UPDATE job SET locked_by = 'other-worker' WHERE id = ${id}`.execute(ctx.db);
    release();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await jobRow(id)).toMatchObject({ state: 'running', locked_by: 'other-worker' });
    await queue.stop();
  });
});
