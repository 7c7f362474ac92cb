import { Type, type Static } from 'typebox';
import { ErrorResponse } from './auth.schema.ts';

/**
 * Outgoing webhooks (#13): admins register URLs that receive a signed POST for each matching event of
 * the event log, per production or studio-wide; each send is kept in a delivery log.
 */

/** `task:new`, a model's wildcard `task:*`, or `*` for every event. */
export const EVENT_FILTER_PATTERN = '^(\\*|[a-z0-9][a-z0-9-]*:(\\*|[a-z0-9][a-z0-9-]*))$';

const Uuid = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ description: 'UTC date-time' });
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

const WebhookUrl = Type.String({
  minLength: 1,
  maxLength: 2000,
  description: 'http or https URL of a server of the studio, without credentials (user:password@)',
});
const EventFilters = Type.Array(Type.String({ pattern: EVENT_FILTER_PATTERN, maxLength: 80 }), {
  minItems: 1,
  maxItems: 50,
  uniqueItems: true,
  description: 'Event names (task:new), a model\'s wildcard (task:*) or * for every event',
});

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export const DeliveryStatus = Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]);
export type DeliveryStatus = Static<typeof DeliveryStatus>;

/** A webhook as the API shows it: never its secret, which only creation and rotation hand out. */
export const Webhook = Type.Object({
  id: Type.String(),
  project_id: Type.Union([Type.String(), Type.Null()], { description: 'The production whose events it receives; null: studio-wide' }),
  url: Type.String(),
  events: Type.Array(Type.String()),
  active: Type.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
  secret_rotated_at: NullableTimestamp,
  created_by: Type.Union([Type.String(), Type.Null()]),
  last_delivery: Type.Union([
    Type.Object({ status: DeliveryStatus, response_status: Type.Union([Type.Integer(), Type.Null()]), created_at: Timestamp }),
    Type.Null(),
  ], { description: 'The newest delivery of the hook, if any' }),
});
export type Webhook = Static<typeof Webhook>;

export const Webhooks = Type.Array(Webhook);

/** Creation and rotation: the hook with its signing secret, shown this once. */
export const WebhookWithSecret = Type.Object({
  ...Webhook.properties,
  secret: Type.String({ description: 'Signing secret: shown only now, store it on the receiving side' }),
});
export type WebhookWithSecret = Static<typeof WebhookWithSecret>;

export const ListWebhooksQuery = Type.Object({
  project_id: Type.Optional(Type.Union([Uuid, Type.Literal('studio')], { description: 'One production\'s hooks, or "studio" for the studio-wide ones' })),
});
export type ListWebhooksQuery = Static<typeof ListWebhooksQuery>;

export const CreateWebhookBody = Type.Object({
  url: WebhookUrl,
  events: EventFilters,
  project_id: Type.Optional(Type.Union([Uuid, Type.Null()], { description: 'Omitted or null: studio-wide' })),
  active: Type.Optional(Type.Boolean({ default: true })),
}, { additionalProperties: false });
export type CreateWebhookBody = Static<typeof CreateWebhookBody>;

export const UpdateWebhookBody = Type.Object({
  url: Type.Optional(WebhookUrl),
  events: Type.Optional(EventFilters),
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false, minProperties: 1 });
export type UpdateWebhookBody = Static<typeof UpdateWebhookBody>;

export const WebhookParams = Type.Object({ webhook_id: Type.String({ description: 'Webhook UUID' }) });
export type WebhookParams = Static<typeof WebhookParams>;

export const DeliveryParams = Type.Object({
  webhook_id: Type.String({ description: 'Webhook UUID' }),
  delivery_id: Type.String({ description: 'Delivery UUID' }),
});
export type DeliveryParams = Static<typeof DeliveryParams>;

/** One try at sending a delivery. */
export const DeliveryAttempt = Type.Object({
  attempt: Type.Integer({ minimum: 1 }),
  started_at: Timestamp,
  duration_ms: Type.Integer(),
  response_status: Type.Union([Type.Integer(), Type.Null()], { description: 'HTTP status answered; null when none came (timeout, refused)' }),
  error: Type.Union([Type.String(), Type.Null()], { description: 'Why it failed, truncated' }),
  succeeded: Type.Boolean(),
});
export type DeliveryAttempt = Static<typeof DeliveryAttempt>;

/** One event sent to one hook, with its attempts; a redelivery is a delivery of its own. */
export const WebhookDelivery = Type.Object({
  id: Type.String({ description: 'Also the X-Rushes-Delivery header' }),
  webhook_id: Type.String(),
  event_id: Type.String(),
  event_name: Type.String(),
  status: DeliveryStatus,
  attempts: Type.Integer({ minimum: 0 }),
  response_status: Type.Union([Type.Integer(), Type.Null()], { description: 'The last attempt\'s HTTP status' }),
  duration_ms: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  created_at: Timestamp,
  last_attempt_at: NullableTimestamp,
  redelivery_of: Type.Union([Type.String(), Type.Null()]),
  attempt_log: Type.Array(DeliveryAttempt, { description: 'Every attempt, oldest first' }),
});
export type WebhookDelivery = Static<typeof WebhookDelivery>;

export const DeliveriesQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  before: Type.Optional(Type.String({ format: 'uuid', description: 'The last delivery of the previous page: older ones follow' })),
});
export type DeliveriesQuery = Static<typeof DeliveriesQuery>;

export const DeliveryPage = Type.Object({
  deliveries: Type.Array(WebhookDelivery, { description: 'Newest first' }),
  next_before: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `before` for the next page; null on the last page' }),
});
export type DeliveryPage = Static<typeof DeliveryPage>;

/** The body every delivery POSTs: the event as the log holds it. */
export const WebhookPayload = Type.Object({
  id: Type.String({ description: 'The event id (api_event)' }),
  name: Type.String({ description: 'e.g. task:new' }),
  created_at: Timestamp,
  project_id: Type.Union([Type.String(), Type.Null()]),
  data: Type.Unknown(),
});
export type WebhookPayload = Static<typeof WebhookPayload>;

/** Failures, in the `{error: true, message}` envelope of the data routes. */
export const webhookErrorResponses = {
  400: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
} as const;
