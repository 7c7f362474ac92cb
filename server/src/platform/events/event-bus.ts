import { EventEmitter } from 'node:events';
import type { Executor } from '../db/database.ts';

export interface DomainEvent {
  name: string;
  data: Record<string, unknown>;
  projectId?: string | null;
  actorId?: string | null;
}

/**
 * Domain events (§7): persisted in the api_event log inside the caller's transaction, then broadcast
 * to in-process listeners (Socket.IO, webhooks) once that transaction has committed.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  /** Writes the events in the given transaction; call `publish` with the result after commit. */
  async record(executor: Executor, events: DomainEvent[]): Promise<DomainEvent[]> {
    if (events.length === 0) return events;
    await executor
      .insertInto('api_event')
      .values(
        events.map((event) => ({
          name: event.name,
          data: JSON.stringify({ ...event.data, ...(event.projectId ? { project_id: event.projectId } : {}) }),
          project_id: event.projectId ?? null,
          user_id: event.actorId ?? null,
        })),
      )
      .execute();
    return events;
  }

  publish(events: DomainEvent[]): void {
    for (const event of events) this.emitter.emit('event', event);
  }

  onEvent(listener: (event: DomainEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
