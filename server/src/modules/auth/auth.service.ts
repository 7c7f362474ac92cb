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
import { blockedFor, recordFailedAttempt, recordSuccessfulAttempt, throttleKeys, type ThrottleKeys } from './login-throttle.service.ts';
import { twoFactorErrors } from './two-factor.errors.ts';
import {
  checkSecondFactor,
  hasSecondFactorInput,
  loginNeedsTwoFactorSetup,
  twoFactorStateOf,
  type SecondFactorInput,
  type TwoFactorState,
} from './two-factor.service.ts';

/** Where an attempt comes from: the throttle keys on the IP, sessions and login_log on the origin. */
export interface ClientInfo {
  ip: string;
  origin: 'web' | 'script';
}

export interface LoginInput extends SecondFactorInput {
  email: string;
  password?: string | null;
}

export interface LoginResult {
  login: true;
  access_token: string;
  refresh_token: string;
  user: SessionUser;
  organisation: OrganisationView | null;
  two_factor_authentication_required?: true;
}

export interface SessionView {
  authenticated: true;
  user: SessionUser & { fido_devices: string[] };
  organisation: OrganisationView | null;
  two_factor_authentication_required?: true;
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
 * cost one hash verification (a decoy), so timing does not reveal which emails exist. With 2FA on,
 * the right password alone answers `missing_OTP`; a wrong code counts as a failed login.
 */
export async function login(deps: AppDeps, input: LoginInput, client: ClientInfo): Promise<LoginResult> {
  const { db } = deps;
  const person = await findPersonByLogin(db, input.email);
  const keys = throttleKeys(client.ip, { personId: person?.id, typed: input.email });
  // Blocked callers are refused before hashing, unless they bring a second factor: a right password
  // with a valid code is never blocked outright (decided below, once both are checked).
  if (!hasSecondFactorInput(input)) {
    const wait = await blockedFor(db, keys, { knownPersonId: person?.id });
    if (wait !== null) throw authErrors.tooManyLoginAttempts(wait);
  }

  const valid = await verifyPassword(person?.password, input.password ?? '');
  if (!person || !valid) return failLogin(db, keys, person, authErrors.loginFailed());
  const verified = person;
  const twoFactor = await twoFactorStateOf(db, verified);
  if (twoFactor.enabled) {
    await checkLoginSecondFactor(db, keys, verified, twoFactor, input);
  } else {
    // Guesses sent together all pass the first check; whichever of them were wrong have been counted
    // while this one was hashing, so a right guess in a burst is refused once the limit is reached.
    const waitNow = await blockedFor(db, keys, { knownPersonId: verified.id });
    if (waitNow !== null) throw authErrors.tooManyLoginAttempts(waitNow);
  }
  if (!verified.active) throw authErrors.userInactive();

  const restricted = await loginNeedsTwoFactorSetup(deps, verified, twoFactor);
  const tokens = await db.transaction().execute(async (tx) => {
    const issued = await deps.tokens.issueLoginTokens(verified.id, client.origin, tx, { requiresTwoFactorSetup: restricted });
    await resetLoginFailures(tx, verified.id);
    await insertLoginLog(tx, { personId: verified.id, ip: client.ip, origin: client.origin });
    await recordSuccessfulAttempt(tx, keys);
    return issued;
  });
  return {
    login: true,
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token,
    ...(await sessionViews(deps, verified)),
    ...(restricted ? { two_factor_authentication_required: true as const } : {}),
  };
}

/** A failed attempt: 429 while blocked (nothing counted), else counted on both keys and the person. */
async function failLogin(db: AppDeps['db'], keys: ThrottleKeys, person: PersonRow | undefined, failure: Error): Promise<never> {
  const wait = await blockedFor(db, keys);
  if (wait !== null) throw authErrors.tooManyLoginAttempts(wait);
  await recordFailedAttempt(db, keys);
  if (person) await countLoginFailure(db, person.id);
  throw failure;
}

/**
 * The second step of a login whose password was right. While blocked, every answer but success is
 * the 429, so a blocked caller learns nothing about the password; a valid code passes any block.
 */
async function checkLoginSecondFactor(db: AppDeps['db'], keys: ThrottleKeys, person: PersonRow, state: TwoFactorState, input: SecondFactorInput): Promise<void> {
  if (!hasSecondFactorInput(input)) {
    const wait = await blockedFor(db, keys, { knownPersonId: person.id });
    if (wait !== null) throw authErrors.tooManyLoginAttempts(wait);
    throw twoFactorErrors.missingOtpAtLogin(state.preferred, state.methods);
  }
  if (!(await checkSecondFactor(db, person.id, input))) await failLogin(db, keys, person, twoFactorErrors.wrongOtpAtLogin());
}

/** `GET auth/authenticated`: who the token belongs to, bots included. */
export async function currentSession(deps: AppDeps, actor: Actor): Promise<SessionView> {
  const person = await findPersonById(deps.db, actor.id);
  if (!person) throw errors.tokenRevoked();
  const views = await sessionViews(deps, person);
  // No FIDO devices can be registered yet; the key is there because the Kitsu web app reads it.
  return {
    authenticated: true,
    user: { ...views.user, fido_devices: [] },
    organisation: views.organisation,
    ...(actor.requiresTwoFactorSetup ? { two_factor_authentication_required: true as const } : {}),
  };
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
