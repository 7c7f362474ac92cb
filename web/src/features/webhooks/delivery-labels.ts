import type { WebhookDelivery } from './webhooks.api';

/** How a delivery's status reads in the log, with its colour (AA contrast on white). */
export const STATUS_LABELS: Record<WebhookDelivery['status'], { label: string; tone: 'ok' | 'failed' | 'pending' }> = {
  succeeded: { label: 'Succeeded', tone: 'ok' },
  failed: { label: 'Failed', tone: 'failed' },
  pending: { label: 'Pending', tone: 'pending' },
};

/** "HTTP 500", "No answer", or "—" before any attempt. */
export function responseLabel(delivery: Pick<WebhookDelivery, 'response_status' | 'attempts'>): string {
  if (delivery.response_status !== null) return `HTTP ${delivery.response_status}`;
  return delivery.attempts > 0 ? 'No answer' : '—';
}
