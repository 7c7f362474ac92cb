import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Database, Executor } from '../db/database.ts';
import {
  claimJob,
  completeJob,
  failJob,
  insertJob,
  insertJobs,
  releaseJob,
  renewLease,
  retryJob,
  type ClaimedJob,
} from './job.repository.ts';

/*
 * Why a `job` table of our own rather than pg-boss: enqueueing must happen in the caller's Kysely
 * transaction (an upload task row and the job that processes it commit together or not at all), the
 * whole mechanism is a claim query, a lease and four guarded updates (job.repository.ts), and it needs
 * no second connection pool, schema or maintenance process beside the app's own migrations.
 */

export interface JobContext {
  jobId: string;
  /** This attempt's number, from 1. */
  attempt: number;
  isLastAttempt: boolean;
  /** Aborted when the worker stops or loses the job's lease: stop between steps and throw. */
  signal: AbortSignal;
}

export interface JobDefinition {
  queue: string;
  /**
   * Does the work. Must be idempotent: a job whose worker died is run again, so a handler guards
   * its own state transitions in SQL and finds the work already done when it is.
   */
  handle(payload: Record<string, unknown>, context: JobContext): Promise<void>;
  /** Attempts before the job is marked failed; 1 (the default) means no retry. */
  maxAttempts?: number;
  /** Wait before the next attempt; by default 1 s doubled at each attempt. */
  retryDelayMs?: (attempt: number) => number;
  /** Called once when the last attempt failed, e.g. to mark a task FAILED. */
  onExhausted?(payload: Record<string, unknown>, error: string): Promise<void>;
}

export interface JobQueueOptions {
  pollIntervalMs?: number;
  /** Jobs one worker runs at the same time. */
  concurrency?: number;
  /** How long a claimed job stays ours without renewal; renewed every third of it. */
  leaseMs?: number;
  log?: (message: string) => void;
}

class JobStopped extends Error {}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Durable background jobs in PostgreSQL. Modules `define` handlers when they load and `enqueue` jobs
 * (in their own transaction); `start` runs a worker in this process, `stop` ends it cleanly: running
 * handlers are told to stop and their jobs handed back for the next worker, attempt not counted.
 */
export class JobQueue {
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly active = new Map<string, AbortController>();
  private readonly running = new Set<Promise<void>>();
  private readonly pollIntervalMs: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly log: (message: string) => void;
  private workerId: string | undefined;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  /** A wake-up that came while the worker was busy claiming: it must not sleep through it. */
  private woken = false;

  constructor(private readonly db: Database, options: JobQueueOptions = {}) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.concurrency = options.concurrency ?? 2;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.log = options.log ?? ((message) => console.warn(message));
  }

  /** Registers the handler of a queue; a module calls it once when it loads. */
  define(definition: JobDefinition): void {
    if (this.definitions.has(definition.queue)) throw new Error(`Job queue "${definition.queue}" is already defined`);
    this.definitions.set(definition.queue, definition);
  }

  /**
   * Adds a job. Pass the transaction of the change that needs it, so both commit together; the
   * worker of this process is woken at once when `executor` is not a transaction, else call `wake`
   * after commit (other processes find it at their next poll).
   */
  async enqueue(executor: Executor, queue: string, payload: Record<string, unknown>, options: { delayMs?: number } = {}): Promise<string> {
    const definition = this.definitions.get(queue);
    if (!definition) throw new Error(`Unknown job queue "${queue}"`);
    const id = await insertJob(executor, { queue, payload, maxAttempts: definition.maxAttempts ?? 1, delayMs: options.delayMs ?? 0 });
    if (!executor.isTransaction) this.wake();
    return id;
  }

  /**
   * Adds one job per payload in a single statement (an import's thousands of events can each need
   * one), in the caller's transaction; call `wake` after commit.
   */
  async enqueueMany(executor: Executor, queue: string, payloads: Array<Record<string, unknown>>): Promise<void> {
    const definition = this.definitions.get(queue);
    if (!definition) throw new Error(`Unknown job queue "${queue}"`);
    if (payloads.length === 0) return;
    await insertJobs(executor, { queue, payloads, maxAttempts: definition.maxAttempts ?? 1 });
    if (!executor.isTransaction) this.wake();
  }

  get isStarted(): boolean {
    return this.loop !== undefined;
  }

  /** Starts this process's worker: it resumes pending jobs, including those of a stopped server. */
  start(): void {
    if (this.loop) return;
    this.workerId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.loop = this.run(this.workerId);
  }

  /** Stops claiming, tells running handlers to stop, and waits for them and their jobs' hand-back. */
  async stop(): Promise<void> {
    const loop = this.loop;
    if (!loop) return;
    this.workerId = undefined;
    for (const controller of this.active.values()) controller.abort(new JobStopped('The worker is stopping'));
    this.wake();
    await loop;
    await Promise.all(this.running);
    this.loop = undefined;
  }

  /** Makes an idle worker look for jobs now rather than at its next poll. */
  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.woken = true;
  }

  private async run(workerId: string): Promise<void> {
    const queues = () => [...this.definitions.keys()];
    while (this.workerId === workerId) {
      this.woken = false;
      let claimed: ClaimedJob | undefined;
      if (this.active.size < this.concurrency && queues().length > 0) {
        claimed = await claimJob(this.db, queues(), workerId, this.leaseMs).catch((error: unknown) => {
          this.log(`jobs: claiming failed: ${messageOf(error)}`);
          return undefined;
        });
      }
      if (claimed) {
        const execution = this.execute(claimed, workerId).finally(() => {
          this.running.delete(execution);
          this.wake();
        });
        this.running.add(execution);
        continue;
      }
      if (this.woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollIntervalMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  private async execute(job: ClaimedJob, workerId: string): Promise<void> {
    const definition = this.definitions.get(job.queue);
    if (!definition) return;
    const controller = new AbortController();
    this.active.set(job.id, controller);
    const renewal = setInterval(() => {
      renewLease(this.db, job.id, workerId, this.leaseMs).then(
        (stillOurs) => stillOurs || controller.abort(new JobStopped('The job lease was lost')),
        (error: unknown) => this.log(`jobs: renewing the lease of ${job.id} failed: ${messageOf(error)}`),
      );
    }, Math.max(10, Math.floor(this.leaseMs / 3)));
    try {
      // A job reclaimed after its worker died may already have used up its attempts.
      if (job.attempts > job.max_attempts) throw new Error('The worker running this job stopped responding');
      await definition.handle(job.payload, {
        jobId: job.id,
        attempt: job.attempts,
        isLastAttempt: job.attempts >= job.max_attempts,
        signal: controller.signal,
      });
      if (!(await completeJob(this.db, job.id, workerId))) this.log(`jobs: ${job.queue} ${job.id} finished after its lease was lost`);
    } catch (error) {
      await this.settleFailure(definition, job, workerId, controller.signal, error);
    } finally {
      clearInterval(renewal);
      this.active.delete(job.id);
    }
  }

  private async settleFailure(definition: JobDefinition, job: ClaimedJob, workerId: string, signal: AbortSignal, error: unknown): Promise<void> {
    const message = messageOf(error);
    try {
      if (signal.aborted) {
        await releaseJob(this.db, job.id, workerId);
      } else if (job.attempts < job.max_attempts) {
        const delay = definition.retryDelayMs?.(job.attempts) ?? 1000 * 2 ** (job.attempts - 1);
        await retryJob(this.db, job.id, workerId, delay, message);
      } else if (await failJob(this.db, job.id, workerId, message)) {
        this.log(`jobs: ${job.queue} ${job.id} failed after ${job.attempts} attempt(s): ${message}`);
        await definition.onExhausted?.(job.payload, message);
      }
    } catch (settleError) {
      // The lease runs out and another worker takes the job over.
      this.log(`jobs: recording the outcome of ${job.id} failed: ${messageOf(settleError)}`);
    }
  }
}
