import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { uuidV7Floor } from '../db/uuid-v7.ts';
import type { LiveEvent } from './live-event.ts';
import { eventsByIds } from './live-events.repository.ts';

/**
 * The ids of the events this process delivered lately, so that an event reaching it twice (over
 * Redis, then from the log sweep) is sent to its clients once. Entries older than `keepMs` go.
 */
export class DeliveredEvents {
  private readonly seenAt = new Map<string, number>();

  constructor(private readonly keepMs: number) {}

  /** Records the id; false when it was already delivered. */
  firstTime(id: string, now = Date.now()): boolean {
    if (this.seenAt.has(id)) return false;
    this.seenAt.set(id, now);
    return true;
  }

  /** Forgets what is older than the window (the map keeps insertion order: the oldest come first). */
  prune(now = Date.now()): void {
    for (const [id, at] of this.seenAt) {
      if (now - at <= this.keepMs) break;
      this.seenAt.delete(id);
    }
  }
}

export interface LogSweepOptions {
  db: Executor;
  /** How often the log is read; an event is looked for from `intervalMs` after it was made. */
  intervalMs: number;
  /** How far back each sweep looks: events of transactions longer than this are not caught. */
  lookbackMs: number;
  /**
   * Nothing older is swept: this process's clients connected since, and those that reconnected
   * after a process died asked for what they missed by replay.
   */
  startedAt: number;
  delivered: DeliveredEvents;
  deliver: (event: LiveEvent) => void;
  onError: (error: unknown) => void;
}

/**
 * With the Redis adapter an event travels between processes after its commit, from the process that
 * wrote it: if that process dies in between, the event is in the log but no other process hears of
 * it. The log being the source of truth, every process reads the ids of the last `lookbackMs` (an
 * index scan of the primary key: the ids are time-ordered) every `intervalMs` and delivers those it
 * has not delivered yet. (PostgreSQL NOTIFY needs none of this: it is sent by the commit itself.)
 */
export function startLogSweep(options: LogSweepOptions): () => void {
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      const now = Date.now();
      options.delivered.prune(now);
      const result = await sql<{ id: string }>`
        SELECT id FROM api_event
         WHERE id >= ${uuidV7Floor(Math.max(options.startedAt, now - options.lookbackMs))}::uuid AND id < ${uuidV7Floor(now - options.intervalMs)}::uuid
         ORDER BY id`.execute(options.db);
      const missed = result.rows.map((row) => row.id).filter((id) => options.delivered.firstTime(id, now));
      for (const event of await eventsByIds(options.db, missed)) options.deliver(event);
    } catch (error) {
      options.onError(error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
