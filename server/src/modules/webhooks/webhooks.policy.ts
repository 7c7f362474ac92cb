import type { Actor } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/errors/index.ts';

/**
 * Webhooks send the studio's events to outside servers, so only admins see or change them. Decided on
 * the role before any lookup: a non-admin cannot learn whether a hook id exists.
 */
export function requireWebhookAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw errors.forbidden();
}
