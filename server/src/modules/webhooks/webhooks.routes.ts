import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import {
  CreateWebhookBody,
  ListWebhooksQuery,
  UpdateWebhookBody,
  Webhook,
  WebhookParams,
  Webhooks,
  WebhookWithSecret,
  webhookErrorResponses as errorResponses,
} from '../../../../packages/contracts/src/webhooks.schema.ts';
import { changeWebhook, createWebhook, getWebhook, listStudioWebhooks, removeWebhook, rotateWebhookSecret } from './webhooks.service.ts';

const tags = ['webhooks'];
const adminsOnly = 'Admins only (403 for anyone else). ';

/** The webhooks themselves: `/api/data/webhooks…` (their delivery log is in webhook-deliveries.routes.ts). */
export const webhooksRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/data/webhooks', {
    schema: {
      tags, summary: 'List the webhooks', description: `${adminsOnly}Oldest first, with each one's newest delivery; never the secrets.`,
      querystring: ListWebhooksQuery, response: { 200: Webhooks, ...errorResponses },
    },
  }, async (request) => listStudioWebhooks(actorOf(request), request.query, app.deps.db));

  app.post('/data/webhooks', {
    config: { modelName: 'Webhook' },
    schema: {
      tags, summary: 'Register a webhook', description: `${adminsOnly}Answers the signing secret, this once. 422 for a URL that is not http(s), holds credentials or points at a private address that RUSHES_WEBHOOK_ALLOW_PRIVATE does not allow, or an unknown production.`,
      body: CreateWebhookBody, response: { 201: WebhookWithSecret, ...errorResponses },
    },
  }, async (request, reply) => {
    const created = await inTransaction(app.deps, (tx) => createWebhook(actorOf(request), request.body, tx, app.deps.config.webhooks.allowPrivate));
    return reply.status(201).send(created);
  });

  app.get('/data/webhooks/:webhook_id', {
    schema: { tags, summary: 'One webhook', description: adminsOnly, params: WebhookParams, response: { 200: Webhook, ...errorResponses } },
  }, async (request) => getWebhook(actorOf(request), request.params.webhook_id, app.deps.db));

  app.put('/data/webhooks/:webhook_id', {
    config: { modelName: 'Webhook' },
    schema: {
      tags, summary: 'Change a webhook\'s URL, event filter or active flag', description: adminsOnly,
      params: WebhookParams, body: UpdateWebhookBody, response: { 200: Webhook, ...errorResponses },
    },
  }, async (request) => inTransaction(app.deps, (tx) => changeWebhook(actorOf(request), request.params.webhook_id, request.body, tx, app.deps.config.webhooks.allowPrivate)));

  app.delete('/data/webhooks/:webhook_id', {
    schema: {
      tags, summary: 'Delete a webhook and its delivery log', description: adminsOnly,
      params: WebhookParams, response: { 204: Type.Null(), ...errorResponses },
    },
  }, async (request, reply) => {
    await inTransaction(app.deps, (tx) => removeWebhook(actorOf(request), request.params.webhook_id, tx));
    return reply.status(204).send(null);
  });

  app.post('/data/webhooks/:webhook_id/rotate-secret', {
    schema: {
      tags, summary: 'Replace a webhook\'s signing secret', description: `${adminsOnly}Answers the new secret, this once; the old one stops signing at once.`,
      params: WebhookParams, response: { 200: WebhookWithSecret, ...errorResponses },
    },
  }, async (request) => inTransaction(app.deps, (tx) => rotateWebhookSecret(actorOf(request), request.params.webhook_id, tx)));
};
