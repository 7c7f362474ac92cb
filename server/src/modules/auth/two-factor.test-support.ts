import { Secret, TOTP } from 'otpauth';
import { bearer } from '../../../../test/support/factories.ts';
import type { TestContext } from '../../../../test/support/test-app.ts';

/** The code an authenticator app shows for this secret, `offsetSeconds` from now. */
export function totpCode(secret: string, offsetSeconds = 0): string {
  const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  return totp.generate({ timestamp: Date.now() + offsetSeconds * 1000 });
}

/**
 * Enrols a person the way the security page does: PUT auth/totp, then POST auth/totp with a code
 * computed from the secret the API gave. `offsetSeconds` picks the code's time step.
 */
export async function enrolTotp(ctx: TestContext, token: string, offsetSeconds = 0): Promise<{ secret: string; codes: string[]; accessToken: string }> {
  const started = await ctx.app.inject({ method: 'PUT', url: '/api/auth/totp', headers: bearer(token) });
  if (started.statusCode !== 200) throw new Error(`PUT auth/totp: ${started.statusCode} ${started.body}`);
  const secret = started.json<{ otp_secret: string }>().otp_secret;
  const confirmed = await ctx.app.inject({
    method: 'POST', url: '/api/auth/totp', headers: bearer(token), payload: { totp: totpCode(secret, offsetSeconds) },
  });
  if (confirmed.statusCode !== 200) throw new Error(`POST auth/totp: ${confirmed.statusCode} ${confirmed.body}`);
  const body = confirmed.json<{ otp_recovery_codes: string[]; access_token: string }>();
  return { secret, codes: body.otp_recovery_codes, accessToken: body.access_token };
}
