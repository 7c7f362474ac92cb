import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, DEFAULT_PASSWORD } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { secureCookiesFromEnv, type SecurityConfig } from '../../platform/security-config.ts';
import { BROWSER_UA, cookieOf, freshIp } from './auth.test-support.ts';

/** Finding 10: session cookies are Secure behind a TLS-terminating proxy that Rushes trusts, and only then. */

const PROXY = '10.20.30.40';
const HTTPS_PROXY_HEADERS = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' };

async function browserLogin(ctx: TestContext, remoteAddress: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const person = await createPerson(ctx);
  const res = await ctx.app.inject({
    method: 'POST', url: '/api/auth/login', remoteAddress,
    headers: { 'user-agent': BROWSER_UA, ...headers }, payload: { email: person.email, password: DEFAULT_PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  return res;
}

const secureFlags = (res: LightMyRequestResponse) =>
  ['access_token_cookie', 'refresh_token_cookie'].map((name) => cookieOf(res, name)?.secure === true);

async function withContext(overrides: { trustProxy?: string[]; security?: SecurityConfig }, body: (ctx: TestContext) => Promise<void>) {
  const ctx = await createTestContext(overrides);
  try {
    await body(ctx);
  } finally {
    await ctx.close();
  }
}

describe('RUSHES_SECURE_COOKIES=auto (the default)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ trustProxy: [PROXY] });
  });
  afterAll(async () => ctx.close());

  it('marks the session cookies Secure when a trusted proxy says the browser came over HTTPS', async () => {
    const res = await browserLogin(ctx, PROXY, HTTPS_PROXY_HEADERS);
    expect(secureFlags(res)).toEqual([true, true]);
    expect(cookieOf(res, 'access_token_cookie')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('keeps Secure on the refreshed access cookie and on the cookies logout clears', async () => {
    const login = await browserLogin(ctx, PROXY, HTTPS_PROXY_HEADERS);
    const refresh = await ctx.app.inject({
      url: '/api/auth/refresh-token', remoteAddress: PROXY, headers: { 'user-agent': BROWSER_UA, ...HTTPS_PROXY_HEADERS },
      cookies: { refresh_token_cookie: cookieOf(login, 'refresh_token_cookie')!.value },
    });
    expect(refresh.statusCode).toBe(200);
    expect(cookieOf(refresh, 'access_token_cookie')?.secure).toBe(true);
    const logout = await ctx.app.inject({
      method: 'POST', url: '/api/auth/logout', remoteAddress: PROXY, payload: {},
      headers: { 'user-agent': BROWSER_UA, ...HTTPS_PROXY_HEADERS },
      cookies: { access_token_cookie: cookieOf(refresh, 'access_token_cookie')!.value },
    });
    expect(logout.statusCode).toBe(200);
    expect(secureFlags(logout)).toEqual([true, true]);
  });

  it('ignores X-Forwarded-Proto from a peer that is not a trusted proxy', async () => {
    const res = await browserLogin(ctx, '10.99.99.99', HTTPS_PROXY_HEADERS);
    expect(secureFlags(res)).toEqual([false, false]);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends no Secure flag over plain HTTP from the proxy (X-Forwarded-Proto: http, or none)', async () => {
    expect(secureFlags(await browserLogin(ctx, PROXY, { 'x-forwarded-proto': 'http' }))).toEqual([false, false]);
    expect(secureFlags(await browserLogin(ctx, PROXY))).toEqual([false, false]);
  });
});

describe('RUSHES_SECURE_COOKIES', () => {
  it('reads auto, true and false, and refuses anything else', () => {
    expect(secureCookiesFromEnv(undefined)).toBe('auto');
    expect(secureCookiesFromEnv(' AUTO ')).toBe('auto');
    expect(secureCookiesFromEnv('true')).toBe(true);
    expect(secureCookiesFromEnv('false')).toBe(false);
    expect(() => secureCookiesFromEnv('yes')).toThrow(/RUSHES_SECURE_COOKIES/);
  });

  it('ignores X-Forwarded-Proto when RUSHES_TRUST_PROXY is unset', () =>
    withContext({}, async (ctx) => {
      expect(secureFlags(await browserLogin(ctx, PROXY, HTTPS_PROXY_HEADERS))).toEqual([false, false]);
    }));

  it('true forces Secure (a proxy that sends no X-Forwarded-Proto); false never sets it', () =>
    withContext({ security: { secureCookies: true, allowedOrigins: [] } }, async (ctx) => {
      expect(secureFlags(await browserLogin(ctx, freshIp()))).toEqual([true, true]);
    }).then(() => withContext({ trustProxy: [PROXY], security: { secureCookies: false, allowedOrigins: [] } }, async (ctx) => {
      expect(secureFlags(await browserLogin(ctx, PROXY, HTTPS_PROXY_HEADERS))).toEqual([false, false]);
    })));
});
