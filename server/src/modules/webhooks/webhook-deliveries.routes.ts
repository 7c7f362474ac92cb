import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import {
  DeliveriesQuery,
  DeliveryPage,
  DeliveryParams,
  WebhookDelivery,
  WebhookParams,
  webhookErrorResponses as errorResponses,
} from '../../../../packages/contracts/src/webhooks.schema.ts';
import { listWebhookDeliveries, redeliver } from './webhook-deliveries.service.ts';

const tags = ['webhooks'];

/** A webhook's delivery log and redelivery: `/api/data/webhooks/:webhook_id/deliveries…`. */
export const webhookDeliveriesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/data/webhooks/:webhook_id/deliveries', {
    schema: {
      tags, summary: 'A webhook\'s delivery log', description: 'Admins only. Newest first, with every attempt; page with `limit` and `before`.',
      params: WebhookParams, querystring: DeliveriesQuery, response: { 200: DeliveryPage, ...errorResponses },
    },
  }, async (request) => listWebhookDeliveries(actorOf(request), request.params.webhook_id, request.query, app.deps.db));

  app.post('/data/webhooks/:webhook_id/deliveries/:delivery_id/redeliver', {
    schema: {
      tags, summary: 'Send a logged delivery\'s event again', description: 'Admins only. Answers the new delivery (pending); 409 when the webhook is turned off.',
      params: DeliveryParams, response: { 202: WebhookDelivery, ...errorResponses },
    },
  }, async (request, reply) => {
    const ids = { webhookId: request.params.webhook_id, deliveryId: request.params.delivery_id };
    const delivery = await inTransaction(app.deps, (tx) => redeliver(actorOf(request), ids, tx, app.deps.jobs));
    app.deps.jobs.wake();
    return reply.status(202).send(delivery);
  });
};
