import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { DELIVERY_QUEUE } from './webhook-delivery.job.ts';
import { insertDeliveriesForEvents } from './webhook-deliveries.repository.ts';

/**
 * Turns recorded events into deliveries. Why inside the writing transaction rather than in a listener
 * after commit: a process that dies between the commit and the listener would lose the event's
 * deliveries, while here the event, its delivery rows and their jobs commit together or not at all
 * (the log and the job table are the source of truth). No job can run before the commit either: its
 * row is not visible until then. After commit, the process that wrote the events wakes its worker;
 * the others find the jobs at their next poll.
 */
export function registerWebhookOutbox(deps: Pick<AppDeps, 'events' | 'jobs'>): () => void {
  // Events whose transaction made deliveries: their publication after commit is the moment to wake.
  const withDeliveries = new WeakSet<DomainEvent>();
  const offRecord = deps.events.onRecord(async (executor, events) => {
    const outbox = events.map((event) => ({ id: event.id!, name: event.name, project_id: event.projectId ?? null }));
    const deliveryIds = await insertDeliveriesForEvents(executor, outbox);
    if (deliveryIds.length === 0) return;
    await deps.jobs.enqueueMany(executor, DELIVERY_QUEUE, deliveryIds.map((id) => ({ delivery_id: id })));
    events.forEach((event) => withDeliveries.add(event));
  });
  const offPublish = deps.events.onEvent((event) => {
    if (withDeliveries.has(event)) deps.jobs.wake();
  });
  return () => {
    offRecord();
    offPublish();
  };
}
