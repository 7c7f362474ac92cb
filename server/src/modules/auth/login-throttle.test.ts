import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, uniqueSuffix } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { freshIp, gazuLoginBody, postLogin } from './auth.test-support.ts';
import { ACCOUNT_RULE, IP_RULE } from './login-throttle.service.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

async function failLogins(email: string, ip: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push((await postLogin(ctx, gazuLoginBody(email, `wrong-${i}`), { ip })).statusCode);
  return statuses;
}

describe('failed-login throttling', () => {
  it('blocks an account from an IP after 5 failures: 429, Retry-After, login false — even with the right password', async () => {
    const person = await createPerson(ctx);
    const ip = freshIp();
    expect(await failLogins(person.email, ip, ACCOUNT_RULE.limit)).toEqual(Array(ACCOUNT_RULE.limit).fill(400));

    const blocked = await postLogin(ctx, gazuLoginBody(person.email), { ip });
    expect(blocked.statusCode).toBe(429);
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(ACCOUNT_RULE.blockSeconds);
    expect(blocked.json()).toEqual({
      error: true,
      login: false,
      too_many_failed_login_attemps: true,
      message: `Too many failed login attempts, retry in ${retryAfter} seconds.`,
    });
  });

  it('lets the owner log in from another IP while an attacker is blocked', async () => {
    const person = await createPerson(ctx);
    const attacker = freshIp();
    await failLogins(person.email, attacker, ACCOUNT_RULE.limit);
    expect((await postLogin(ctx, gazuLoginBody(person.email), { ip: attacker })).statusCode).toBe(429);
    const owner = await postLogin(ctx, gazuLoginBody(person.email), { ip: freshIp() });
    expect(owner.statusCode).toBe(200);
  });

  it('counts email and desktop login as one account', async () => {
    const person = await createPerson(ctx);
    const desktopLogin = `jd${uniqueSuffix()}`;
    await ctx.db.updateTable('person').set({ desktop_login: desktopLogin }).where('id', '=', person.id).execute();
    const ip = freshIp();
    await failLogins(person.email, ip, 3);
    await failLogins(desktopLogin, ip, 2);
    expect((await postLogin(ctx, gazuLoginBody(desktopLogin), { ip })).statusCode).toBe(429);
  });

  it('lets the account in again once the block has run out', async () => {
    const person = await createPerson(ctx);
    const ip = freshIp();
    await failLogins(person.email, ip, ACCOUNT_RULE.limit);
    expect((await postLogin(ctx, gazuLoginBody(person.email), { ip })).statusCode).toBe(429);
    // Time passes: move the block and its window into the past.
    await sql`UPDATE login_throttle SET blocked_until = utc_now() - interval '1 second',
                window_started_at = utc_now() - interval '2 minutes' WHERE key LIKE ${`%|ip:${ip}`}`.execute(ctx.db);
    expect((await postLogin(ctx, gazuLoginBody(person.email), { ip })).statusCode).toBe(200);
  });

  it('forgets the account failures on a successful login', async () => {
    const person = await createPerson(ctx);
    const ip = freshIp();
    await failLogins(person.email, ip, ACCOUNT_RULE.limit - 1);
    expect((await postLogin(ctx, gazuLoginBody(person.email), { ip })).statusCode).toBe(200);
    expect(await failLogins(person.email, ip, ACCOUNT_RULE.limit - 1)).toEqual(Array(ACCOUNT_RULE.limit - 1).fill(400));
    expect((await postLogin(ctx, gazuLoginBody(person.email), { ip })).statusCode).toBe(200);
  });

  it('counts every one of concurrent failures, and refuses a right password sent in the same burst', async () => {
    const person = await createPerson(ctx);
    const ip = freshIp();
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => postLogin(ctx, gazuLoginBody(person.email, `burst-${i}`), { ip })),
    );
    const counted = burst.filter((res) => res.statusCode === 400).length;
    expect(counted + burst.filter((res) => res.statusCode === 429).length).toBe(12);
    const row = await ctx.db
      .selectFrom('login_throttle')
      .select(['failures', 'blocked_until'])
      .where('key', '=', `account:${person.id}|ip:${ip}`)
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(counted); // no lost update between concurrent attempts
    expect(row.blocked_until).not.toBeNull();
    expect((await postLogin(ctx, gazuLoginBody(person.email), { ip })).statusCode).toBe(429);
  });

  it('blocks an IP spraying many accounts, and only that IP', async () => {
    const person = await createPerson(ctx);
    const sprayer = freshIp();
    for (let i = 0; i < IP_RULE.limit; i += 1) {
      const res = await postLogin(ctx, gazuLoginBody(`victim-${i}-${uniqueSuffix()}@studio.test`, 'guess'), { ip: sprayer });
      expect(res.statusCode).toBe(400);
    }
    const blocked = await postLogin(ctx, gazuLoginBody(person.email), { ip: sprayer });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(ACCOUNT_RULE.blockSeconds);
    expect(blocked.json().login).toBe(false);
    expect((await postLogin(ctx, gazuLoginBody(person.email), { ip: freshIp() })).statusCode).toBe(200);
  });

  it('does not lock a studio behind one address out after 30 failures (finding 8): the address ceiling is higher', async () => {
    const colleague = await createPerson(ctx);
    const office = freshIp();
    for (let i = 0; i < 30; i += 1) await postLogin(ctx, gazuLoginBody(`typo-${i}-${uniqueSuffix()}@studio.test`, 'guess'), { ip: office });
    expect(IP_RULE.limit).toBeGreaterThan(30);
    expect((await postLogin(ctx, gazuLoginBody(colleague.email), { ip: office })).statusCode).toBe(200);
  });

  it('lets a person who logged in from a blocked address before in with the right password, and only with it', async () => {
    const regular = await createPerson(ctx);
    const newcomer = await createPerson(ctx);
    const office = freshIp();
    expect((await postLogin(ctx, gazuLoginBody(regular.email), { ip: office })).statusCode).toBe(200);
    for (let i = 0; i < IP_RULE.limit; i += 1) await postLogin(ctx, gazuLoginBody(`spray-${i}-${uniqueSuffix()}@studio.test`, 'guess'), { ip: office });
    expect((await postLogin(ctx, gazuLoginBody(newcomer.email), { ip: office })).statusCode).toBe(429);
    expect((await postLogin(ctx, gazuLoginBody(regular.email, 'wrong'), { ip: office })).statusCode).toBe(429);
    expect((await postLogin(ctx, gazuLoginBody(regular.email), { ip: office })).statusCode).toBe(200);
  });

  it('never stores what was typed as the login', async () => {
    const typed = `secret-typed-${uniqueSuffix()}`;
    await postLogin(ctx, gazuLoginBody(typed, 'x'), { ip: freshIp() });
    const rows = await ctx.db.selectFrom('login_throttle').select('key').where('key', 'like', `%${typed}%`).execute();
    expect(rows).toHaveLength(0);
  });
});
