import type { TwoFactorConfig } from '../config.ts';
import type { IdentityType } from './actor.ts';

/**
 * §1.5: the routes a person who must still set up 2FA may call. Everything else answers 403 with the
 * "setup required" body until a second factor is enabled.
 */
const OPEN_DURING_SETUP = new Set([
  '/api/auth/totp',
  '/api/auth/email-otp',
  '/api/auth/fido',
  '/api/auth/recovery-codes',
  '/api/auth/login',
  '/api/auth/logout',
  '/api/auth/authenticated',
  '/api/auth/refresh-token',
]);

export function isOpenDuringTwoFactorSetup(routeUrl: string): boolean {
  return OPEN_DURING_SETUP.has(routeUrl.replace(/\/+$/, ''));
}

export interface TwoFactorFacts {
  identityType: IdentityType;
  email: string | null;
  /** A second factor is enabled (TOTP today). */
  hasTwoFactor: boolean;
  /** The organisation's "Require 2FA for everyone" switch. */
  requiredByOrganisation: boolean;
}

/**
 * Whether a person must set up 2FA before using the API: enforcement is on (environment or
 * organisation), the person has none, and is not exempt. Bots and API tokens are issued by admins
 * and never log in, so they are not asked.
 *
 * Checked on every request rather than frozen into the token: an admin turning enforcement on
 * affects sessions already open, and a person who enables 2FA is let through at once.
 */
export function mustSetUpTwoFactor(facts: TwoFactorFacts, config: TwoFactorConfig): boolean {
  if (facts.identityType !== 'person' || facts.hasTwoFactor) return false;
  if (!config.enforce && !facts.requiredByOrganisation) return false;
  return !(facts.email && config.exemptEmails.includes(facts.email.toLowerCase()));
}
