import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import type { NotificationRecord, NotificationsQuery } from '../../../../packages/contracts/src/user.schema.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import * as repo from './notifications.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const WIRE_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?)?$/;

function checkId(field: string, value: string | undefined): string | undefined {
  if (value !== undefined && !isUuid(value)) throw errors.badRequest(`Invalid UUID format for ${field}: ${value}`);
  return value;
}

function checkDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!WIRE_DATE.test(value) || Number.isNaN(Date.parse(value.replace(' ', 'T')))) {
    throw errors.badRequest('Wrong date format for after or before.');
  }
  return value;
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw errors.badRequest(`${name} must be an integer.`);
  return Number(value);
}

/** Zou reads a boolean query arg as true only when it lower-cases to "true" (§8.3). */
const flag = (value: string | undefined): boolean | undefined => (value === undefined ? undefined : value.toLowerCase() === 'true');

/** `GET data/user/notifications`: newest first; `after`/`before` bound the dates, `limit`/`page` page them. */
export async function listUserNotifications(deps: Deps, actor: Actor, query: NotificationsQuery) {
  const limit = Math.min(Math.max(positiveInt('limit', query.limit, DEFAULT_LIMIT), 1), MAX_LIMIT);
  const page = positiveInt('page', query.page, 1);
  return repo.listNotifications(deps.db, {
    personId: actor.id,
    hideClientTexts: actor.role === 'user',
    after: checkDate(query.after),
    before: checkDate(query.before),
    taskTypeId: checkId('task_type_id', query.task_type_id),
    taskStatusId: checkId('task_status_id', query.task_status_id),
    type: query.type,
    read: flag(query.read),
    watching: flag(query.watching),
    limit,
    offset: (Math.max(page, 1) - 1) * limit,
  });
}

/** `GET data/user/notifications/<id>`: one of the caller's notifications, same shape as the list. */
export async function getUserNotification(deps: Deps, actor: Actor, id: string) {
  checkId('notification_id', id);
  const [row] = await repo.listNotifications(deps.db, {
    personId: actor.id,
    hideClientTexts: actor.role === 'user',
    notificationId: id,
    limit: 1,
    offset: 0,
  });
  if (!row) throw errors.notFound();
  return row;
}

/** `PUT data/user/notifications/<id> {read}`: marks one of the caller's notifications read or unread. */
export async function updateUserNotification(
  deps: Deps,
  actor: Actor,
  id: string,
  read: boolean | null | undefined,
): Promise<NotificationRecord> {
  checkId('notification_id', id);
  return inTransaction(deps, async (tx, events) => {
    const before = await repo.lockOwnNotification(tx, actor.id, id);
    if (!before) throw errors.notFound();
    const after = typeof read === 'boolean' && read !== before.read ? await repo.setRead(tx, id, read) : before;
    if (after !== before) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'update',
        objectType: 'notification',
        objectId: id,
        before: { read: before.read },
        after: { read: after.read },
      });
      events.push({
        name: after.read ? 'notification:read' : 'notification:unread',
        data: { person_id: actor.id, notification_id: id },
        actorId: actor.id,
      });
    }
    const { type, ...columns } = after;
    // The column's CHECK constraint holds it to the model's notification types.
    return { ...columns, notification_type: type as NotificationRecord['notification_type'], type: 'Notification' as const };
  });
}

/**
 * `POST actions/user/notifications/mark-all-as-read`: every unread notification of the caller becomes
 * read, in one statement; `notification:all-read` tells the caller's other tabs.
 */
export async function markAllUserNotificationsRead(deps: Deps, actor: Actor): Promise<{ success: true }> {
  await inTransaction(deps, async (tx, events) => {
    const count = await repo.markAllRead(tx, actor.id);
    if (count === 0) return;
    await recordAudit(tx, { actorId: actor.id, action: 'mark-all-read', objectType: 'notification', objectId: null, after: { read: count } });
    events.push({ name: 'notification:all-read', data: { person_id: actor.id }, actorId: actor.id });
  });
  return { success: true };
}
