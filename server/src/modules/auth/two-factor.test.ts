import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createPerson, personWithToken } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { freshIp, gazuLoginBody, postLogin } from './auth.test-support.ts';
import { enrolTotp, totpCode } from './two-factor.test-support.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, token: string, payload?: Record<string, unknown>) =>
  ctx.app.inject({ method, url: `/api${url}`, headers: bearer(token), ...(payload ? { payload } : {}) });

const personRow = (id: string) => ctx.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('TOTP enrolment: PUT and POST auth/totp', () => {
  it('hands out a pending secret that changes nothing until a code from it is confirmed', async () => {
    const person = await personWithToken(ctx);
    const res = await call('PUT', '/auth/totp', person.token);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['otp_secret', 'totp_provisionning_uri']);
    expect(body.otp_secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.totp_provisionning_uri).toContain(`secret=${body.otp_secret}`);
    expect(body.totp_provisionning_uri).toMatch(/^otpauth:\/\/totp\/Rushes:/);
    expect((await personRow(person.id)).totp_enabled).toBe(false);
    expect((await postLogin(ctx, gazuLoginBody(person.email))).statusCode).toBe(200);
  });

  it('refuses a wrong code, then enables with a right one: 16 single-set recovery codes and working tokens', async () => {
    const person = await personWithToken(ctx);
    const secret = (await call('PUT', '/auth/totp', person.token)).json().otp_secret as string;
    const wrong = await call('POST', '/auth/totp', person.token, { totp: totpCode(secret, 300) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: true, wrong_OTP: true });
    expect((await personRow(person.id)).totp_enabled).toBe(false);

    const res = await call('POST', '/auth/totp', person.token, { totp: totpCode(secret) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.otp_recovery_codes).toHaveLength(16);
    for (const code of body.otp_recovery_codes) expect(code).toMatch(/^[A-Z0-9]{10}$/);
    expect(new Set(body.otp_recovery_codes).size).toBe(16);
    const me = await call('GET', '/auth/authenticated', body.access_token);
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ id: person.id, totp_enabled: true, preferred_two_factor_authentication: 'totp' });

    // Stored hashed: no code and no digest of the wire form in the table.
    const stored = await ctx.db.selectFrom('person_recovery_code').select('code_hash').where('person_id', '=', person.id).execute();
    expect(stored).toHaveLength(16);
    for (const row of stored) for (const code of body.otp_recovery_codes) expect(row.code_hash).not.toContain(code);

    const again = await call('PUT', '/auth/totp', person.token);
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toBe('TOTP is already enabled.');
  });

  it('says what to do when there is no pending secret, and validates the body', async () => {
    const person = await personWithToken(ctx);
    const none = await call('POST', '/auth/totp', person.token, { totp: '123456' });
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toMatch(/PUT auth\/totp first/);
    const empty = await call('POST', '/auth/totp', person.token, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toBe(true);
  });

  it('keeps recovery codes the person still has (null) when TOTP is enabled again', async () => {
    const person = await personWithToken(ctx);
    const first = await enrolTotp(ctx, person.token);
    // Turn TOTP off behind the API's back but keep the codes, as another method would.
    await ctx.db.updateTable('person_two_factor').set({ totp_secret: null }).where('person_id', '=', person.id).execute();
    const secret = (await call('PUT', '/auth/totp', first.accessToken)).json().otp_secret as string;
    const res = await call('POST', '/auth/totp', first.accessToken, { totp: totpCode(secret) });
    expect(res.statusCode).toBe(200);
    expect(res.json().otp_recovery_codes).toBeNull();
  });

  it('refuses bots and API tokens on every 2FA route (403)', async () => {
    const bot = await createPerson(ctx, { isBot: true });
    const botToken = await ctx.deps.tokens.issueApiToken({ id: bot.id, is_bot: true, expiration_date: null });
    for (const [method, url] of [['PUT', '/auth/totp'], ['POST', '/auth/totp'], ['DELETE', '/auth/totp'], ['PUT', '/auth/recovery-codes']] as const) {
      const res = await call(method, url, botToken, method === 'PUT' && url === '/auth/totp' ? undefined : { totp: '123456' });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });
});

describe('POST auth/login with TOTP enabled', () => {
  it('asks for the code (missing_OTP), refuses a wrong one (wrong_OTP, counted) and accepts a right one', async () => {
    const person = await personWithToken(ctx);
    const { secret } = await enrolTotp(ctx, person.token, -30);

    const missing = await postLogin(ctx, gazuLoginBody(person.email));
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual({
      error: true, login: false, missing_OTP: true,
      preferred_two_factor_authentication: 'totp', two_factor_authentication_enabled: ['recovery_code', 'totp'],
    });
    expect(missing.json()).not.toHaveProperty('access_token');

    const wrong = await postLogin(ctx, { ...gazuLoginBody(person.email), totp: totpCode(secret, 600) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toEqual({ error: true, login: false, wrong_OTP: true });
    expect((await personRow(person.id)).login_failed_attemps).toBe(1);

    const ok = await postLogin(ctx, { ...gazuLoginBody(person.email), totp: totpCode(secret) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ login: true, user: { id: person.id } });
    expect((await personRow(person.id)).login_failed_attemps).toBe(0);
  });

  it('a wrong password with a right code is still a plain failed login', async () => {
    const person = await personWithToken(ctx);
    const { secret } = await enrolTotp(ctx, person.token, -30);
    const res = await postLogin(ctx, { ...gazuLoginBody(person.email, 'not-the-password'), totp: totpCode(secret) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ login: false });
  });

  it('accepts one time step of drift either way, not two, and never the same or an older step again', async () => {
    const person = await personWithToken(ctx);
    const { secret } = await enrolTotp(ctx, person.token, -30); // step s-1 used by the enrolment
    const login = (offset: number) => postLogin(ctx, { ...gazuLoginBody(person.email), totp: totpCode(secret, offset) });
    expect((await login(60)).statusCode).toBe(400); // s+2: outside the window
    expect((await login(30)).statusCode).toBe(200); // s+1: phone a little ahead
    expect((await login(0)).json()).toEqual({ error: true, login: false, wrong_OTP: true }); // s: older than s+1
    expect((await login(30)).statusCode).toBe(400); // s+1 replayed
  });

  it('refuses a replayed code even when two logins race with it', async () => {
    const person = await personWithToken(ctx);
    const { secret } = await enrolTotp(ctx, person.token, -30);
    const code = totpCode(secret);
    const results = await Promise.all([0, 1, 2].map(() => postLogin(ctx, { ...gazuLoginBody(person.email), totp: code })));
    expect(results.map((res) => res.statusCode).sort()).toEqual([200, 400, 400]);
  });

  it('accepts each recovery code once, typed in lower case or with a dash', async () => {
    const person = await personWithToken(ctx);
    const { codes } = await enrolTotp(ctx, person.token);
    const withCode = (recovery_code: string) => postLogin(ctx, { ...gazuLoginBody(person.email), recovery_code });
    expect((await withCode(codes[0]!)).statusCode).toBe(200);
    expect((await withCode(codes[0]!)).json()).toEqual({ error: true, login: false, wrong_OTP: true });
    const typed = `${codes[1]!.slice(0, 5).toLowerCase()}-${codes[1]!.slice(5)}`;
    expect((await withCode(typed)).statusCode).toBe(200);
    expect((await withCode('ZZZZZZZZZZ')).statusCode).toBe(400);
    const used = await ctx.db.selectFrom('person_recovery_code').select('id').where('person_id', '=', person.id).where('used_at', 'is not', null).execute();
    expect(used).toHaveLength(2);
  });

  it('never blocks a right password with a valid code, but a blocked caller learns nothing less', async () => {
    const person = await personWithToken(ctx);
    const { secret } = await enrolTotp(ctx, person.token, -30);
    const ip = freshIp();
    for (let i = 0; i < 5; i += 1) await postLogin(ctx, gazuLoginBody(person.email, `wrong-${i}`), { ip });
    expect((await postLogin(ctx, gazuLoginBody(person.email), { ip })).statusCode).toBe(429);
    expect((await postLogin(ctx, { ...gazuLoginBody(person.email), totp: totpCode(secret, 900) }, { ip })).statusCode).toBe(429);
    expect((await postLogin(ctx, { ...gazuLoginBody(person.email, 'guess'), totp: totpCode(secret) }, { ip })).statusCode).toBe(429);
    const ok = await postLogin(ctx, { ...gazuLoginBody(person.email), totp: totpCode(secret) }, { ip });
    expect(ok.statusCode).toBe(200);
  });

  it('counts wrong codes as failed logins: five of them block the account from that address', async () => {
    const person = await personWithToken(ctx);
    const { secret } = await enrolTotp(ctx, person.token, -30);
    const ip = freshIp();
    for (let i = 0; i < 5; i += 1) {
      const res = await postLogin(ctx, { ...gazuLoginBody(person.email), totp: totpCode(secret, 3600 + i * 60) }, { ip });
      expect(res.statusCode).toBe(400);
    }
    expect((await postLogin(ctx, gazuLoginBody(person.email), { ip })).statusCode).toBe(429);
  });
});

describe('DELETE auth/totp and PUT auth/recovery-codes', () => {
  it('disables only with a code: missing 400, wrong 400, recovery code 200; then login needs no code', async () => {
    const person = await personWithToken(ctx);
    const { codes, accessToken } = await enrolTotp(ctx, person.token);
    const missing = await call('DELETE', '/auth/totp', accessToken, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: true, missing_OTP: true });
    const wrong = await call('DELETE', '/auth/totp', accessToken, { recovery_code: 'AAAAAAAAAA' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: true, wrong_OTP: true });
    const ok = await call('DELETE', '/auth/totp', accessToken, { recovery_code: codes[3] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ success: true });
    const row = await personRow(person.id);
    expect(row).toMatchObject({ totp_enabled: false, preferred_two_factor_authentication: null });
    const left = await ctx.db.selectFrom('person_recovery_code').select('id').where('person_id', '=', person.id).execute();
    expect(left).toHaveLength(0);
    expect((await postLogin(ctx, gazuLoginBody(person.email))).statusCode).toBe(200);
    expect((await call('DELETE', '/auth/totp', accessToken, { totp: '123456' })).json().message).toBe('TOTP is not enabled.');
  });

  it('disables with a current TOTP code', async () => {
    const person = await personWithToken(ctx);
    const { secret, accessToken } = await enrolTotp(ctx, person.token, -30);
    expect((await call('DELETE', '/auth/totp', accessToken, { totp: totpCode(secret) })).statusCode).toBe(200);
  });

  it('regenerates 16 new codes with a valid second factor; the old ones stop working', async () => {
    const person = await personWithToken(ctx);
    const { secret, codes, accessToken } = await enrolTotp(ctx, person.token, -30);
    expect((await call('PUT', '/auth/recovery-codes', accessToken, {})).statusCode).toBe(400);
    expect((await call('PUT', '/auth/recovery-codes', accessToken, { totp: totpCode(secret, 900) })).statusCode).toBe(400);
    const res = await call('PUT', '/auth/recovery-codes', accessToken, { totp: totpCode(secret) });
    expect(res.statusCode).toBe(200);
    const fresh = res.json().otp_recovery_codes as string[];
    expect(fresh).toHaveLength(16);
    expect(fresh.filter((code) => codes.includes(code))).toEqual([]);
    expect((await postLogin(ctx, { ...gazuLoginBody(person.email), recovery_code: codes[0] })).statusCode).toBe(400);
    expect((await postLogin(ctx, { ...gazuLoginBody(person.email), recovery_code: fresh[0] })).statusCode).toBe(200);
  });

  it('throttles wrong codes on the management routes like failed logins', async () => {
    const person = await personWithToken(ctx);
    const { accessToken } = await enrolTotp(ctx, person.token);
    const ip = freshIp();
    const attempt = () => ctx.app.inject({
      method: 'PUT', url: '/api/auth/recovery-codes', headers: bearer(accessToken), remoteAddress: ip, payload: { totp: '000000' },
    });
    for (let i = 0; i < 5; i += 1) expect((await attempt()).statusCode).toBe(400);
    expect((await attempt()).statusCode).toBe(429);
  });
});

describe('secrets never leave the server', () => {
  it('no TOTP secret, recovery code or hash in login, auth/authenticated, or the persons lists an admin reads', async () => {
    const person = await personWithToken(ctx);
    const { secret, codes } = await enrolTotp(ctx, person.token, -30);
    const hashes = (await ctx.db.selectFrom('person_recovery_code').select('code_hash').where('person_id', '=', person.id).execute()).map((row) => row.code_hash);
    const admin = await personWithToken(ctx, 'admin');
    const login = await postLogin(ctx, { ...gazuLoginBody(person.email), totp: totpCode(secret) });
    const answers = [
      login,
      await call('GET', '/auth/authenticated', login.json().access_token),
      await call('GET', '/data/persons', admin.token),
      await call('GET', `/data/persons/${person.id}`, admin.token),
      await call('GET', '/data/persons?page=1', admin.token),
      await call('GET', `/data/persons?id=${person.id}`, admin.token),
    ];
    for (const answer of answers) {
      expect(answer.statusCode).toBe(200);
      const text = answer.body;
      expect(text).toContain(person.id);
      expect(text).not.toContain(secret);
      for (const code of codes) expect(text).not.toContain(code);
      for (const hash of hashes) expect(text).not.toContain(hash.split('$')[2]!);
      expect(text).not.toMatch(/totp_secret|otp_recovery_codes|totp_last_step|pending_secret/);
    }
  });

  it('a person cannot claim 2FA through PUT data/persons (the flags follow auth/totp only)', async () => {
    const person = await personWithToken(ctx);
    const res = await call('PUT', `/data/persons/${person.id}`, person.token, { totp_enabled: true, preferred_two_factor_authentication: 'totp' });
    expect(res.statusCode).toBe(200);
    expect(await personRow(person.id)).toMatchObject({ totp_enabled: false, preferred_two_factor_authentication: null });
  });
});

describe('admin reset: DELETE actions/persons/<id>/disable-two-factor-authentication', () => {
  it('turns a locked-out person\'s 2FA off and ends their sessions; Gazu\'s path does the same', async () => {
    const admin = await personWithToken(ctx, 'admin');
    for (const url of ['/actions/persons/:id/disable-two-factor-authentication', '/data/persons/:id/two-factor-authentication']) {
      const person = await personWithToken(ctx);
      const { accessToken } = await enrolTotp(ctx, person.token);
      const res = await call('DELETE', url.replace(':id', person.id), admin.token);
      expect(res.statusCode, url).toBe(200);
      expect(res.json()).toEqual({ success: true });
      expect((await call('GET', '/auth/authenticated', accessToken)).statusCode).toBe(401);
      expect((await postLogin(ctx, gazuLoginBody(person.email))).statusCode).toBe(200);
      expect((await call('DELETE', url.replace(':id', person.id), admin.token)).json().message).toBe('Two factor authentication not enabled for this user.');
    }
  });

  it('is for admins, not for another admin\'s 2FA, and 404 for unknown people', async () => {
    const admin = await personWithToken(ctx, 'admin');
    const otherAdmin = await personWithToken(ctx, 'admin');
    await enrolTotp(ctx, otherAdmin.token);
    const manager = await personWithToken(ctx, 'manager');
    const person = await personWithToken(ctx);
    await enrolTotp(ctx, person.token);
    const url = (id: string) => `/actions/persons/${id}/disable-two-factor-authentication`;
    expect((await call('DELETE', url(person.id), manager.token)).statusCode).toBe(403);
    const refused = await call('DELETE', url(otherAdmin.id), admin.token);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toBe("An admin can't disable 2FA for other admins.");
    expect((await call('DELETE', url('00000000-0000-4000-8000-000000000000'), admin.token)).statusCode).toBe(404);
    expect((await call('DELETE', url('not-a-uuid'), admin.token)).statusCode).toBe(404);
  });
});

describe('enforcement by the organisation switch', () => {
  const setSwitch = (token: string, required: unknown) => call('PUT', '/auth/two-factor-policy', token, { two_factor_authentication_required: required });

  it('only admins with 2FA of their own turn it on; people without 2FA get restricted sessions until they enrol', async () => {
    const admin = await personWithToken(ctx, 'admin');
    const manager = await personWithToken(ctx, 'manager');
    expect((await setSwitch(manager.token, true)).statusCode).toBe(403);
    expect((await setSwitch(admin.token, 'yes please')).statusCode).toBe(400);
    const notYet = await setSwitch(admin.token, true);
    expect(notYet.statusCode).toBe(400);
    expect(notYet.json().message).toMatch(/own account/);
    const { accessToken: adminToken } = await enrolTotp(ctx, admin.token);
    const on = await setSwitch(adminToken, true);
    try {
      expect(on.statusCode).toBe(200);
      expect(on.json()).toEqual({ two_factor_authentication_required: true, enforced_by_server: false });

      const person = await createPerson(ctx);
      const login = await postLogin(ctx, gazuLoginBody(person.email));
      expect(login.statusCode).toBe(200);
      expect(login.json().two_factor_authentication_required).toBe(true);
      const token = login.json().access_token as string;
      expect(decodeJwt(token).requires_2fa_setup).toBe(true);

      const blocked = await call('GET', '/data/projects', token);
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json()).toEqual({
        error: true, two_factor_authentication_required: true,
        message: 'Two-factor authentication setup is required. Please configure 2FA before accessing the API.',
      });
      expect((await call('GET', '/data/persons', token)).statusCode).toBe(403);
      expect((await call('PUT', `/data/persons/${person.id}`, token, { first_name: 'x' })).statusCode).toBe(403);
      const me = await call('GET', '/auth/authenticated', token);
      expect(me.statusCode).toBe(200);
      expect(me.json().two_factor_authentication_required).toBe(true);
      // Sessions opened before the switch are restricted too: the hook decides on every request.
      expect((await call('GET', '/data/projects', manager.token)).statusCode).toBe(403);
      expect((await call('GET', '/data/projects', adminToken)).statusCode).toBe(200);

      const { accessToken } = await enrolTotp(ctx, token);
      expect(decodeJwt(accessToken).requires_2fa_setup).toBeUndefined();
      expect((await call('GET', '/data/projects', accessToken)).statusCode).toBe(200);
      expect((await call('GET', '/data/projects', token)).statusCode).toBe(200);

      // API tokens and bots are not asked.
      const bot = await createPerson(ctx, { isBot: true });
      const botToken = await ctx.deps.tokens.issueApiToken({ id: bot.id, is_bot: true, expiration_date: null });
      expect((await call('GET', '/data/projects', botToken)).statusCode).toBe(200);
      expect((await call('GET', '/auth/two-factor-policy', accessToken)).json().two_factor_authentication_required).toBe(true);

      // A restricted session can still end itself.
      const other = await createPerson(ctx);
      const otherToken = (await postLogin(ctx, gazuLoginBody(other.email))).json().access_token as string;
      const logout = await ctx.app.inject({ method: 'GET', url: '/api/auth/logout', headers: bearer(otherToken) });
      if (logout.statusCode !== 404 && logout.statusCode !== 405) expect(logout.json()).toEqual({ logout: true });
    } finally {
      expect((await setSwitch(adminToken, false)).statusCode).toBe(200);
    }
    expect((await call('GET', '/data/projects', manager.token)).statusCode).toBe(200);
    const audit = await ctx.db.selectFrom('audit_event').select('after').where('object_type', '=', 'organisation').where('actor_id', '=', admin.id).execute();
    expect(audit.map((row) => row.after)).toEqual(
      expect.arrayContaining([{ two_factor_authentication_required: true }, { two_factor_authentication_required: false }]),
    );
  });
});

describe('enforcement by RUSHES_ENFORCE_2FA with exempt emails', () => {
  let env: TestContext;
  const exempt = `breakglass-${Date.now()}@studio.test`;
  beforeAll(async () => {
    env = await createTestContext({ twoFactor: { enforce: true, exemptEmails: [exempt] } });
  });
  afterAll(async () => {
    await env.close();
  });

  it('restricts everyone without 2FA but the exempt emails', async () => {
    const person = await createPerson(env);
    const restricted = await postLogin(env, gazuLoginBody(person.email));
    expect(restricted.json().two_factor_authentication_required).toBe(true);
    expect((await env.app.inject({ method: 'GET', url: '/api/data/projects', headers: bearer(restricted.json().access_token) })).statusCode).toBe(403);

    const breakGlass = await createPerson(env, { role: 'admin', email: exempt.toUpperCase() });
    const free = await postLogin(env, gazuLoginBody(breakGlass.email));
    expect(free.json()).not.toHaveProperty('two_factor_authentication_required');
    expect((await env.app.inject({ method: 'GET', url: '/api/data/projects', headers: bearer(free.json().access_token) })).statusCode).toBe(200);
    const policy = await env.app.inject({ method: 'GET', url: '/api/auth/two-factor-policy', headers: bearer(free.json().access_token) });
    expect(policy.json()).toEqual({ two_factor_authentication_required: false, enforced_by_server: true });
  });
});
