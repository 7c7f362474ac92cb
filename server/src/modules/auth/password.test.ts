import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createPerson, DEFAULT_PASSWORD, personWithToken, tokenFor } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { ACCOUNT_RULE } from './login-throttle.service.ts';
import { freshIp, gazuLoginBody, postLogin } from './auth.test-support.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const NEW_PASSWORD = 'a-brand-new-passphrase';

const authenticated = async (token: string) =>
  (await ctx.app.inject({ method: 'GET', url: '/api/auth/authenticated', headers: bearer(token) })).statusCode;

function changeOwn(token: string, body: Record<string, unknown>, ip = freshIp()) {
  return ctx.app.inject({ method: 'POST', url: '/api/auth/change-password', headers: bearer(token), payload: body, remoteAddress: ip });
}

function adminSet(token: string, personId: string, body: Record<string, unknown>) {
  return ctx.app.inject({ method: 'POST', url: `/api/actions/persons/${personId}/change-password`, headers: bearer(token), payload: body });
}

describe('POST /api/auth/change-password', () => {
  it.each([
    [{ old_password: 'not-it', password: NEW_PASSWORD, password_2: NEW_PASSWORD }, 'Old password is wrong.'],
    [{ old_password: DEFAULT_PASSWORD, password: NEW_PASSWORD, password_2: 'something-else' }, "Confirmation password doesn't match."],
    [{ old_password: DEFAULT_PASSWORD, password: 'short', password_2: 'short' }, 'Password is too short.'],
  ])('refuses %o with "%s"', async (body, message) => {
    const person = await personWithToken(ctx);
    const res = await changeOwn(person.token, body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: true, message });
    expect((await postLogin(ctx, gazuLoginBody(person.email))).statusCode).toBe(200); // password unchanged
  });

  it('changes the password, ends the other sessions and keeps the current one', async () => {
    const person = await createPerson(ctx);
    const current = await tokenFor(ctx, person);
    const other = await tokenFor(ctx, person);
    const res = await changeOwn(current, { old_password: DEFAULT_PASSWORD, password: NEW_PASSWORD, password_2: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ success: true });

    expect(await authenticated(current)).toBe(200);
    expect(await authenticated(other)).toBe(401);
    expect((await postLogin(ctx, gazuLoginBody(person.email))).statusCode).toBe(400);
    expect((await postLogin(ctx, gazuLoginBody(person.email, NEW_PASSWORD))).statusCode).toBe(200);
  });

  it('throttles guesses of the old password like failed logins', async () => {
    const person = await personWithToken(ctx);
    const ip = freshIp();
    for (let i = 0; i < ACCOUNT_RULE.limit; i += 1) {
      const res = await changeOwn(person.token, { old_password: `guess-${i}`, password: NEW_PASSWORD, password_2: NEW_PASSWORD }, ip);
      expect(res.json().message).toBe('Old password is wrong.');
    }
    const res = await changeOwn(person.token, { old_password: DEFAULT_PASSWORD, password: NEW_PASSWORD, password_2: NEW_PASSWORD }, ip);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: true, message: 'Too many failed login attempts.' });
  });

  it('is forbidden to bots', async () => {
    const bot = await createPerson(ctx, { isBot: true });
    const token = await ctx.deps.tokens.issueApiToken({ id: bot.id, is_bot: true, expiration_date: null });
    const res = await changeOwn(token, { old_password: 'x', password: NEW_PASSWORD, password_2: NEW_PASSWORD });
    expect(res.statusCode).toBe(403);
  });
});

describe('POST /api/actions/persons/:id/change-password', () => {
  it("lets an admin set someone's password and ends all of that person's sessions", async () => {
    const admin = await personWithToken(ctx, 'admin');
    const target = await personWithToken(ctx);
    const res = await adminSet(admin.token, target.id, { password: NEW_PASSWORD, password_2: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ success: true });
    expect(await authenticated(target.token)).toBe(401);
    expect(await authenticated(admin.token)).toBe(200);
    expect((await postLogin(ctx, gazuLoginBody(target.email, NEW_PASSWORD))).statusCode).toBe(200);
  });

  it('is forbidden to non-admins, even managers', async () => {
    const target = await createPerson(ctx);
    for (const role of ['manager', 'user'] as const) {
      const caller = await personWithToken(ctx, role);
      const res = await adminSet(caller.token, target.id, { password: NEW_PASSWORD, password_2: NEW_PASSWORD });
      expect(res.statusCode).toBe(403);
    }
    expect((await postLogin(ctx, gazuLoginBody(target.email))).statusCode).toBe(200);
  });

  it('refuses bots as targets, checks the new password, and answers 404 for unknown people', async () => {
    const admin = await personWithToken(ctx, 'admin');
    const bot = await createPerson(ctx, { isBot: true });
    expect((await adminSet(admin.token, bot.id, { password: NEW_PASSWORD, password_2: NEW_PASSWORD })).statusCode).toBe(400);
    const target = await createPerson(ctx);
    const short = await adminSet(admin.token, target.id, { password: 'short', password_2: 'short' });
    expect(short.json()).toEqual({ error: true, message: 'Password is too short.' });
    expect((await adminSet(admin.token, randomUUID(), { password: NEW_PASSWORD, password_2: NEW_PASSWORD })).statusCode).toBe(404);
    expect((await adminSet(admin.token, 'not-a-uuid', { password: NEW_PASSWORD, password_2: NEW_PASSWORD })).statusCode).toBe(404);
  });
});

describe('reset-password without mail settings', () => {
  it('answers the same for known and unknown emails, and an invitation succeeds, without sending anything or failing', async () => {
    const person = await createPerson(ctx);
    for (const email of [person.email, 'nobody@studio.test']) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { email } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ success: 'Reset token sent' });
    }
    const admin = await personWithToken(ctx, 'admin');
    const invite = await ctx.app.inject({ method: 'GET', url: `/api/actions/persons/${person.id}/invite`, headers: bearer(admin.token) });
    expect(invite.json()).toEqual({ success: true, message: 'Email sent' });
    await ctx.deps.mailer.settled();
    // No link could be mailed, so no token was issued either.
    expect(await ctx.db.selectFrom('password_token').select('person_id').where('person_id', '=', person.id).execute()).toEqual([]);
  });
});
