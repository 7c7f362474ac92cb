import type { Actor } from '../../platform/auth/actor.ts';
import { verifyPassword } from '../../platform/auth/password.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { authErrors } from './auth.errors.ts';
import type { OrganisationView, SessionUser } from '../../../../packages/contracts/src/auth.schema.ts';
import { presentOrganisation, presentSessionUser } from './auth.presenter.ts';
import {
  countLoginFailure,
  departmentIdsOf,
  findOrganisation,
  findPersonById,
  findPersonByLogin,
  findRefreshSession,
  insertLoginLog,
  resetLoginFailures,
  type PersonRow,
} from './auth.repository.ts';
import { blockedFor, recordFailedAttempt, recordSuccessfulAttempt, throttleKeys } from './login-throttle.service.ts';

/** Where an attempt comes from: the throttle keys on the IP, sessions and login_log on the origin. */
export interface ClientInfo {
  ip: string;
  origin: 'web' | 'script';
}

export interface LoginInput {
  email: string;
  password?: string | null;
}

export interface LoginResult {
  login: true;
  access_token: string;
  refresh_token: string;
  user: SessionUser;
  organisation: OrganisationView | null;
}

export interface SessionView {
  authenticated: true;
  user: SessionUser & { fido_devices: string[] };
  organisation: OrganisationView | null;
}

async function sessionViews(deps: AppDeps, person: PersonRow) {
  const [departments, organisation] = await Promise.all([departmentIdsOf(deps.db, person.id), findOrganisation(deps.db)]);
  return {
    user: presentSessionUser(person, departments),
    organisation: presentOrganisation(organisation, person.role === 'admin'),
  };
}

/**
 * `POST auth/login` (§1.2). The password is checked before the account state so that an inactive
 * account answers like an unknown one to whoever does not know its password; unknown accounts still
 * cost one hash verification (a decoy), so timing does not reveal which emails exist.
 */
export async function login(deps: AppDeps, input: LoginInput, client: ClientInfo): Promise<LoginResult> {
  const { db } = deps;
  const person = await findPersonByLogin(db, input.email);
  const keys = throttleKeys(client.ip, { personId: person?.id, typed: input.email });
  const wait = await blockedFor(db, keys);
  if (wait !== null) throw authErrors.tooManyLoginAttempts(wait);

  const valid = await verifyPassword(person?.password, input.password ?? '');
  if (!person || !valid) {
    await recordFailedAttempt(db, keys);
    if (person) await countLoginFailure(db, person.id);
    throw authErrors.loginFailed();
  }
  // Guesses sent together all pass the first check; whichever of them were wrong have been counted
  // while this one was hashing, so a right guess in a burst is refused once the limit is reached.
  const waitNow = await blockedFor(db, keys);
  if (waitNow !== null) throw authErrors.tooManyLoginAttempts(waitNow);
  if (!person.active) throw authErrors.userInactive();

  const tokens = await db.transaction().execute(async (tx) => {
    const issued = await deps.tokens.issueLoginTokens(person.id, client.origin, tx);
    await resetLoginFailures(tx, person.id);
    await insertLoginLog(tx, { personId: person.id, ip: client.ip, origin: client.origin });
    await recordSuccessfulAttempt(tx, keys);
    return issued;
  });
  return { login: true, access_token: tokens.access_token, refresh_token: tokens.refresh_token, ...(await sessionViews(deps, person)) };
}

/** `GET auth/authenticated`: who the token belongs to, bots included. */
export async function currentSession(deps: AppDeps, actor: Actor): Promise<SessionView> {
  const person = await findPersonById(deps.db, actor.id);
  if (!person) throw errors.tokenRevoked();
  const views = await sessionViews(deps, person);
  // No FIDO devices can be registered yet; the key is there because the Kitsu web app reads it.
  return { authenticated: true, user: { ...views.user, fido_devices: [] }, organisation: views.organisation };
}

/**
 * `GET auth/refresh-token`: a new access token for the session the refresh token names, as long as
 * that session is live and its person active. The token lifetime follows the session's origin.
 */
export async function refreshAccessToken(deps: AppDeps, refreshToken: string | undefined): Promise<string> {
  if (!refreshToken) throw errors.unauthorized();
  const claims = await deps.tokens.verify(refreshToken, 'refresh');
  if (claims.identity_type !== 'person') throw errors.forbidden();
  const session = await findRefreshSession(deps.db, claims.sid, claims.sub);
  if (!session || session.revoked) throw errors.tokenRevoked();
  if (session.expired) throw errors.tokenExpired();
  if (!session.active) {
    await deps.tokens.revokeSession(claims.sid);
    throw authErrors.sessionOfInactiveUser();
  }
  return deps.tokens.signAccessForSession(claims.sub, claims.sid, session.origin);
}

/** `GET auth/logout`: ends the session, which kills its access and refresh tokens at once. */
export async function logout(deps: AppDeps, actor: Actor): Promise<void> {
  await deps.tokens.revokeSession(actor.sessionId);
}
