import { createHash } from 'node:crypto';
import type { Executor } from '../../platform/db/database.ts';
import { clearKey, purgeStale, recordFailure, secondsUntilUnblocked, type ThrottleRule } from './login-throttle.repository.ts';

/**
 * Failed-login throttling, kept in PostgreSQL so that every server process shares the counters.
 *
 * Two keys per attempt:
 * - account + IP: Zou's rule (5 failures within a minute block for a minute). The IP is part of the
 *   key so that an attacker hammering an account does not lock its owner out from his own machine.
 * - IP alone: bounds password spraying across many accounts from one address.
 */
export const ACCOUNT_RULE: ThrottleRule = { limit: 5, windowSeconds: 60, blockSeconds: 60 };
export const IP_RULE: ThrottleRule = { limit: 30, windowSeconds: 600, blockSeconds: 600 };

// One failure in a hundred also sweeps old counters; enough to bound the table without a scheduler.
const PURGE_PROBABILITY = 0.01;

export interface ThrottleKeys {
  account: string;
  ip: string;
}

/**
 * Keys for an attempt. The account part is the person id when the login names a known person (so that
 * email and desktop login share one counter), else a digest of what was typed: the table then never
 * stores raw input, which is sometimes a password typed into the email field.
 */
export function throttleKeys(ip: string, login: { personId?: string; typed: string }): ThrottleKeys {
  const account = login.personId ?? createHash('sha256').update(login.typed.trim().toLowerCase()).digest('hex');
  return { account: `account:${account}|ip:${ip}`, ip: `ip:${ip}` };
}

/** Seconds the caller must wait, or null when neither key is blocked. */
export function blockedFor(db: Executor, keys: ThrottleKeys): Promise<number | null> {
  return secondsUntilUnblocked(db, [keys.account, keys.ip]);
}

export async function recordFailedAttempt(db: Executor, keys: ThrottleKeys): Promise<void> {
  await recordFailure(db, keys.account, ACCOUNT_RULE);
  await recordFailure(db, keys.ip, IP_RULE);
  if (Math.random() < PURGE_PROBABILITY) await purgeStale(db);
}

/**
 * A successful login forgets the failures of its account + IP key. The IP key is left alone: an
 * attacker must not be able to reset it by logging into an account of his own between guesses.
 */
export function recordSuccessfulAttempt(db: Executor, keys: ThrottleKeys): Promise<void> {
  return clearKey(db, keys.account);
}
