import { createHash, randomBytes } from 'node:crypto';
import type { ResetPasswordBody, ResetPasswordRequestBody } from '../../../../packages/contracts/src/auth.schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { authErrors } from './auth.errors.ts';
import { setPasswordHash } from './auth.repository.ts';
import { recordFailure, secondsUntilUnblocked, type ThrottleRule } from './login-throttle.repository.ts';
import { passwordLinkMail } from './password-mail.ts';
import { checkNewPassword, personManagedByAdmin } from './password.service.ts';
import {
  clearAccountThrottle,
  consumePasswordToken,
  findActivePersonByEmail,
  isLivePasswordToken,
  putPasswordToken,
  type MailablePerson,
  type PasswordTokenKind,
} from './password-token.repository.ts';

/** How long an e-mailed link works (Zou: 2 h for a reset), and the web page it opens. */
export const TOKEN_LIFETIME_SECONDS: Record<PasswordTokenKind, number> = { reset: 2 * 3600, invitation: 7 * 24 * 3600 };
const WEB_PAGE: Record<PasswordTokenKind, string> = { reset: '/reset-password', invitation: '/invitation' };

/**
 * Reset requests, counted in the login throttle's table under keys of their own. Per email: past the
 * limit no more mail goes out (the answer stays the same, so a mailbox cannot be flooded and nothing
 * is revealed). Per client address: past the limit a 429, counted for any email, known or not.
 */
export const RESET_EMAIL_RULE: ThrottleRule = { limit: 5, windowSeconds: 3600, blockSeconds: 3600 };
export const RESET_IP_RULE: ThrottleRule = { limit: 20, windowSeconds: 3600, blockSeconds: 3600 };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** 64 hex characters (32 random bytes) for the link; only their digest is stored. */
const newToken = () => randomBytes(32).toString('hex');

/**
 * `POST auth/reset-password`. Answers before looking the email up: the lookup, the token and the mail
 * happen in the background, so the answer and its timing are the same for known and unknown emails.
 */
export async function requestPasswordReset(deps: AppDeps, input: ResetPasswordRequestBody, client: { ip: string }): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const ipKey = `reset-ip:${client.ip}`;
  const emailKey = `reset-email:${sha256(email)}`;
  const retryAfter = await secondsUntilUnblocked(deps.db, [ipKey]);
  if (retryAfter !== null) throw authErrors.tooManyResetRequests(retryAfter);
  await recordFailure(deps.db, ipKey, RESET_IP_RULE);
  if ((await secondsUntilUnblocked(deps.db, [emailKey])) !== null) return;
  await recordFailure(deps.db, emailKey, RESET_EMAIL_RULE);
  deps.mailer.runInBackground('password reset mail', async () => {
    const person = await findActivePersonByEmail(deps.db, email);
    if (person) await issueAndMail(deps, 'reset', person, null);
  });
}

/**
 * `GET actions/persons/<id>/invite` (admin): mails an active human account a link to set its password.
 * The token exists when this answers; the mail itself goes out in the background.
 */
export async function invitePerson(deps: AppDeps, actor: Actor, personId: string): Promise<void> {
  const person = await personManagedByAdmin(deps, actor, personId);
  if (!person.active) throw authErrors.inviteRefused('Inactive people cannot be invited.');
  if (!person.email) throw authErrors.inviteRefused('This person has no email address.');
  const mailable = { id: person.id, email: person.email, first_name: person.first_name, full_name: `${person.first_name} ${person.last_name}`.trim() };
  const send = await issueToken(deps, 'invitation', mailable, actor.id);
  if (send) deps.mailer.runInBackground('invitation mail', send);
}

/**
 * `PUT auth/reset-password`, for reset and invitation links alike: checks the new password, spends the
 * token (it must match the email and be unexpired), then sets the password, ends every session of the
 * person, clears their failed-login counters and audits the change, all in one transaction.
 */
export async function resetPasswordWithToken(deps: AppDeps, input: ResetPasswordBody): Promise<void> {
  checkNewPassword(deps, input.password, input.password2);
  const presented = { email: input.email, hash: sha256(input.token.trim()) };
  if (!(await isLivePasswordToken(deps.db, presented))) throw authErrors.passwordRejected('Wrong or expired token.');
  const newHash = await hashPassword(input.password);
  await deps.db.transaction().execute(async (tx) => {
    // Spent here, not by the check above: of two requests racing with one token, one wins.
    const spent = await consumePasswordToken(tx, presented);
    if (!spent) throw authErrors.passwordRejected('Wrong or expired token.');
    await setPasswordHash(tx, spent.personId, newHash);
    await deps.tokens.revokeAllSessions(spent.personId, { executor: tx });
    await clearAccountThrottle(tx, spent.personId);
    await recordAudit(tx, {
      actorId: spent.personId,
      action: spent.kind === 'invitation' ? 'accept-invitation' : 'reset-password',
      objectType: 'person',
      objectId: spent.personId,
    });
  });
}

async function issueAndMail(deps: AppDeps, kind: PasswordTokenKind, person: MailablePerson, actorId: string | null): Promise<void> {
  const send = await issueToken(deps, kind, person, actorId);
  await send?.();
}

/**
 * Stores a fresh token (superseding the person's earlier one) with its audit row, and returns the
 * sending of its mail. Nothing is issued when no link could reach the person: without RUSHES_SMTP_URL
 * or RUSHES_PUBLIC_URL the server logs why instead (at start-up and here).
 */
async function issueToken(
  deps: AppDeps,
  kind: PasswordTokenKind,
  person: MailablePerson,
  actorId: string | null,
): Promise<(() => Promise<void>) | undefined> {
  if (!deps.mailer.canSendLinks) {
    deps.mailer.warn(`no ${kind} mail sent to ${person.email}: RUSHES_SMTP_URL and RUSHES_PUBLIC_URL must both be set`);
    return undefined;
  }
  const token = newToken();
  const link = deps.mailer.webAppLink(WEB_PAGE[kind], { token, email: person.email })!;
  await deps.db.transaction().execute(async (tx) => {
    await putPasswordToken(tx, { personId: person.id, kind, hash: sha256(token), ttlSeconds: TOKEN_LIFETIME_SECONDS[kind] });
    await recordAudit(tx, {
      actorId,
      action: kind === 'invitation' ? 'invite' : 'request-password-reset',
      objectType: 'person',
      objectId: person.id,
    });
  });
  return () => deps.mailer.send(passwordLinkMail(kind, person, link));
}
