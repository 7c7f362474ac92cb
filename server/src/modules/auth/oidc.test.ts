import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, uniqueSuffix } from '../../../../test/support/factories.ts';
import { signInAtProvider, startOidcProvider, type ProviderAccount, type TestOidcProvider } from '../../../../test/support/oidc-provider.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import type { OidcConfig } from '../../platform/oidc-config.ts';
import { BROWSER_UA, cookieOf, freshIp, gazuLoginBody, postLogin } from './auth.test-support.ts';

/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider on 127.0.0.1), driven over HTTP
 * like a browser: Rushes' redirect, the provider's login and consent pages, the callback.
 */

// Never fetched: the test reads the provider's redirect and replays it into the app.
const CALLBACK = 'http://rushes.test/api/auth/oidc/callback';

let provider: TestOidcProvider;
let ctx: TestContext;

const oidcConfig = (overrides: Partial<OidcConfig> = {}): OidcConfig => ({
  issuer: provider.issuer,
  clientId: provider.clientId,
  clientSecret: provider.clientSecret,
  redirectUrl: CALLBACK,
  autoProvision: false,
  defaultRole: 'user',
  label: 'Sign in with Test IdP',
  ...overrides,
});

beforeAll(async () => {
  provider = await startOidcProvider([CALLBACK]);
  ctx = await createTestContext({ oidc: oidcConfig() });
});
afterAll(async () => {
  await ctx?.close();
  await provider?.close();
});

function account(fields: ProviderAccount): string {
  const subject = `sub-${uniqueSuffix()}`;
  provider.accounts.set(subject, { email_verified: true, ...fields });
  return subject;
}

async function startLogin(context: TestContext, next?: string) {
  const res = await context.app.inject({
    method: 'GET',
    url: '/api/auth/oidc/login',
    query: next === undefined ? {} : { next },
    headers: { 'user-agent': BROWSER_UA },
  });
  const state = cookieOf(res, 'rushes_oidc_state');
  return { res, location: res.headers.location as string, stateCookie: state?.value };
}

function callback(context: TestContext, url: URL, stateCookie: string | undefined): Promise<LightMyRequestResponse> {
  return context.app.inject({
    method: 'GET',
    url: `${url.pathname}${url.search}`,
    remoteAddress: freshIp(),
    headers: { 'user-agent': BROWSER_UA, ...(stateCookie ? { cookie: `rushes_oidc_state=${stateCookie}` } : {}) },
  });
}

/** The whole sign-in: Rushes → provider (login + consent) → Rushes' callback. */
async function ssoLogin(subject: string, options: { next?: string; context?: TestContext; abort?: boolean } = {}) {
  const context = options.context ?? ctx;
  const start = await startLogin(context, options.next);
  expect(start.res.statusCode).toBe(302);
  const back = await signInAtProvider(start.location, subject, { abort: options.abort });
  return { res: await callback(context, back, start.stateCookie), back, stateCookie: start.stateCookie };
}

async function sessionPersonId(res: LightMyRequestResponse, context: TestContext = ctx): Promise<string> {
  const access = cookieOf(res, 'access_token_cookie');
  expect(access?.value).toBeTruthy();
  const me = await context.app.inject({ method: 'GET', url: '/api/auth/authenticated', headers: { cookie: `access_token_cookie=${access!.value}` } });
  expect(me.statusCode).toBe(200);
  return (me.json() as { user: { id: string } }).user.id;
}

const linksOf = (personId: string, context: TestContext = ctx) =>
  context.db.selectFrom('person_oidc_identity').selectAll().where('person_id', '=', personId).execute();

describe('GET /api/config', () => {
  it('tells the web app that SSO is on and what its button says, with Zou\'s keys', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/config' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      is_self_hosted: true,
      crisp_token: '',
      dark_theme_by_default: false,
      indexer_configured: false,
      saml_enabled: false,
      saml_idp_name: '',
      default_locale: 'en_US',
      default_timezone: 'Europe/Paris',
      oidc_enabled: true,
      oidc_label: 'Sign in with Test IdP',
    });
  });
});

describe('GET /api/auth/oidc/login', () => {
  it('redirects to the provider with state, nonce and an S256 PKCE challenge, the state kept hashed and in an HttpOnly cookie', async () => {
    const { res, location, stateCookie } = await startLogin(ctx, '/my-tasks');
    expect(res.statusCode).toBe(302);
    const url = new URL(location);
    expect(url.origin).toBe(provider.issuer);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({ client_id: provider.clientId, redirect_uri: CALLBACK, response_type: 'code', code_challenge_method: 'S256' });
    expect(params.scope!.split(' ')).toEqual(expect.arrayContaining(['openid', 'email']));
    expect(params.state).toBe(stateCookie);
    expect(params.nonce).toBeTruthy();
    expect(params.code_challenge).toMatch(/^[\w-]{43}$/);

    const cookie = cookieOf(res, 'rushes_oidc_state')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/auth/oidc' });
    const rows = await ctx.db.selectFrom('oidc_login_state').selectAll().execute();
    expect(rows.some((row) => row.state_hash === params.state)).toBe(false);
    expect(rows.some((row) => row.nonce === params.nonce && row.next_path === '/my-tasks')).toBe(true);
  });
});

describe('sign-in through the provider', () => {
  it('links an existing person by e-mail (any case) and opens a browser session like a password login', async () => {
    const person = await createPerson(ctx, { email: `ada-${uniqueSuffix()}@studio.test` });
    const subject = account({ email: person.email.toUpperCase(), given_name: 'Ada' });
    const { res } = await ssoLogin(subject, { next: '/productions/42/shots?episode=1' });

    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/productions/42/shots?episode=1');
    expect(cookieOf(res, 'refresh_token_cookie')).toMatchObject({ httpOnly: true, path: '/api/auth/refresh-token' });
    expect(cookieOf(res, 'rushes_oidc_state')?.value).toBe('');
    expect(await sessionPersonId(res)).toBe(person.id);

    const links = await linksOf(person.id);
    expect(links).toEqual([expect.objectContaining({ issuer: provider.issuer, subject, last_email: person.email })]);
    const log = await ctx.db.selectFrom('login_log').select('origin').where('person_id', '=', person.id).execute();
    expect(log).toEqual([{ origin: 'web' }]);
    const sessions = await ctx.db.selectFrom('auth_session').select(['origin', 'identity_type']).where('person_id', '=', person.id).execute();
    expect(sessions).toEqual([{ origin: 'web', identity_type: 'person' }]);
  });

  it('recognises a linked account by its subject next time, even when its e-mail changed to someone else\'s', async () => {
    const person = await createPerson(ctx);
    const other = await createPerson(ctx);
    const subject = account({ email: person.email });
    expect(await sessionPersonId((await ssoLogin(subject)).res)).toBe(person.id);

    provider.accounts.set(subject, { email: other.email, email_verified: true });
    const again = await ssoLogin(subject);
    expect(again.res.headers.location).toBe('/');
    expect(await sessionPersonId(again.res)).toBe(person.id);
    expect((await linksOf(person.id))[0]).toMatchObject({ subject, last_email: other.email });
    expect(await linksOf(other.id)).toEqual([]);
  });

  it('refuses an unknown e-mail when auto-provisioning is off, creating nobody', async () => {
    const email = `stranger-${uniqueSuffix()}@elsewhere.test`;
    const { res } = await ssoLogin(account({ email }));
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login?sso_error=unknown_account');
    expect(cookieOf(res, 'access_token_cookie')).toBeUndefined();
    expect(await ctx.db.selectFrom('person').select('id').where('email', '=', email).execute()).toEqual([]);
  });

  it('refuses a deactivated person, by e-mail and once linked', async () => {
    const inactive = await createPerson(ctx, { active: false });
    const byEmail = await ssoLogin(account({ email: inactive.email }));
    expect(byEmail.res.headers.location).toBe('/login?sso_error=inactive');
    expect(await linksOf(inactive.id)).toEqual([]);

    const person = await createPerson(ctx);
    const subject = account({ email: person.email });
    await ssoLogin(subject);
    await ctx.db.updateTable('person').set({ active: false }).where('id', '=', person.id).execute();
    const linked = await ssoLogin(subject);
    expect(linked.res.headers.location).toBe('/login?sso_error=inactive');
    expect(cookieOf(linked.res, 'access_token_cookie')).toBeUndefined();
  });

  it('does not link by an e-mail the provider says is unverified, nor a bot\'s e-mail', async () => {
    const person = await createPerson(ctx);
    const unverified = await ssoLogin(account({ email: person.email, email_verified: false }));
    expect(unverified.res.headers.location).toBe('/login?sso_error=email_unverified');
    const bot = await createPerson(ctx, { isBot: true });
    const asBot = await ssoLogin(account({ email: bot.email }));
    expect(asBot.res.headers.location).toBe('/login?sso_error=unknown_account');
    expect([...(await linksOf(person.id)), ...(await linksOf(bot.id))]).toEqual([]);
  });

  it('does not let a second provider account take over a person already linked to another one', async () => {
    const person = await createPerson(ctx);
    await ssoLogin(account({ email: person.email }));
    const { res } = await ssoLogin(account({ email: person.email }));
    expect(res.headers.location).toBe('/login?sso_error=identity_conflict');
    expect(await linksOf(person.id)).toHaveLength(1);
  });

  it('ignores a `next` that would leave the site', async () => {
    const person = await createPerson(ctx);
    const subject = account({ email: person.email });
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/%2F/evil.example', 'javascript:alert(1)', '/login?x=1']) {
      const { res } = await ssoLogin(subject, { next });
      expect(res.statusCode).toBe(302);
      const location = res.headers.location as string;
      expect(new URL(location, 'http://rushes.test').origin).toBe('http://rushes.test');
      expect(location === '/' || location === '/%2F/evil.example').toBe(true);
    }
  });
});

describe('callbacks that must not open a session', () => {
  it('refuses a state that is not the one this browser was given, or no state cookie at all', async () => {
    const person = await createPerson(ctx);
    const subject = account({ email: person.email });
    const mine = await startLogin(ctx);
    const theirs = await startLogin(ctx);
    const back = await signInAtProvider(theirs.location, subject);
    for (const cookie of [mine.stateCookie, undefined]) {
      const res = await callback(ctx, back, cookie);
      expect(res.headers.location).toBe('/login?sso_error=state_mismatch');
      expect(cookieOf(res, 'access_token_cookie')).toBeUndefined();
    }
    expect(await linksOf(person.id)).toEqual([]);
  });

  it('refuses a replayed callback', async () => {
    const person = await createPerson(ctx);
    const first = await ssoLogin(account({ email: person.email }));
    expect(await sessionPersonId(first.res)).toBe(person.id);
    const replay = await callback(ctx, first.back, first.stateCookie);
    expect(replay.headers.location).toBe('/login?sso_error=state_mismatch');
    expect(cookieOf(replay, 'access_token_cookie')).toBeUndefined();
  });

  it('turns a sign-in cancelled at the provider (error=access_denied) into a message', async () => {
    const { res, back } = await ssoLogin(account({ email: 'x@y.test' }), { abort: true });
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(res.headers.location).toBe('/login?sso_error=cancelled');
  });

  it('refuses a forged code without a 500', async () => {
    const { location, stateCookie } = await startLogin(ctx);
    const state = new URL(location).searchParams.get('state')!;
    const forged = new URL(`${CALLBACK}?code=not-a-code&state=${state}&iss=${encodeURIComponent(provider.issuer)}`);
    const res = await callback(ctx, forged, stateCookie);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login?sso_error=invalid_response');
  });
});

describe('auto-provisioning', () => {
  let provisioning: TestContext;
  beforeAll(async () => {
    provisioning = await createTestContext({ oidc: oidcConfig({ autoProvision: true, defaultRole: 'supervisor' }), userLimit: 2 });
  });
  afterAll(async () => {
    await provisioning?.close();
  });

  it('creates a person from the claims, with the default role and no password, on the first sign-in', async () => {
    const email = `new-${uniqueSuffix()}@studio.test`;
    const subject = account({ email: email.toUpperCase(), given_name: 'Grace', family_name: 'Hopper' });
    const { res } = await ssoLogin(subject, { context: provisioning });
    const personId = await sessionPersonId(res, provisioning);
    const person = await provisioning.db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ email, first_name: 'Grace', last_name: 'Hopper', role: 'supervisor', password: null, active: true, is_bot: false });
    expect(await linksOf(personId, provisioning)).toEqual([expect.objectContaining({ subject })]);
    const audit = await provisioning.db.selectFrom('audit_event').select('action').where('object_id', '=', personId).orderBy('created_at').execute();
    expect(audit.map((row) => row.action)).toEqual(['create', 'link-sso-identity']);

    // No password was set: nothing typed on the login form opens this account.
    const login = await postLogin(provisioning, gazuLoginBody(email, ''));
    expect(login.statusCode).toBe(400);
    // And the second sign-in finds the same person instead of creating another.
    expect(await sessionPersonId((await ssoLogin(subject, { context: provisioning })).res, provisioning)).toBe(personId);
  });

  it('stops at the user limit', async () => {
    await createPerson(provisioning);
    const email = `over-${uniqueSuffix()}@studio.test`;
    const { res } = await ssoLogin(account({ email }), { context: provisioning });
    expect(res.headers.location).toBe('/login?sso_error=user_limit');
    expect(await provisioning.db.selectFrom('person').select('id').where('email', '=', email).execute()).toEqual([]);
  });
});

describe('without a usable provider', () => {
  it('answers 404 with the catalogue\'s JSON when SSO is not configured, and /api/config says it is off', async () => {
    const plain = await createTestContext();
    try {
      for (const url of ['/api/auth/oidc/login', '/api/auth/oidc/callback?code=x&state=y']) {
        const res = await plain.app.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ error: true, message: expect.stringMatching(/^404 Not Found/) });
      }
      expect((await plain.app.inject({ method: 'GET', url: '/api/config' })).json()).toMatchObject({ oidc_enabled: false, oidc_label: '' });
    } finally {
      await plain.close();
    }
  });

  it('sends the browser back to the login page when the provider cannot be reached', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const down = await createTestContext({ oidc: oidcConfig({ issuer: `http://127.0.0.1:${port}` }) });
    try {
      const { res } = await startLogin(down);
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/login?sso_error=provider_unreachable');
      expect(cookieOf(res, 'rushes_oidc_state')).toBeUndefined();
    } finally {
      await down.close();
    }
  });
});
