import type { ChangePasswordBody, SetPasswordBody } from '../../../../packages/contracts/src/auth.schema.ts';
import { isAdmin, type Actor } from '../../platform/auth/actor.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { authErrors } from './auth.errors.ts';
import { countLoginFailure, findPersonById, setPasswordHash, type PersonRow } from './auth.repository.ts';
import { blockedFor, recordFailedAttempt, throttleKeys } from './login-throttle.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Zou checks the confirmation, then the length (§1.5). Length counts characters, not bytes. */
export function checkNewPassword(deps: AppDeps, password: string, confirmation: string): void {
  if (password !== confirmation) throw authErrors.passwordRejected("Confirmation password doesn't match.");
  if ([...password].length < deps.config.minPasswordLength) throw authErrors.passwordRejected('Password is too short.');
}

/**
 * `POST auth/change-password`. Wrong old passwords count as failed logins (same throttle as login),
 * so a stolen session cannot be used to guess the password itself. Every other session of the person
 * ends; the one making the change stays signed in.
 */
export async function changeOwnPassword(deps: AppDeps, actor: Actor, input: ChangePasswordBody, client: { ip: string }): Promise<void> {
  checkNewPassword(deps, input.password, input.password_2);
  const keys = throttleKeys(client.ip, { personId: actor.id, typed: '' });
  if ((await blockedFor(deps.db, keys)) !== null) throw authErrors.passwordRejected('Too many failed login attempts.');
  const person = await findPersonById(deps.db, actor.id);
  if (!person) throw errors.tokenRevoked();
  if (!(await verifyPassword(person.password, input.old_password))) {
    await recordFailedAttempt(deps.db, keys);
    await countLoginFailure(deps.db, actor.id);
    throw authErrors.passwordRejected('Old password is wrong.');
  }
  const newHash = await hashPassword(input.password);
  await deps.db.transaction().execute(async (tx) => {
    // Compare-and-set on the hash just verified: of two changes racing, the second finds the old
    // password gone and fails like a wrong one, instead of silently overwriting the first.
    const replaced = await setPasswordHash(tx, actor.id, newHash, person.password);
    if (!replaced) throw authErrors.passwordRejected('Old password is wrong.');
    await deps.tokens.revokeAllSessions(actor.id, { except: actor.sessionId, executor: tx });
  });
}

/**
 * The person an admin acts on in `actions/persons/<id>/...`: 403 for non-admins, 404 for unknown or
 * malformed ids, 400 for bots (they have no password).
 */
export async function personManagedByAdmin(deps: AppDeps, actor: Actor, personId: string): Promise<PersonRow> {
  if (!isAdmin(actor)) throw errors.forbidden();
  const person = UUID.test(personId) ? await findPersonById(deps.db, personId) : undefined;
  if (!person) throw errors.notFound();
  if (person.is_bot) throw authErrors.botPassword();
  return person;
}

/**
 * `POST actions/persons/<id>/change-password`: an admin sets someone's password. Bots have none.
 * All the target's sessions end, so whoever knew the old password is signed out everywhere.
 */
export async function setPersonPassword(deps: AppDeps, actor: Actor, personId: string, input: SetPasswordBody): Promise<void> {
  await personManagedByAdmin(deps, actor, personId);
  checkNewPassword(deps, input.password, input.password_2);
  const newHash = await hashPassword(input.password);
  await deps.db.transaction().execute(async (tx) => {
    await setPasswordHash(tx, personId, newHash);
    await deps.tokens.revokeAllSessions(personId, { executor: tx });
  });
}
