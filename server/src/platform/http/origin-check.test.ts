import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createPerson, DEFAULT_PASSWORD, personWithToken } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { BROWSER_UA, cookieOf, freshIp, gazuLoginBody, postLogin } from '../../modules/auth/auth.test-support.ts';
import { loadConfig } from '../config.ts';
import { allowedOriginsFromEnv } from '../security-config.ts';

/** Finding 11: writes made with the session cookies, and logins, are refused from other sites' pages. */

// inject's Host is localhost:80, so the server's own origin is http://localhost.
const OWN = 'http://localhost';
const EVIL = 'https://evil.example';
const CROSS_SITE = { error: true, message: 'Cross-site request refused: it comes from a page whose origin is not allowed to use this server.' };

interface Session {
  person: { id: string; email: string };
  cookies: Record<string, string>;
}

/** A browser session: logged in from the web app's own page, so both cookies are set. */
async function browserSession(ctx: TestContext, role: 'user' | 'admin' = 'user'): Promise<Session> {
  const person = await createPerson(ctx, { role });
  const res = await ctx.app.inject({
    method: 'POST', url: '/api/auth/login', remoteAddress: freshIp(),
    headers: { 'user-agent': BROWSER_UA, origin: OWN, 'sec-fetch-site': 'same-origin' },
    payload: { email: person.email, password: DEFAULT_PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  return { person, cookies: { access_token_cookie: cookieOf(res, 'access_token_cookie')!.value } };
}

function renameSelf(ctx: TestContext, session: Session, headers: Record<string, string>, firstName: string): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method: 'PUT', url: `/api/data/persons/${session.person.id}`, cookies: session.cookies,
    headers: { 'user-agent': BROWSER_UA, ...headers }, payload: { first_name: firstName },
  });
}

async function firstNameOf(ctx: TestContext, personId: string): Promise<string> {
  return (await ctx.db.selectFrom('person').select('first_name').where('id', '=', personId).executeTakeFirstOrThrow()).first_name;
}

const alive = async (ctx: TestContext, session: Session) =>
  (await ctx.app.inject({ url: '/api/auth/authenticated', cookies: session.cookies, headers: { 'user-agent': BROWSER_UA } })).statusCode === 200;

describe('origin check', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => ctx.close());

  it('refuses a cookie-authenticated write from a foreign Origin with a 403 from the catalogue, and writes nothing', async () => {
    const session = await browserSession(ctx);
    const before = await firstNameOf(ctx, session.person.id);
    const res = await renameSelf(ctx, session, { origin: EVIL, 'sec-fetch-site': 'cross-site' }, 'Pwned');
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual(CROSS_SITE);
    expect(await firstNameOf(ctx, session.person.id)).toBe(before);
  });

  it('refuses an Origin of "null" (sandboxed frames, data: pages) and a foreign Referer when Origin is absent', async () => {
    const session = await browserSession(ctx);
    expect((await renameSelf(ctx, session, { origin: 'null' }, 'Pwned')).statusCode).toBe(403);
    expect((await renameSelf(ctx, session, { origin: 'data:text/html,x' }, 'Pwned')).statusCode).toBe(403);
    expect((await renameSelf(ctx, session, { referer: `${EVIL}/page` }, 'Pwned')).statusCode).toBe(403);
    expect((await renameSelf(ctx, session, { referer: 'not a url' }, 'Pwned')).statusCode).toBe(403);
  });

  it('refuses on Sec-Fetch-Site cross-site or same-site when neither Origin nor Referer is sent', async () => {
    const session = await browserSession(ctx);
    expect((await renameSelf(ctx, session, { 'sec-fetch-site': 'cross-site' }, 'Pwned')).statusCode).toBe(403);
    expect((await renameSelf(ctx, session, { 'sec-fetch-site': 'same-site' }, 'Pwned')).statusCode).toBe(403);
    expect(await firstNameOf(ctx, session.person.id)).not.toBe('Pwned');
  });

  it("lets the web app's own writes through: same Origin, same-origin Referer, Sec-Fetch-Site same-origin", async () => {
    const session = await browserSession(ctx);
    expect((await renameSelf(ctx, session, { origin: OWN, 'sec-fetch-site': 'same-origin' }, 'Ada')).statusCode).toBe(200);
    expect(await firstNameOf(ctx, session.person.id)).toBe('Ada');
    expect((await renameSelf(ctx, session, { origin: 'HTTP://LOCALHOST:80' }, 'Grace')).statusCode).toBe(200);
    expect((await renameSelf(ctx, session, { referer: `${OWN}/productions/1/shots` }, 'Hedy')).statusCode).toBe(200);
    expect((await renameSelf(ctx, session, { 'sec-fetch-site': 'same-origin' }, 'Joan')).statusCode).toBe(200);
    expect(await firstNameOf(ctx, session.person.id)).toBe('Joan');
  });

  it('leaves Bearer calls unchanged: no Origin (Gazu, scripts), and even a foreign one, cannot be forged with cookies', async () => {
    const person = await personWithToken(ctx);
    for (const headers of [{}, { origin: EVIL }, { 'sec-fetch-site': 'cross-site' }]) {
      const res = await ctx.app.inject({
        method: 'PUT', url: `/api/data/persons/${person.id}`, headers: { ...bearer(person.token), 'user-agent': 'CGWire Gazu 0.10.30', ...headers },
        payload: { first_name: 'Script' },
      });
      expect(res.statusCode, JSON.stringify(headers)).toBe(200);
    }
  });

  it('refuses a form-encoded login posted from a foreign page (login CSRF): no session cookie is set', async () => {
    const person = await createPerson(ctx);
    const form = new URLSearchParams({ email: person.email, password: DEFAULT_PASSWORD }).toString();
    const post = (headers: Record<string, string>) => ctx.app.inject({
      method: 'POST', url: '/api/auth/login', remoteAddress: freshIp(), payload: form,
      headers: { 'user-agent': BROWSER_UA, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
    const forged = await post({ origin: EVIL, 'sec-fetch-site': 'cross-site' });
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toEqual(CROSS_SITE);
    expect(forged.cookies).toEqual([]);
    expect((await post({ referer: `${EVIL}/` })).statusCode).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);

    const own = await post({ origin: OWN, 'sec-fetch-site': 'same-origin' });
    expect(own.statusCode).toBe(200);
    expect(cookieOf(own, 'access_token_cookie')).toBeDefined();
  });

  it("keeps Gazu's login (no Origin, no cookie) working", async () => {
    const person = await createPerson(ctx);
    const res = await postLogin(ctx, gazuLoginBody(person.email));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveProperty('access_token');
  });

  it('lets GET requests from other sites through (links to the app, images): only writes are checked', async () => {
    const session = await browserSession(ctx);
    const res = await ctx.app.inject({ url: '/api/auth/authenticated', cookies: session.cookies, headers: { 'user-agent': BROWSER_UA, 'sec-fetch-site': 'cross-site' } });
    expect(res.statusCode).toBe(200);
  });
});

describe('logout', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => ctx.close());

  // What the web app's http.post sends: a JSON {} body.
  const logout = (method: 'GET' | 'POST', session: Session, headers: Record<string, string>) => ctx.app.inject({
    method, url: '/api/auth/logout', headers: { 'user-agent': BROWSER_UA, ...headers }, cookies: session.cookies,
    ...(method === 'POST' ? { payload: {} } : {}),
  });

  it("POST auth/logout from the web app's page ends the cookie session and clears the cookies", async () => {
    const session = await browserSession(ctx);
    const res = await logout('POST', session, { origin: OWN, 'sec-fetch-site': 'same-origin' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ logout: true });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(cookieOf(res, 'access_token_cookie')).toMatchObject({ value: '' });
    expect(cookieOf(res, 'refresh_token_cookie')).toMatchObject({ value: '' });
    expect(await alive(ctx, session)).toBe(false);
  });

  it('POST auth/logout from a foreign page is refused and the session lives on', async () => {
    const session = await browserSession(ctx);
    const res = await logout('POST', session, { origin: EVIL, 'sec-fetch-site': 'cross-site' });
    expect(res.statusCode).toBe(403);
    expect(await alive(ctx, session)).toBe(true);
  });

  it('GET auth/logout through a link on another site does not log a cookie session out', async () => {
    const session = await browserSession(ctx);
    // A top-level navigation from another site: Lax cookies travel, Sec-Fetch-Site says cross-site.
    expect((await logout('GET', session, { 'sec-fetch-site': 'cross-site', referer: `${EVIL}/` })).statusCode).toBe(403);
    expect((await logout('GET', session, { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await logout('GET', session, { referer: `${EVIL}/` })).statusCode).toBe(403);
    expect(await alive(ctx, session)).toBe(true);
  });

  it("GET auth/logout still works for the Kitsu web client's same-origin call and for Gazu's Bearer token", async () => {
    const session = await browserSession(ctx);
    expect((await logout('GET', session, { 'sec-fetch-site': 'same-origin', referer: `${OWN}/` })).statusCode).toBe(200);
    expect(await alive(ctx, session)).toBe(false);

    const person = await personWithToken(ctx);
    const gazu = await ctx.app.inject({ url: '/api/auth/logout', headers: { ...bearer(person.token), 'user-agent': 'CGWire Gazu 0.10.30' } });
    expect(gazu.statusCode).toBe(200);
    expect((await ctx.app.inject({ url: '/api/auth/authenticated', headers: bearer(person.token) })).statusCode).toBe(401);
  });

  it('POST auth/logout with a Bearer token ends that session too', async () => {
    const person = await personWithToken(ctx);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(person.token) });
    expect(res.statusCode).toBe(200);
    expect((await ctx.app.inject({ url: '/api/auth/authenticated', headers: bearer(person.token) })).statusCode).toBe(401);
  });
});

describe('GETs that change state', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => ctx.close());

  it("refuse an admin's cookie session from another site on GET actions/persons/<id>/invite (it mails), not from the app", async () => {
    const admin = await browserSession(ctx, 'admin');
    const invitee = await createPerson(ctx);
    const invite = (headers: Record<string, string>) => ctx.app.inject({
      url: `/api/actions/persons/${invitee.id}/invite`, cookies: admin.cookies, headers: { 'user-agent': BROWSER_UA, ...headers },
    });
    const forged = await invite({ 'sec-fetch-site': 'cross-site', referer: `${EVIL}/` });
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toEqual(CROSS_SITE);
    expect((await invite({ 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
  });
});

describe('allowed origins', () => {
  const FRONT = 'http://localhost:5173';
  let ctx: TestContext;
  beforeAll(async () => {
    const env = { RUSHES_ALLOWED_ORIGINS: `${FRONT}, https://tracker.studio.example/`, RUSHES_PUBLIC_URL: 'https://rushes.studio.example/tracker/' };
    const { security, mail } = loadConfig(env);
    ctx = await createTestContext({ security, mail });
  });
  afterAll(async () => ctx.close());

  it('accepts RUSHES_ALLOWED_ORIGINS and the origin of RUSHES_PUBLIC_URL, and nothing else', async () => {
    const session = await browserSession(ctx);
    for (const origin of [FRONT, 'https://tracker.studio.example', 'https://rushes.studio.example']) {
      expect((await renameSelf(ctx, session, { origin }, 'Ok')).statusCode, origin).toBe(200);
    }
    for (const origin of ['http://localhost:5174', 'http://tracker.studio.example', EVIL]) {
      expect((await renameSelf(ctx, session, { origin }, 'Pwned')).statusCode, origin).toBe(403);
    }
  });

  it('reads RUSHES_ALLOWED_ORIGINS as origins and refuses anything with a path, or not http(s)', () => {
    expect(allowedOriginsFromEnv(undefined)).toEqual([]);
    expect(allowedOriginsFromEnv(' HTTPS://Tracker.example:443 ,http://localhost:5173')).toEqual(['https://tracker.example', 'http://localhost:5173']);
    expect(() => allowedOriginsFromEnv('https://tracker.example/app')).toThrow(/RUSHES_ALLOWED_ORIGINS/);
    expect(() => allowedOriginsFromEnv('tracker.example')).toThrow(/RUSHES_ALLOWED_ORIGINS/);
    expect(() => allowedOriginsFromEnv('ftp://tracker.example')).toThrow(/RUSHES_ALLOWED_ORIGINS/);
  });
});

describe('behind a TLS-terminating proxy', () => {
  const PROXY = '10.20.30.40';
  const PUBLIC = 'https://rushes.example';
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ trustProxy: [PROXY] });
  });
  afterAll(async () => ctx.close());

  const loginThrough = (remoteAddress: string) => createPerson(ctx).then((person) => ctx.app.inject({
    method: 'POST', url: '/api/auth/login', remoteAddress,
    headers: { 'user-agent': BROWSER_UA, origin: PUBLIC, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'rushes.example', 'x-forwarded-for': freshIp() },
    payload: { email: person.email, password: DEFAULT_PASSWORD },
  }));

  it("takes the own origin from a trusted proxy's X-Forwarded-Proto and X-Forwarded-Host", async () => {
    expect((await loginThrough(PROXY)).statusCode).toBe(200);
  });

  it('ignores those headers from any other peer', async () => {
    expect((await loginThrough('10.99.99.99')).statusCode).toBe(403);
  });
});
