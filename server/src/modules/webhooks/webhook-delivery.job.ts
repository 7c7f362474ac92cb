import type { AppDeps } from '../../platform/http/types.ts';
import type { JobContext } from '../../platform/jobs/index.ts';
import type { WebhookPayload } from '../../../../packages/contracts/src/webhooks.schema.ts';
import { findDeliveryToSend, markDeliveryFailed, pruneDeliveryLog, recordAttempt, type DeliveryToSend } from './webhook-deliveries.repository.ts';
import { postWebhook, truncate } from './webhook-sender.ts';
import { signatureOf } from './webhook-signature.ts';
import { targetProblem } from './webhook-target.ts';

/** One job per delivery; its attempts and their backoff are the job queue's (config.webhooks). */
export const DELIVERY_QUEUE = 'webhook:deliver';

type Deps = Pick<AppDeps, 'db' | 'jobs' | 'config'>;

export function defineDeliveryJob(deps: Deps): void {
  const { maxAttempts, retryBaseMs } = deps.config.webhooks;
  deps.jobs.define({
    queue: DELIVERY_QUEUE,
    maxAttempts,
    retryDelayMs: (attempt) => retryBaseMs * 2 ** (attempt - 1),
    handle: (payload, context) => deliver(deps, String(payload.delivery_id), context),
    // The job gave up without logging an outcome (its worker kept dying): the log must not stay pending.
    onExhausted: (payload, error) => markDeliveryFailed(deps.db, String(payload.delivery_id), truncate(error)),
  });
}

/** The body, as the event log holds the event; the same bytes at every attempt. */
export function payloadOf(delivery: DeliveryToSend): WebhookPayload {
  return {
    id: delivery.event_id,
    name: delivery.event_name,
    created_at: delivery.event_created_at,
    project_id: delivery.event_project_id,
    data: delivery.event_data ?? {},
  };
}

/**
 * Sends a delivery once and logs the attempt. A failure is thrown so that the queue tries again
 * later, except at the last attempt, which settles the delivery as failed. A delivery already settled
 * (a job run twice) or deleted with its hook is left alone.
 */
async function deliver(deps: Deps, deliveryId: string, context: JobContext): Promise<void> {
  const delivery = await findDeliveryToSend(deps.db, deliveryId);
  if (!delivery || delivery.status !== 'pending') return;
  if (!delivery.active) return markDeliveryFailed(deps.db, deliveryId, 'Not sent: the webhook was turned off.');
  const problem = targetProblem(delivery.url);
  if (problem) return markDeliveryFailed(deps.db, deliveryId, problem);

  const body = JSON.stringify(payloadOf(delivery));
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers = {
    'x-rushes-event': delivery.event_name,
    'x-rushes-delivery': delivery.id,
    'x-rushes-timestamp': timestamp,
    'x-rushes-signature': signatureOf(delivery.secret, timestamp, body),
  };
  const startedAt = new Date();
  const result = await postWebhook(delivery.url, headers, body, deps.config.webhooks.timeoutMs, context.signal, deps.config.webhooks.allowPrivate);
  // Stopped by the worker's shutdown: the job goes back to the queue and this attempt does not count.
  if (context.signal.aborted) throw new Error('The worker stopped during the delivery');
  const succeeded = result.error === null;
  await recordAttempt(deps.db, deliveryId, {
    attempt: context.attempt,
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
    responseStatus: result.status,
    error: result.error,
    succeeded,
  }, context.isLastAttempt || !!result.refused);
  // Each settled delivery trims its hook's log to the kept window (RUSHES_WEBHOOK_LOG_DAYS).
  if (succeeded || context.isLastAttempt || result.refused) await pruneDeliveryLog(deps.db, delivery.webhook_id, deps.config.webhooks.logDays);
  // A refused address is settled at once: the next attempt would be refused the same way.
  if (!succeeded && !context.isLastAttempt && !result.refused) throw new Error(result.error ?? 'Delivery failed');
}
