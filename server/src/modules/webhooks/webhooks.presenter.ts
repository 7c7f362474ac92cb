import type { DeliveryStatus, Webhook, WebhookDelivery, WebhookWithSecret } from '../../../../packages/contracts/src/webhooks.schema.ts';
import type { DeliveryRow } from './webhook-deliveries.repository.ts';
import type { ListedWebhook, WebhookRow } from './webhooks.repository.ts';

/** A hook's public fields; the secret is never among them (creation and rotation add it explicitly). */
export function presentWebhook(row: WebhookRow & { last_delivery?: ListedWebhook['last_delivery'] }): Webhook {
  const last = row.last_delivery ?? null;
  return {
    id: row.id,
    project_id: row.project_id,
    url: row.url,
    events: row.events,
    active: row.active,
    created_at: row.created_at,
    updated_at: row.updated_at,
    secret_rotated_at: row.secret_rotated_at,
    created_by: row.created_by,
    last_delivery: last ? { status: last.status as DeliveryStatus, response_status: last.response_status, created_at: last.created_at } : null,
  };
}

export const presentWebhookWithSecret = (row: WebhookRow): WebhookWithSecret => ({ ...presentWebhook(row), secret: row.secret });

export function presentDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhook_id: row.webhook_id,
    event_id: row.event_id,
    event_name: row.event_name,
    status: row.status,
    attempts: row.attempts,
    response_status: row.response_status,
    duration_ms: row.duration_ms,
    error: row.error,
    created_at: row.created_at,
    last_attempt_at: row.last_attempt_at,
    redelivery_of: row.redelivery_of,
    attempt_log: row.attempt_log,
  };
}
