import { http } from '@/lib/http';
import type {
  CreateWebhookBody,
  DeliveryPage,
  UpdateWebhookBody,
  Webhook,
  WebhookDelivery,
  WebhookWithSecret,
} from '@contracts/webhooks.schema.ts';

export type { DeliveryPage, Webhook, WebhookDelivery, WebhookWithSecret };

const base = '/data/webhooks';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export const fetchWebhooks = () => http.get<Webhook[]>(base);

/** Answers the hook with its secret: the only time the secret is readable. */
export const createWebhook = (body: CreateWebhookBody) => http.post<WebhookWithSecret>(base, body);

export const updateWebhook = (id: string, body: UpdateWebhookBody) => http.put<Webhook>(one(id), body);

export const deleteWebhook = (id: string) => http.delete<void>(one(id));

export const rotateWebhookSecret = (id: string) => http.post<WebhookWithSecret>(`${one(id)}/rotate-secret`);

export const fetchDeliveries = (id: string, options: { before?: string; limit?: number } = {}) =>
  http.get<DeliveryPage>(`${one(id)}/deliveries`, { query: { before: options.before, limit: options.limit } });

export const redeliver = (id: string, deliveryId: string) =>
  http.post<WebhookDelivery>(`${one(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`);
