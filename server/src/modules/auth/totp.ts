import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30;
const DIGITS = 6;
const ISSUER = 'Rushes';

function totpOf(secret: string, label = ''): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** A fresh 160-bit secret (RFC 4226's recommended length), base32 as apps show and type it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://totp/...` URI the QR code carries; the label is the person's email. */
export function provisioningUri(secret: string, label: string): string {
  return totpOf(secret, label).toString();
}

/**
 * The time step a code belongs to when it is valid now, one step early or one step late (clock drift
 * between phone and server, §1.5), or null. The caller stores the step so that the same code, or an
 * older one, is not accepted twice.
 */
export function matchingTimeStep(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secret).validate({ token, timestamp: now, window: 1 });
  if (delta === null) return null;
  return TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}
