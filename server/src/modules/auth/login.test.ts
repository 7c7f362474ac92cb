import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createPerson, DEFAULT_PASSWORD, uniqueSuffix } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { PERSON_SECRET_FIELDS } from '../persons/person.presenter.ts';
import { BROWSER_UA, cookieOf, freshIp, gazuLoginBody, postLogin } from './auth.test-support.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

async function personRow(id: string) {
  return ctx.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('POST /api/auth/login', () => {
  it('logs a script in with tokens in the body, the safe person and the organisation', async () => {
    const department = await ctx.db
      .insertInto('department')
      .values({ name: `Anim ${uniqueSuffix()}`, color: '#112233' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const person = await createPerson(ctx);
    await ctx.db.insertInto('department_link').values({ person_id: person.id, department_id: department.id }).execute();

    const res = await postLogin(ctx, gazuLoginBody(person.email));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ login: true, access_token: expect.any(String), refresh_token: expect.any(String) });
    expect(body.user).toMatchObject({ id: person.id, email: person.email, type: 'Person', departments: [department.id] });
    for (const secret of PERSON_SECRET_FIELDS) expect(body.user).not.toHaveProperty(secret);
    expect(body.organisation).toMatchObject({ name: 'Rushes', type: 'Organisation' });
    expect(body.organisation).not.toHaveProperty('chat_token_slack');
    expect(res.cookies).toHaveLength(0);

    const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/authenticated', headers: bearer(body.access_token) });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(person.id);
  });

  it('writes a login_log row with the origin and resets the failure counter', async () => {
    const person = await createPerson(ctx);
    const ip = freshIp();
    await postLogin(ctx, gazuLoginBody(person.email, 'wrong-password'), { ip });
    expect((await personRow(person.id)).login_failed_attemps).toBe(1);
    expect((await personRow(person.id)).last_login_failed).not.toBeNull();

    await postLogin(ctx, gazuLoginBody(person.email), { ip });
    await postLogin(ctx, gazuLoginBody(person.email), { ip, userAgent: BROWSER_UA });
    expect((await personRow(person.id)).login_failed_attemps).toBe(0);
    const logs = await ctx.db.selectFrom('login_log').select(['origin', 'ip_address']).where('person_id', '=', person.id).orderBy('created_at').execute();
    expect(logs.map((log) => log.origin).sort()).toEqual(['script', 'web']);
    expect(logs[0]!.ip_address).toBe(ip);
  });

  it('gives admins the organisation chat tokens', async () => {
    const admin = await createPerson(ctx, { role: 'admin' });
    const res = await postLogin(ctx, gazuLoginBody(admin.email));
    expect(res.json().organisation).toHaveProperty('chat_token_slack');
  });

  it('matches the email case-insensitively and accepts the desktop login', async () => {
    const person = await createPerson(ctx);
    const desktopLogin = `jdoe${uniqueSuffix()}`;
    await ctx.db.updateTable('person').set({ desktop_login: desktopLogin }).where('id', '=', person.id).execute();
    expect((await postLogin(ctx, gazuLoginBody(person.email.toUpperCase()))).statusCode).toBe(200);
    const res = await postLogin(ctx, gazuLoginBody(desktopLogin));
    expect(res.statusCode).toBe(200);
    expect(res.json().user.id).toBe(person.id);
  });

  it('answers a wrong password and an unknown email alike: 400 {login: false}', async () => {
    const person = await createPerson(ctx);
    const wrong = await postLogin(ctx, gazuLoginBody(person.email, 'not-the-password'));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toEqual({ login: false });
    const unknown = await postLogin(ctx, gazuLoginBody(`nobody-${uniqueSuffix()}@studio.test`));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual({ login: false });
  });

  it('refuses bots, which have no password', async () => {
    const bot = await createPerson(ctx, { isBot: true });
    const res = await postLogin(ctx, gazuLoginBody(bot.email));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ login: false });
  });

  it('answers a missing or empty email with the validation envelope', async () => {
    for (const body of [{ email: '', password: 'x' }, { password: 'x' }]) {
      const res = await postLogin(ctx, body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: true,
        message: 'Validation error.',
        data: { errors: [{ field: 'email', message: expect.any(String) }] },
      });
    }
  });

  it('refuses an inactive account with 401 only once the password is right', async () => {
    const person = await createPerson(ctx, { active: false });
    const wrong = await postLogin(ctx, gazuLoginBody(person.email, 'not-the-password'));
    expect(wrong.statusCode).toBe(400);
    const res = await postLogin(ctx, gazuLoginBody(person.email));
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: true, login: false, unactive: true, message: 'User is unactive, he cannot log in.' });
  });

  it('accepts form-encoded credentials', async () => {
    const person = await createPerson(ctx);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'python-requests/2.32' },
      payload: new URLSearchParams({ email: person.email, password: DEFAULT_PASSWORD }).toString(),
      remoteAddress: freshIp(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().login).toBe(true);
  });
});

describe('browser sessions', () => {
  it('sets HttpOnly SameSite=Lax cookies for a browser, which alone authenticate it', async () => {
    const person = await createPerson(ctx);
    const res = await postLogin(ctx, gazuLoginBody(person.email), { userAgent: BROWSER_UA });
    expect(res.statusCode).toBe(200);
    const access = cookieOf(res, 'access_token_cookie');
    const refresh = cookieOf(res, 'refresh_token_cookie');
    expect(access).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax' });
    expect(refresh).toMatchObject({ path: '/api/auth/refresh-token', httpOnly: true, sameSite: 'Lax' });
    expect(access!.secure).toBeFalsy(); // plain HTTP here

    const me = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/authenticated',
      headers: { 'user-agent': BROWSER_UA },
      cookies: { access_token_cookie: access!.value },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ authenticated: true, user: { id: person.id, fido_devices: [] } });
  });

  it('gives browser sessions the short access-token lifetime', async () => {
    const person = await createPerson(ctx);
    const res = await postLogin(ctx, gazuLoginBody(person.email), { userAgent: BROWSER_UA });
    const claims = JSON.parse(Buffer.from(res.json().access_token.split('.')[1], 'base64url').toString()) as { exp: number; iat: number };
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(ctx.config.browserAccessTokenTtl + 1);
    const script = await postLogin(ctx, gazuLoginBody(person.email));
    const scriptClaims = JSON.parse(Buffer.from(script.json().access_token.split('.')[1], 'base64url').toString()) as { exp: number; iat: number };
    expect(scriptClaims.exp - scriptClaims.iat).toBeGreaterThanOrEqual(ctx.config.accessTokenTtl - 1);
  });
});

describe('OpenAPI', () => {
  it('documents the auth routes from their contract schemas', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/auth/login', '/api/auth/authenticated', '/api/auth/refresh-token', '/api/auth/logout',
      '/api/auth/change-password', '/api/auth/reset-password', '/api/actions/persons/{person_id}/change-password']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/auth/login'].post.tags).toEqual(['auth']);
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
  });
});
