import { randomInt } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { DEFAULT_PASSWORD } from '../../../../test/support/factories.ts';
import type { TestContext } from '../../../../test/support/test-app.ts';

/** What Gazu sends as User-Agent, and a desktop Chrome. */
export const GAZU_UA = 'CGWire Gazu 0.10.30';
export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** A client address of its own, so throttle counters of one test never leak into another. */
export const freshIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** The body Gazu's `log_in` sends: all six keys, unused ones null. */
export function gazuLoginBody(email: string, password: string = DEFAULT_PASSWORD) {
  return { email, password, totp: null, email_otp: null, fido_authentication_response: null, recovery_code: null };
}

export function postLogin(
  ctx: TestContext,
  body: unknown,
  options: { ip?: string; userAgent?: string } = {},
): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: body as Record<string, unknown>,
    remoteAddress: options.ip ?? freshIp(),
    headers: { 'user-agent': options.userAgent ?? GAZU_UA },
  });
}

export function cookieOf(response: LightMyRequestResponse, name: string) {
  return response.cookies.find((cookie) => cookie.name === name);
}
