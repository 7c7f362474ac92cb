import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { uuidV7 } from '../db/uuid-v7.ts';

export interface DomainEvent {
  /** The api_event row's id, set when the event is recorded (time-ordered: the log's order). */
  id?: string;
  name: string;
  data: Record<string, unknown>;
  projectId?: string | null;
  actorId?: string | null;
}

/**
 * Work that must commit or roll back with the events it is given (webhook deliveries: a transactional
 * outbox), run by `record` inside the writing transaction, after the api_event rows are written.
 */
export type RecordHook = (executor: Executor, events: DomainEvent[]) => Promise<void>;

/** PostgreSQL channel on which a writing transaction announces its api_event ids (live/postgres-fanout.ts). */
export const EVENTS_CHANNEL = 'rushes_events';
/** Ids per NOTIFY: a payload must stay under PostgreSQL's 8000 bytes. */
const IDS_PER_NOTIFY = 150;

/**
 * Domain events (§7): persisted in the api_event log inside the caller's transaction, then broadcast
 * to in-process listeners (Socket.IO, webhooks) once that transaction has committed.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly recordHooks: RecordHook[] = [];
  /** Tells this process's own NOTIFYs from other processes': its events were already published in-process. */
  readonly origin = randomUUID();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  /**
   * Writes the events in the given transaction, giving each its id; call `publish` with the result
   * after commit. The rows travel as one JSON array expanded by jsonb_to_recordset: one parameter
   * however many events. The NOTIFY sent in the same transaction reaches the other processes only if it
   * commits (live/postgres-fanout.ts).
   */
  async record(executor: Executor, events: DomainEvent[]): Promise<DomainEvent[]> {
    if (events.length === 0) return events;
    const rows = events.map((event) => ({
      id: (event.id ??= uuidV7()),
      name: event.name,
      data: { ...event.data, ...(event.projectId ? { project_id: event.projectId } : {}) },
      project_id: event.projectId ?? null,
      user_id: event.actorId ?? null,
    }));
    await sql`
      INSERT INTO api_event (id, name, data, project_id, user_id)
      SELECT e.id, e.name, e.data, e.project_id, e.user_id
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS e(id uuid, name varchar, data jsonb, project_id uuid, user_id uuid)`.execute(executor);
    const payloads: string[] = [];
    for (let start = 0; start < rows.length; start += IDS_PER_NOTIFY) {
      payloads.push(JSON.stringify({ origin: this.origin, ids: rows.slice(start, start + IDS_PER_NOTIFY).map((row) => row.id) }));
    }
    await sql`SELECT pg_notify(${EVENTS_CHANNEL}, p) FROM unnest(${payloads}::text[]) AS p`.execute(executor);
    for (const hook of this.recordHooks) await hook(executor, events);
    return events;
  }

  /** Adds work to every `record` call's transaction; returns how to remove it. */
  onRecord(hook: RecordHook): () => void {
    this.recordHooks.push(hook);
    return () => {
      const index = this.recordHooks.indexOf(hook);
      if (index >= 0) this.recordHooks.splice(index, 1);
    };
  }

  publish(events: DomainEvent[]): void {
    for (const event of events) this.emitter.emit('event', event);
  }

  onEvent(listener: (event: DomainEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
