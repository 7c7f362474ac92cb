import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import {
  Notification,
  NotificationList,
  NotificationParams,
  NotificationRecord,
  NotificationsQuery,
  NotificationUpdateBody,
} from '../../../../packages/contracts/src/user.schema.ts';
import { getUserNotification, listUserNotifications, updateUserNotification } from './notifications.service.ts';

const tags = ['user'];
const config = { access: 'person' } as const;

/** gazu.user notifications: list, read one, mark read or unread. */
export const userNotificationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.get('/data/user/notifications', {
    config,
    schema: {
      tags,
      summary: "The caller's notifications, newest first",
      description: 'Filters: after, before, task_type_id, task_status_id, type, read, watching. Paging: limit (100) and page.',
      querystring: NotificationsQuery,
      response: { 200: NotificationList },
    },
  }, async (request) => listUserNotifications(deps, actorOf(request), request.query));

  app.get('/data/user/notifications/:notification_id', {
    config,
    schema: { tags, summary: 'One notification of the caller', params: NotificationParams, response: { 200: Notification } },
  }, async (request) => getUserNotification(deps, actorOf(request), request.params.notification_id));

  app.put('/data/user/notifications/:notification_id', {
    config,
    schema: {
      tags,
      summary: 'Mark a notification of the caller read or unread',
      params: NotificationParams,
      body: NotificationUpdateBody,
      response: { 200: NotificationRecord },
    },
  }, async (request) => updateUserNotification(deps, actorOf(request), request.params.notification_id, request.body.read));
};
