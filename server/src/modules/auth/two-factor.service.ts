import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { mustSetUpTwoFactor } from '../../platform/auth/two-factor-gate.ts';
import type { Executor } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import type { ClientInfo } from './auth.service.ts';
import { authErrors } from './auth.errors.ts';
import { findPersonById, type PersonRow } from './auth.repository.ts';
import { blockedFor, recordFailedAttempt, throttleKeys } from './login-throttle.service.ts';
import { findRecoveryCode, hashRecoveryCodes, newRecoveryCodes } from './recovery-codes.ts';
import { matchingTimeStep, newTotpSecret, provisioningUri } from './totp.ts';
import { twoFactorErrors, type TwoFactorMethod } from './two-factor.errors.ts';
import {
  activatePendingTotp,
  claimTotpStep,
  deactivateTotp,
  deleteRecoveryCodes,
  findTwoFactor,
  hasUnusedRecoveryCodes,
  isTwoFactorRequiredByOrganisation,
  replaceRecoveryCodes,
  savePendingTotpSecret,
  setTwoFactorRequiredByOrganisation,
  spendRecoveryCode,
  unusedRecoveryCodes,
} from './two-factor.repository.ts';

/** A second factor as login, `DELETE auth/totp` and `PUT auth/recovery-codes` receive it. */
export interface SecondFactorInput {
  totp?: string | null;
  recovery_code?: string | null;
}

export interface TwoFactorState {
  /** A second factor is enabled: login asks for a code. */
  enabled: boolean;
  preferred: TwoFactorMethod | null;
  /** What login may accept, as Zou lists it (`two_factor_authentication_enabled`). */
  methods: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const given = (value: string | null | undefined): value is string => typeof value === 'string' && value.trim() !== '';

export const hasSecondFactorInput = (input: SecondFactorInput): boolean => given(input.totp) || given(input.recovery_code);

export async function twoFactorStateOf(db: Executor, person: PersonRow): Promise<TwoFactorState> {
  const [row, codes] = await Promise.all([findTwoFactor(db, person.id), hasUnusedRecoveryCodes(db, person.id)]);
  const totp = Boolean(row?.totp_secret);
  const methods = [...(totp ? ['totp'] : []), ...(totp && codes ? ['recovery_code'] : [])].sort();
  return { enabled: totp, preferred: totp ? ((person.preferred_two_factor_authentication as TwoFactorMethod | null) ?? 'totp') : null, methods };
}

/**
 * Checks and spends a second factor: a TOTP code (its time step is claimed, so it cannot be replayed)
 * or a recovery code (marked used). False when wrong, already used, or TOTP is not set up.
 */
export async function checkSecondFactor(db: Executor, personId: string, input: SecondFactorInput): Promise<boolean> {
  if (given(input.totp)) {
    const row = await findTwoFactor(db, personId);
    const step = row?.totp_secret ? matchingTimeStep(row.totp_secret, input.totp) : null;
    return step !== null && claimTotpStep(db, personId, step);
  }
  if (given(input.recovery_code)) {
    const codeId = await findRecoveryCode(input.recovery_code, await unusedRecoveryCodes(db, personId));
    return codeId !== null && spendRecoveryCode(db, codeId);
  }
  return false;
}

/** Whether this person, logging in, gets a session restricted to setting up 2FA (§1.5). */
export async function loginNeedsTwoFactorSetup(deps: AppDeps, person: PersonRow, state: TwoFactorState): Promise<boolean> {
  const requiredByOrganisation = await isTwoFactorRequiredByOrganisation(deps.db);
  return mustSetUpTwoFactor(
    { identityType: 'person', email: person.email, hasTwoFactor: state.enabled, requiredByOrganisation },
    deps.config.twoFactor,
  );
}

/**
 * The management routes ask for a code from a signed-in person: wrong codes count against the
 * person + address throttle like failed logins, so a stolen session cannot brute-force the factor.
 */
async function requireSecondFactor(deps: AppDeps, actor: Actor, input: SecondFactorInput, client: ClientInfo): Promise<void> {
  if (!hasSecondFactorInput(input)) throw twoFactorErrors.missingOtp();
  const keys = throttleKeys(client.ip, { personId: actor.id, typed: actor.id });
  const wait = await blockedFor(deps.db, keys, { knownPersonId: actor.id });
  if (wait !== null) throw authErrors.tooManyLoginAttempts(wait);
  if (await checkSecondFactor(deps.db, actor.id, input)) return;
  await recordFailedAttempt(deps.db, keys);
  throw twoFactorErrors.wrongOtp();
}

async function personOf(deps: AppDeps, actor: Actor): Promise<PersonRow> {
  const person = await findPersonById(deps.db, actor.id);
  if (!person) throw errors.tokenRevoked();
  return person;
}

/** `PUT auth/totp`: a new secret to scan, pending until a code from it is confirmed. */
export async function startTotpEnrolment(deps: AppDeps, actor: Actor): Promise<{ totp_provisionning_uri: string; otp_secret: string }> {
  const person = await personOf(deps, actor);
  if ((await findTwoFactor(deps.db, person.id))?.totp_secret) throw twoFactorErrors.totpAlreadyEnabled();
  const secret = newTotpSecret();
  await savePendingTotpSecret(deps.db, person.id, secret);
  return { totp_provisionning_uri: provisioningUri(secret, person.email ?? person.id), otp_secret: secret };
}

export interface TotpEnabled {
  /** The new recovery codes, shown once; null when the person still had unused ones. */
  otp_recovery_codes: string[] | null;
  access_token: string;
  refresh_token: string;
}

/**
 * `POST auth/totp {totp}`: a code from the pending secret enables TOTP, hands out recovery codes if
 * the person has none, and opens a fresh session without the setup restriction. One transaction
 * with the 2FA row locked: two confirmations cannot both enable.
 */
export async function confirmTotpEnrolment(deps: AppDeps, actor: Actor, code: string, client: ClientInfo): Promise<TotpEnabled> {
  const keys = throttleKeys(client.ip, { personId: actor.id, typed: actor.id });
  const wait = await blockedFor(deps.db, keys, { knownPersonId: actor.id });
  if (wait !== null) throw authErrors.tooManyLoginAttempts(wait);
  const outcome = await deps.db.transaction().execute(async (tx) => {
    const row = await findTwoFactor(tx, actor.id, { lock: true });
    if (row?.totp_secret) throw twoFactorErrors.totpAlreadyEnabled();
    if (!row?.totp_pending_secret) throw twoFactorErrors.noPendingTotp();
    const step = matchingTimeStep(row.totp_pending_secret, code);
    if (step === null) return null;
    await activatePendingTotp(tx, actor.id, step);
    let codes: string[] | null = null;
    if (!(await hasUnusedRecoveryCodes(tx, actor.id))) {
      codes = newRecoveryCodes();
      await replaceRecoveryCodes(tx, actor.id, await hashRecoveryCodes(codes));
    }
    await recordAudit(tx, { actorId: actor.id, action: 'enable-totp', objectType: 'person', objectId: actor.id, after: { totp_enabled: true } });
    const tokens = await deps.tokens.issueLoginTokens(actor.id, client.origin, tx);
    return { otp_recovery_codes: codes, access_token: tokens.access_token, refresh_token: tokens.refresh_token };
  });
  if (outcome) return outcome;
  await recordFailedAttempt(deps.db, keys);
  throw twoFactorErrors.wrongOtp();
}

/** `DELETE auth/totp`: needs a current code or a recovery code; recovery codes go with the last method. */
export async function disableTotp(deps: AppDeps, actor: Actor, input: SecondFactorInput, client: ClientInfo): Promise<void> {
  const person = await personOf(deps, actor);
  if (!(await findTwoFactor(deps.db, person.id))?.totp_secret) throw twoFactorErrors.totpNotEnabled();
  await requireSecondFactor(deps, actor, input, client);
  await deps.db.transaction().execute(async (tx) => {
    await findTwoFactor(tx, person.id, { lock: true });
    await deactivateTotp(tx, person.id);
    if (!person.email_otp_enabled && !person.fido_enabled) await deleteRecoveryCodes(tx, person.id);
    await recordAudit(tx, { actorId: actor.id, action: 'disable-totp', objectType: 'person', objectId: person.id, before: { totp_enabled: true }, after: { totp_enabled: false } });
  });
}

/** `PUT auth/recovery-codes`: a new set of 16 replaces the old one, after a valid second factor. */
export async function regenerateRecoveryCodes(deps: AppDeps, actor: Actor, input: SecondFactorInput, client: ClientInfo): Promise<{ otp_recovery_codes: string[] }> {
  if (!(await findTwoFactor(deps.db, actor.id))?.totp_secret) throw twoFactorErrors.totpNotEnabled();
  await requireSecondFactor(deps, actor, input, client);
  const codes = newRecoveryCodes();
  const hashes = await hashRecoveryCodes(codes);
  await deps.db.transaction().execute(async (tx) => {
    await findTwoFactor(tx, actor.id, { lock: true });
    await replaceRecoveryCodes(tx, actor.id, hashes);
    await recordAudit(tx, { actorId: actor.id, action: 'regenerate-recovery-codes', objectType: 'person', objectId: actor.id });
  });
  return { otp_recovery_codes: codes };
}

/**
 * Admin reset of a locked-out person's 2FA (Zou's `actions/persons/<id>/disable-two-factor-authentication`):
 * not for bots, and an admin may only reset his own among admins. The person's sessions end, so
 * whoever held one must log in again with the password alone.
 */
export async function resetPersonTwoFactor(deps: AppDeps, actor: Actor, personId: string): Promise<void> {
  if (actor.role !== 'admin') throw errors.forbidden();
  const person = UUID.test(personId) ? await findPersonById(deps.db, personId) : undefined;
  if (!person) throw errors.notFound();
  if (person.is_bot) throw twoFactorErrors.botHasNoTwoFactor();
  if (person.role === 'admin' && person.id !== actor.id) throw twoFactorErrors.otherAdmin();
  const row = await findTwoFactor(deps.db, personId);
  if (!row?.totp_secret && !person.totp_enabled) throw twoFactorErrors.notEnabledForPerson();
  await deps.db.transaction().execute(async (tx) => {
    await findTwoFactor(tx, personId, { lock: true });
    await deactivateTotp(tx, personId);
    await deleteRecoveryCodes(tx, personId);
    await deps.tokens.revokeAllSessions(personId, { executor: tx, ...(personId === actor.id ? { except: actor.sessionId } : {}) });
    await recordAudit(tx, { actorId: actor.id, action: 'reset-two-factor', objectType: 'person', objectId: personId, before: { totp_enabled: true }, after: { totp_enabled: false } });
  });
}

export interface TwoFactorPolicy {
  /** The organisation's switch, which admins change. */
  two_factor_authentication_required: boolean;
  /** RUSHES_ENFORCE_2FA: on whatever the switch says. */
  enforced_by_server: boolean;
}

export async function twoFactorPolicy(deps: AppDeps): Promise<TwoFactorPolicy> {
  return {
    two_factor_authentication_required: await isTwoFactorRequiredByOrganisation(deps.db),
    enforced_by_server: deps.config.twoFactor.enforce,
  };
}

/**
 * Admins turn "Require 2FA for everyone" on or off; audited with the previous value. Turning it on
 * needs 2FA on the admin's own account, so that the switch cannot lock out the one who flips it.
 */
export async function setTwoFactorPolicy(deps: AppDeps, actor: Actor, required: boolean): Promise<TwoFactorPolicy> {
  if (actor.role !== 'admin') throw errors.forbidden();
  // The admin's own session would be restricted the next instant: 2FA for himself comes first.
  if (required && !(await findTwoFactor(deps.db, actor.id))?.totp_secret) throw twoFactorErrors.enrolBeforeRequiring();
  await deps.db.transaction().execute(async (tx) => {
    const changed = await setTwoFactorRequiredByOrganisation(tx, required);
    if (!changed) throw errors.notFound('No organisation.');
    await recordAudit(tx, {
      actorId: actor.id, action: 'update', objectType: 'organisation', objectId: changed.id,
      before: { two_factor_authentication_required: changed.before }, after: { two_factor_authentication_required: required },
    });
  });
  return twoFactorPolicy(deps);
}
