import { createHash } from 'node:crypto';
import type { Executor } from '../../platform/db/database.ts';
import { blockedKeys, clearKey, hasLoggedInFrom, purgeStale, recordFailure, type ThrottleRule } from './login-throttle.repository.ts';

/**
 * Failed-login throttling, kept in PostgreSQL so that every server process shares the counters.
 *
 * Two keys per attempt:
 * - account + address: Zou's rule (5 failures within a minute block for a minute). The address is
 *   part of the key so that an attacker hammering an account does not lock its owner out from his
 *   own machine.
 * - address alone: a gentler ceiling against password spraying across many accounts. A whole studio
 *   can sit behind one NAT or proxy address, so this block does not apply to a right password from a
 *   person who has logged in from that address before (hardening finding 8), and a right password
 *   with a valid second factor is let through whatever is blocked.
 * Failed second factors (login, and the 2FA routes) count like failed passwords.
 */
export const ACCOUNT_RULE: ThrottleRule = { limit: 5, windowSeconds: 60, blockSeconds: 60 };
export const IP_RULE: ThrottleRule = { limit: 100, windowSeconds: 600, blockSeconds: 300 };
/** How long a successful login from an address keeps that address "known" for the person. */
export const KNOWN_ADDRESS_DAYS = 30;

// One failure in a hundred also sweeps old counters; enough to bound the table without a scheduler.
const PURGE_PROBABILITY = 0.01;

export interface ThrottleKeys {
  account: string;
  ip: string;
  /** The address itself, to look up earlier logins from it. */
  address: string;
}

/**
 * Keys for an attempt. The account part is the person id when the login names a known person (so that
 * email and desktop login share one counter), else a digest of what was typed: the table then never
 * stores raw input, which is sometimes a password typed into the email field.
 */
export function throttleKeys(ip: string, login: { personId?: string; typed: string }): ThrottleKeys {
  const account = login.personId ?? createHash('sha256').update(login.typed.trim().toLowerCase()).digest('hex');
  return { account: `account:${account}|ip:${ip}`, ip: `ip:${ip}`, address: ip };
}

/**
 * Seconds the caller must wait, or null. With `knownPersonId` (the password was right, or is about
 * to be checked for that person), the address block is waived when that person has logged in from
 * this address recently: only the account + address block then applies.
 */
export async function blockedFor(db: Executor, keys: ThrottleKeys, options: { knownPersonId?: string } = {}): Promise<number | null> {
  const blocked = await blockedKeys(db, [keys.account, keys.ip]);
  const account = blocked.get(keys.account) ?? null;
  let ip = blocked.get(keys.ip) ?? null;
  if (ip !== null && options.knownPersonId && (await hasLoggedInFrom(db, options.knownPersonId, keys.address, KNOWN_ADDRESS_DAYS))) ip = null;
  if (account === null && ip === null) return null;
  return Math.max(account ?? 0, ip ?? 0);
}

export async function recordFailedAttempt(db: Executor, keys: ThrottleKeys): Promise<void> {
  await recordFailure(db, keys.account, ACCOUNT_RULE);
  await recordFailure(db, keys.ip, IP_RULE);
  if (Math.random() < PURGE_PROBABILITY) await purgeStale(db);
}

/**
 * A successful login forgets the failures of its account + address key. The address key is left
 * alone: an attacker must not be able to reset it by logging into an account of his own between guesses.
 */
export function recordSuccessfulAttempt(db: Executor, keys: ThrottleKeys): Promise<void> {
  return clearKey(db, keys.account);
}
