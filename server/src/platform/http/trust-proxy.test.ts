import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, DEFAULT_PASSWORD } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { trustProxyFromEnv } from '../config.ts';

/** Behind a reverse proxy, the client's address (login throttle, login log) comes from X-Forwarded-For only when trusted. */

const PROXY = '10.20.30.40';
const CLIENT = '203.0.113.7';

async function loggedFrom(ctx: TestContext, remoteAddress: string): Promise<string | null> {
  const person = await createPerson(ctx);
  const res = await ctx.app.inject({
    method: 'POST', url: '/api/auth/login', remoteAddress,
    headers: { 'x-forwarded-for': CLIENT }, payload: { email: person.email, password: DEFAULT_PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  const log = await ctx.db.selectFrom('login_log').select('ip_address').where('person_id', '=', person.id).executeTakeFirstOrThrow();
  return log.ip_address;
}

describe('RUSHES_TRUST_PROXY', () => {
  it('reads off, everyone or addresses, and refuses anything else', () => {
    expect(trustProxyFromEnv(undefined)).toBe(false);
    expect(trustProxyFromEnv('false')).toBe(false);
    expect(trustProxyFromEnv('TRUE')).toBe(true);
    expect(() => trustProxyFromEnv('2')).toThrow(/RUSHES_TRUST_PROXY/);
    expect(trustProxyFromEnv('10.0.0.0/8, ::1')).toEqual(['10.0.0.0/8', '::1']);
    expect(() => trustProxyFromEnv('proxy.lan')).toThrow(/RUSHES_TRUST_PROXY/);
  });

  describe('unset', () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await createTestContext();
    });
    afterAll(async () => ctx.close());

    it('ignores X-Forwarded-For: the peer is the client', async () => {
      expect(await loggedFrom(ctx, PROXY)).toBe(PROXY);
    });
  });

  describe('set to the proxy address', () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await createTestContext({ trustProxy: [PROXY] });
    });
    afterAll(async () => ctx.close());

    it("takes the client's address from the trusted proxy", async () => {
      expect(await loggedFrom(ctx, PROXY)).toBe(CLIENT);
    });

    it('ignores the header from any other peer', async () => {
      expect(await loggedFrom(ctx, '10.99.99.99')).toBe('10.99.99.99');
    });
  });
});
