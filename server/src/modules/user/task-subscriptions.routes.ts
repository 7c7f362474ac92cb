import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import {
  IsSubscribed, MarkAllReadResult, TaskSubscription, TaskSubscriptionParams,
} from '../../../../packages/contracts/src/user.schema.ts';
import { markAllUserNotificationsRead } from './notifications.service.ts';
import { isWatchingTask, unwatchTask, watchTask } from './task-subscriptions.service.ts';

const tags = ['user'];
const config = { access: 'person' } as const;

/** The caller's task watches (Zou's subscribe routes, as the Kitsu web client calls them) and marking all notifications read. */
export const taskSubscriptionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.get('/data/user/tasks/:task_id/subscribed', {
    config,
    schema: { tags, summary: 'Whether the caller watches the task', params: TaskSubscriptionParams, response: { 200: IsSubscribed } },
  }, async (request) => isWatchingTask(deps, actorOf(request), request.params.task_id));

  app.post('/actions/user/tasks/:task_id/subscribe', {
    config,
    schema: { tags, summary: 'Watch a task: be notified of its comments', params: TaskSubscriptionParams, response: { 201: TaskSubscription } },
  }, async (request, reply) => reply.status(201).send(await watchTask(deps, actorOf(request), request.params.task_id)));

  app.delete('/actions/user/tasks/:task_id/unsubscribe', {
    config,
    schema: { tags, summary: 'Stop watching a task', params: TaskSubscriptionParams },
  }, async (request, reply) => {
    await unwatchTask(deps, actorOf(request), request.params.task_id);
    return reply.status(204).send();
  });

  app.post('/actions/user/notifications/mark-all-as-read', {
    config,
    schema: { tags, summary: "Mark all the caller's notifications read", response: { 200: MarkAllReadResult } },
  }, async (request) => markAllUserNotificationsRead(deps, actorOf(request)));
};
