import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenService } from '../../platform/auth/token-service.ts';
import { bearer, createPerson, personWithToken } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { BROWSER_UA, cookieOf, GAZU_UA, gazuLoginBody, postLogin } from './auth.test-support.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const get = (url: string, headers: Record<string, string> = {}, cookies?: Record<string, string>) =>
  ctx.app.inject({ method: 'GET', url, headers: { 'user-agent': GAZU_UA, ...headers }, ...(cookies ? { cookies } : {}) });

async function loginTokens(userAgent = GAZU_UA) {
  const person = await createPerson(ctx);
  const res = await postLogin(ctx, gazuLoginBody(person.email), { userAgent });
  expect(res.statusCode).toBe(200);
  return { person, res, access: res.json().access_token as string, refresh: res.json().refresh_token as string };
}

const signingKey = () => new TextEncoder().encode(ctx.config.jwtSecret);

describe('GET /api/auth/authenticated', () => {
  it('answers for bots too', async () => {
    const bot = await createPerson(ctx, { isBot: true });
    const token = await ctx.deps.tokens.issueApiToken({ id: bot.id, is_bot: true, expiration_date: null });
    const res = await get('/api/auth/authenticated', bearer(token));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ authenticated: true, user: { id: bot.id, is_bot: true }, organisation: { type: 'Organisation' } });
  });

  it('answers 401 without a token, 422 for a garbage one', async () => {
    const missing = await get('/api/auth/authenticated');
    expect(missing.statusCode).toBe(401);
    expect(missing.json().msg).toMatch(/^Missing JWT/);
    const garbage = await get('/api/auth/authenticated', bearer('not.a.jwt'));
    expect(garbage.statusCode).toBe(422);
    expect(garbage.json()).toHaveProperty('msg');
  });

  it('answers 422 for a token signed with another secret', async () => {
    const person = await createPerson(ctx);
    const forged = await new SignJWT({ sid: randomUUID(), type: 'access', identity_type: 'person' })
      .setProtectedHeader({ alg: 'HS256' }).setSubject(person.id).setJti(randomUUID()).setIssuedAt().setExpirationTime('1h')
      .sign(new TextEncoder().encode('some-other-secret'));
    expect((await get('/api/auth/authenticated', bearer(forged))).statusCode).toBe(422);
  });

  it('answers an expired token with 401 "Signature has expired", which triggers Gazu\'s refresh', async () => {
    const person = await createPerson(ctx);
    const shortLived = new TokenService(ctx.db, signingKey(), { accessTokenTtl: -10, refreshTokenTtl: 3600, browserAccessTokenTtl: -10 });
    const { access_token } = await shortLived.issueLoginTokens(person.id, 'script');
    const res = await get('/api/auth/authenticated', bearer(access_token));
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: true, message: 'Signature has expired' });
  });

  it("refuses a deactivated person's token with 401, and the session stays dead after reactivation", async () => {
    const person = await personWithToken(ctx);
    expect((await get('/api/auth/authenticated', bearer(person.token))).statusCode).toBe(200);
    await ctx.db.updateTable('person').set({ active: false }).where('id', '=', person.id).execute();
    const res = await get('/api/auth/authenticated', bearer(person.token));
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: true, message: 'User is unactive, he cannot log in.' });
    await ctx.db.updateTable('person').set({ active: true }).where('id', '=', person.id).execute();
    expect((await get('/api/auth/authenticated', bearer(person.token))).statusCode).toBe(401);
  });
});

describe('GET /api/auth/refresh-token', () => {
  it('gives a script a new access token that works', async () => {
    const { person, refresh } = await loginTokens();
    const res = await get('/api/auth/refresh-token', bearer(refresh));
    expect(res.statusCode).toBe(200);
    const { access_token } = res.json();
    expect(Object.keys(res.json())).toEqual(['access_token']);
    const me = await get('/api/auth/authenticated', bearer(access_token));
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(person.id);
  });

  it('refuses an access token with 422 "Only refresh tokens are allowed"', async () => {
    const { access } = await loginTokens();
    const res = await get('/api/auth/refresh-token', bearer(access));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({ msg: 'Only refresh tokens are allowed' });
  });

  it('refuses a missing token with 401, and a refresh token on other routes with 422', async () => {
    expect((await get('/api/auth/refresh-token')).statusCode).toBe(401);
    const { refresh } = await loginTokens();
    expect((await get('/api/auth/authenticated', bearer(refresh))).statusCode).toBe(422);
  });

  it('refreshes a browser from its refresh cookie: {refresh: true} and a new access cookie', async () => {
    const { res: login } = await loginTokens(BROWSER_UA);
    const refreshCookie = cookieOf(login, 'refresh_token_cookie')!;
    const res = await get('/api/auth/refresh-token', { 'user-agent': BROWSER_UA }, { refresh_token_cookie: refreshCookie.value });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ refresh: true });
    const access = cookieOf(res, 'access_token_cookie');
    expect(access).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax' });
    const me = await get('/api/auth/authenticated', { 'user-agent': BROWSER_UA }, { access_token_cookie: access!.value });
    expect(me.statusCode).toBe(200);
  });

  it("refuses the refresh token of a deactivated person", async () => {
    const { person, refresh } = await loginTokens();
    await ctx.db.updateTable('person').set({ active: false }).where('id', '=', person.id).execute();
    const res = await get('/api/auth/refresh-token', bearer(refresh));
    expect(res.statusCode).toBe(401);
  });
});

describe('GET /api/auth/logout', () => {
  it('kills the access and the refresh token at once', async () => {
    const { access, refresh } = await loginTokens();
    const res = await get('/api/auth/logout', bearer(access));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ logout: true });

    const again = await get('/api/auth/authenticated', bearer(access));
    expect(again.statusCode).toBe(401);
    expect(again.json()).toEqual({ msg: 'Token has been revoked' });
    expect((await get('/api/auth/refresh-token', bearer(refresh))).statusCode).toBe(401);
  });

  it('ends only the session it is called with', async () => {
    const { person, access } = await loginTokens();
    const other = await postLogin(ctx, gazuLoginBody(person.email));
    await get('/api/auth/logout', bearer(access));
    expect((await get('/api/auth/authenticated', bearer(other.json().access_token))).statusCode).toBe(200);
  });

  it('clears the cookies of a browser', async () => {
    const { res: login } = await loginTokens(BROWSER_UA);
    const access = cookieOf(login, 'access_token_cookie')!;
    const res = await get('/api/auth/logout', { 'user-agent': BROWSER_UA }, { access_token_cookie: access.value });
    expect(res.statusCode).toBe(200);
    expect(cookieOf(res, 'access_token_cookie')).toMatchObject({ value: '', path: '/' });
    expect(cookieOf(res, 'refresh_token_cookie')).toMatchObject({ value: '', path: '/api/auth/refresh-token' });
    const me = await get('/api/auth/authenticated', { 'user-agent': BROWSER_UA }, { access_token_cookie: access.value });
    expect(me.statusCode).toBe(401);
  });

  it('is forbidden to bots', async () => {
    const bot = await createPerson(ctx, { isBot: true });
    const token = await ctx.deps.tokens.issueApiToken({ id: bot.id, is_bot: true, expiration_date: null });
    expect((await get('/api/auth/logout', bearer(token))).statusCode).toBe(403);
  });
});
