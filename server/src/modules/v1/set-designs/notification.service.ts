import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/http/types.ts';
import { v1Errors } from '../organizations/v1-errors.ts';
import { listNotifications, markNotificationRead } from './notification.repository.ts';

/** The caller's own set-design notifications, newest first. */
export const listMyNotifications = (deps: Pick<AppDeps, 'db'>, actor: Actor, page: { skip: number; limit: number }) =>
  listNotifications(deps.db, actor.id, page);

export async function readNotification(deps: Pick<AppDeps, 'db'>, actor: Actor, id: string) {
  const row = await markNotificationRead(deps.db, actor.id, id);
  if (!row) throw v1Errors.notFound('Notification');
  return row;
}
