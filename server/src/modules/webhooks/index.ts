import type { FastifyPluginAsync } from 'fastify';
import { defineDeliveryJob } from './webhook-delivery.job.ts';
import { webhookDeliveriesRoutes } from './webhook-deliveries.routes.ts';
import { registerWebhookOutbox } from './webhook-outbox.ts';
import { webhooksRoutes } from './webhooks.routes.ts';

/**
 * Outgoing webhooks (#13): admins' hooks, the deliveries every recorded event makes for them (in its
 * transaction), the job that sends them signed, and their log.
 */
const webhooksModule: FastifyPluginAsync = async (app) => {
  defineDeliveryJob(app.deps);
  const stopOutbox = registerWebhookOutbox(app.deps);
  app.addHook('onClose', async () => stopOutbox());
  await app.register(webhooksRoutes);
  await app.register(webhookDeliveriesRoutes);
};

export default webhooksModule;
