import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createPerson, DEFAULT_PASSWORD, personWithToken, tokenFor, type TestPerson } from '../../../../test/support/factories.ts';
import { linkIn, startMailbox, type Mailbox } from '../../../../test/support/mailbox.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { freshIp, gazuLoginBody, postLogin } from './auth.test-support.ts';
import { RESET_EMAIL_RULE, RESET_IP_RULE } from './password-reset.service.ts';

const PUBLIC_URL = 'https://rushes.studio.test';
const NEW_PASSWORD = 'a-brand-new-passphrase';

let ctx: TestContext;
let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startMailbox();
  ctx = await createTestContext({ mail: { smtpUrl: mailbox.url, from: 'Rushes <rushes@studio.test>', publicUrl: PUBLIC_URL } });
});
afterAll(async () => {
  await ctx?.close();
  await mailbox?.close();
});

/** POST auth/reset-password, then waits for the background work (lookup, token, SMTP delivery). */
async function requestReset(email: string, ip = freshIp()) {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { email }, remoteAddress: ip });
  await ctx.deps.mailer.settled();
  return res;
}

function putReset(body: { email: string; token: string; password?: string; password2?: string }) {
  return ctx.app.inject({
    method: 'PUT',
    url: '/api/auth/reset-password',
    payload: { password: NEW_PASSWORD, password2: NEW_PASSWORD, ...body },
  });
}

/** The token of the latest mail to this person, read from the link as a user would click it. */
function lastLink(email: string, pathname = '/reset-password'): URL {
  const mails = mailbox.to(email);
  expect(mails.length).toBeGreaterThan(0);
  return linkIn(mails.at(-1)!, pathname);
}
const tokenOf = (link: URL) => link.searchParams.get('token')!;

const loginStatus = async (email: string, password: string) => (await postLogin(ctx, gazuLoginBody(email, password))).statusCode;

describe('POST /api/auth/reset-password', () => {
  it('answers the same for known and unknown emails, and mails only the known person a link to the web app', async () => {
    const person = await createPerson(ctx);
    const unknown = 'nobody-here@studio.test';
    const known = await requestReset(person.email.toUpperCase());
    const missing = await requestReset(unknown);
    for (const res of [known, missing]) {
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ success: 'Reset token sent' });
    }
    expect(mailbox.to(unknown)).toHaveLength(0);
    const mails = mailbox.to(person.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.from).toBe('rushes@studio.test');
    expect(mails[0]!.subject).toBe('Reset your Rushes password');
    expect(mails[0]!.raw).toMatch(/content-type: text\/html/i);

    const link = lastLink(person.email);
    expect(link.origin).toBe(PUBLIC_URL);
    expect(link.searchParams.get('email')).toBe(person.email);
    expect(tokenOf(link)).toMatch(/^[0-9a-f]{64}$/);
    // Stored as a digest only: the database never holds a usable link.
    const row = await ctx.db.selectFrom('password_token').selectAll().where('person_id', '=', person.id).executeTakeFirstOrThrow();
    expect(row.kind).toBe('reset');
    expect(row.token_hash).toBe(createHash('sha256').update(tokenOf(link)).digest('hex'));
    expect(row.token_hash).not.toBe(tokenOf(link));
  });

  it('mails nobody for inactive people and bots', async () => {
    const inactive = await createPerson(ctx, { active: false });
    const bot = await createPerson(ctx, { isBot: true });
    for (const person of [inactive, bot]) {
      const res = await requestReset(person.email);
      expect(res.json()).toEqual({ success: 'Reset token sent' });
      expect(mailbox.to(person.email)).toHaveLength(0);
    }
  });

  it('stops mailing one address past the per-email limit, still answering the same', async () => {
    const person = await createPerson(ctx);
    for (let i = 0; i < RESET_EMAIL_RULE.limit + 2; i += 1) {
      const res = await requestReset(person.email);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ success: 'Reset token sent' });
    }
    expect(mailbox.to(person.email)).toHaveLength(RESET_EMAIL_RULE.limit);
  });

  it('answers 429 to an address past the per-address limit, whatever the emails', async () => {
    const ip = freshIp();
    for (let i = 0; i < RESET_IP_RULE.limit; i += 1) {
      expect((await requestReset(`spray-${i}@studio.test`, ip)).statusCode).toBe(200);
    }
    const res = await requestReset('spray-last@studio.test', ip);
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json()).toMatchObject({ error: true });
    expect((await requestReset('spray-last@studio.test')).statusCode).toBe(200); // another address
  });
});

describe('PUT /api/auth/reset-password', () => {
  async function personWithLink(): Promise<{ person: TestPerson; token: string }> {
    const person = await createPerson(ctx);
    await requestReset(person.email);
    return { person, token: tokenOf(lastLink(person.email)) };
  }

  it('sets the password once: the token is spent, sessions end, failure counters reset, an audit row is written', async () => {
    const { person, token } = await personWithLink();
    const session = await tokenFor(ctx, person);
    await ctx.db.updateTable('person').set({ login_failed_attemps: 3 }).where('id', '=', person.id).execute();

    const res = await putReset({ email: person.email, token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ success: true });

    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/authenticated', headers: bearer(session) })).statusCode).toBe(401);
    const row = await ctx.db.selectFrom('person').select('login_failed_attemps').where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(row.login_failed_attemps).toBe(0);
    const audit = await ctx.db.selectFrom('audit_event').select(['action', 'actor_id']).where('object_id', '=', person.id).execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'reset-password', actor_id: person.id }]));

    expect(await loginStatus(person.email, DEFAULT_PASSWORD)).toBe(400);
    expect(await loginStatus(person.email, NEW_PASSWORD)).toBe(200);

    const again = await putReset({ email: person.email, token, password: 'yet-another-one', password2: 'yet-another-one' });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toEqual({ error: true, message: 'Wrong or expired token.' });
    expect(await loginStatus(person.email, NEW_PASSWORD)).toBe(200);
  });

  it('lets exactly one of two concurrent requests spend a token', async () => {
    const { person, token } = await personWithLink();
    const passwords = ['first-passphrase', 'second-passphrase'];
    const results = await Promise.all(passwords.map((password) => putReset({ email: person.email, token, password, password2: password })));
    expect(results.map((res) => res.statusCode).sort()).toEqual([200, 400]);
    const winner = passwords[results.findIndex((res) => res.statusCode === 200)]!;
    expect(await loginStatus(person.email, winner)).toBe(200);
  });

  it('refuses an expired token', async () => {
    const { person, token } = await personWithLink();
    await sql`UPDATE password_token SET expires_at = utc_now() - interval '1 minute' WHERE person_id = ${person.id}`.execute(ctx.db);
    const res = await putReset({ email: person.email, token });
    expect(res.json()).toEqual({ error: true, message: 'Wrong or expired token.' });
    expect(await loginStatus(person.email, DEFAULT_PASSWORD)).toBe(200);
  });

  it('honours only the newest link when several were asked for', async () => {
    const { person, token: first } = await personWithLink();
    await requestReset(person.email);
    const second = tokenOf(lastLink(person.email));
    expect(second).not.toBe(first);
    expect((await putReset({ email: person.email, token: first })).json()).toEqual({ error: true, message: 'Wrong or expired token.' });
    expect((await putReset({ email: person.email, token: second })).json()).toEqual({ success: true });
  });

  it("refuses a token presented with another person's email, and leaves it usable by its owner", async () => {
    const { person, token } = await personWithLink();
    const other = await createPerson(ctx);
    for (const email of [other.email, 'nobody-at-all@studio.test']) {
      expect((await putReset({ email, token })).json()).toEqual({ error: true, message: 'Wrong or expired token.' });
    }
    expect(await loginStatus(other.email, DEFAULT_PASSWORD)).toBe(200);
    expect((await putReset({ email: person.email, token })).json()).toEqual({ success: true });
  });

  it('applies the password rules of change-password before spending the token', async () => {
    const { person, token } = await personWithLink();
    const mismatch = await putReset({ email: person.email, token, password: NEW_PASSWORD, password2: 'something-else' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toEqual({ error: true, message: "Confirmation password doesn't match." });
    const short = await putReset({ email: person.email, token, password: 'short', password2: 'short' });
    expect(short.json()).toEqual({ error: true, message: 'Password is too short.' });
    expect((await putReset({ email: person.email, token })).json()).toEqual({ success: true });
  });

  it('refuses a token of a person deactivated since the mail', async () => {
    const { person, token } = await personWithLink();
    await ctx.db.updateTable('person').set({ active: false }).where('id', '=', person.id).execute();
    expect((await putReset({ email: person.email, token })).json()).toEqual({ error: true, message: 'Wrong or expired token.' });
  });

  it('answers 400, never 500, to malformed bodies', async () => {
    for (const payload of [{}, { email: 'a@b.c' }, { email: 1, token: [], password: null, password2: 'x' }]) {
      const res = await ctx.app.inject({ method: 'PUT', url: '/api/auth/reset-password', payload });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: true });
    }
  });
});

describe('GET /api/actions/persons/:id/invite', () => {
  const invite = (token: string, personId: string) =>
    ctx.app.inject({ method: 'GET', url: `/api/actions/persons/${personId}/invite`, headers: bearer(token) });

  it('lets an admin mail a person a link that sets their password through the same token path', async () => {
    const admin = await personWithToken(ctx, 'admin');
    const person = await createPerson(ctx, { firstName: 'Iris' });
    const res = await invite(admin.token, person.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ success: true, message: 'Email sent' });
    await ctx.deps.mailer.settled();

    const mail = mailbox.to(person.email).at(-1)!;
    expect(mail.subject).toBe('You are invited to Rushes');
    expect(mail.text).toContain('Hello Iris,');
    const link = linkIn(mail, '/invitation');
    expect(link.origin).toBe(PUBLIC_URL);
    const row = await ctx.db.selectFrom('password_token').select(['kind', sql<boolean>`expires_at > utc_now() + interval '6 days'`.as('week')]).where('person_id', '=', person.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: 'invitation', week: true });

    expect((await putReset({ email: link.searchParams.get('email')!, token: tokenOf(link) })).json()).toEqual({ success: true });
    expect(await loginStatus(person.email, NEW_PASSWORD)).toBe(200);
    const audit = await ctx.db.selectFrom('audit_event').select(['action', 'actor_id']).where('object_id', '=', person.id).orderBy('created_at').execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'invite', actor_id: admin.id }, { action: 'accept-invitation', actor_id: person.id }]));
  });

  it('is forbidden to non-admins, even managers, and sends nothing', async () => {
    const person = await createPerson(ctx);
    for (const role of ['manager', 'user'] as const) {
      const caller = await personWithToken(ctx, role);
      expect((await invite(caller.token, person.id)).statusCode).toBe(403);
    }
    await ctx.deps.mailer.settled();
    expect(mailbox.to(person.email)).toHaveLength(0);
  });

  it('refuses bots and inactive people with a 400, and answers 404 for unknown ids', async () => {
    const admin = await personWithToken(ctx, 'admin');
    const bot = await createPerson(ctx, { isBot: true });
    const inactive = await createPerson(ctx, { active: false });
    const botRes = await invite(admin.token, bot.id);
    expect(botRes.statusCode).toBe(400);
    expect(botRes.json()).toMatchObject({ error: true, message: 'Bots have no password: use their API token.' });
    const inactiveRes = await invite(admin.token, inactive.id);
    expect(inactiveRes.statusCode).toBe(400);
    expect(inactiveRes.json()).toMatchObject({ error: true, message: 'Inactive people cannot be invited.' });
    expect((await invite(admin.token, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await invite(admin.token, 'not-a-uuid')).statusCode).toBe(404);
    await ctx.deps.mailer.settled();
    expect([...mailbox.to(bot.email), ...mailbox.to(inactive.email)]).toHaveLength(0);
  });
});
