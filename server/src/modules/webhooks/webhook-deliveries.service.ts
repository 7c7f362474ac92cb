import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';
import type { DeliveriesQuery, DeliveryPage, WebhookDelivery } from '../../../../packages/contracts/src/webhooks.schema.ts';
import { DELIVERY_QUEUE } from './webhook-delivery.job.ts';
import { findDelivery, insertRedelivery, listDeliveries } from './webhook-deliveries.repository.ts';
import { requireWebhookAdmin } from './webhooks.policy.ts';
import { presentDelivery } from './webhooks.presenter.ts';
import { findWebhook } from './webhooks.repository.ts';

const DEFAULT_PAGE = 20;

/** A hook's delivery log, newest first, one page at a time (`before`: the previous page's last id). */
export async function listWebhookDeliveries(actor: Actor, webhookId: string, query: DeliveriesQuery, db: Executor): Promise<DeliveryPage> {
  requireWebhookAdmin(actor);
  const hook = await findWebhook(db, uuidOr404(webhookId));
  if (!hook) throw errors.notFound();
  const limit = query.limit ?? DEFAULT_PAGE;
  // One more than asked tells whether another page follows.
  const rows = await listDeliveries(db, hook.id, limit + 1, query.before);
  const page = rows.slice(0, limit);
  return { deliveries: page.map(presentDelivery), next_before: rows.length > limit ? page[page.length - 1]!.id : null };
}

/**
 * Sends a logged delivery's event again, as a new delivery (its own id and attempts) pointing at the
 * original. Call `jobs.wake()` after commit. A hook that is turned off does not send: 409.
 */
export async function redeliver(
  actor: Actor,
  ids: { webhookId: string; deliveryId: string },
  tx: Tx,
  jobs: AppDeps['jobs'],
): Promise<WebhookDelivery> {
  requireWebhookAdmin(actor);
  const hook = await findWebhook(tx, uuidOr404(ids.webhookId));
  if (!hook) throw errors.notFound();
  const original = await findDelivery(tx, hook.id, uuidOr404(ids.deliveryId));
  if (!original) throw errors.notFound();
  if (!hook.active) throw errors.conflict('This webhook is turned off: turn it on to redeliver.');
  const id = await insertRedelivery(tx, original);
  await jobs.enqueueMany(tx, DELIVERY_QUEUE, [{ delivery_id: id }]);
  await recordAudit(tx, { actorId: actor.id, action: 'redeliver', objectType: 'webhook', objectId: hook.id, projectId: hook.project_id, after: { delivery_id: id, redelivery_of: original.id } });
  return presentDelivery((await findDelivery(tx, hook.id, id))!);
}
