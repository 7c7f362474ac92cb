import type { DomainEvent } from '../events/event-bus.ts';
import type { AppDeps } from '../http/types.ts';
import type { Tx } from './database.ts';

/**
 * Runs a use-case in one transaction. Events pushed to `events` are written to the event log inside
 * that transaction and broadcast only after it commits, so listeners never see a rolled-back change.
 */
export async function inTransaction<T>(
  deps: Pick<AppDeps, 'db' | 'events'>,
  work: (tx: Tx, events: DomainEvent[]) => Promise<T>,
): Promise<T> {
  const pending: DomainEvent[] = [];
  const result = await deps.db.transaction().execute(async (tx) => {
    const value = await work(tx, pending);
    await deps.events.record(tx, pending);
    return value;
  });
  deps.events.publish(pending);
  return result;
}
