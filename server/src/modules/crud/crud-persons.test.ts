import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createDepartment, createPerson, personWithToken, uniqueSuffix } from '../../../../test/support/factories.ts';

/** `data/persons`: the model rules of people and bots (§1.4, §2.2, §3). */

let ctx: TestContext;
let adminHeaders: Record<string, string>;

async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, headers = adminHeaders) {
  const res = await ctx.app.inject({ method, url: `/api${url}`, headers, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.body ? (res.json() as Record<string, unknown>) : {} };
}
const email = () => `p-${uniqueSuffix()}@studio.test`;

beforeAll(async () => {
  ctx = await createTestContext();
  adminHeaders = bearer((await personWithToken(ctx, 'admin')).token);
});

afterAll(async () => {
  await ctx.close();
});

describe('bots and API tokens', () => {
  it('returns a working access_token on bot creation; a new one (PUT expiration_date) kills it', async () => {
    const created = await call('POST', '/data/persons', { first_name: 'Render', last_name: 'Bot', email: email(), is_bot: true, role: 'manager' });
    expect(created.status).toBe(201);
    const first = String(created.body.access_token);
    expect(first.split('.')).toHaveLength(3);
    expect((await call('GET', '/data/departments', undefined, bearer(first))).status).toBe(200);
    const renewed = await call('PUT', `/data/persons/${created.body.id}`, { expiration_date: '2999-12-31' });
    expect(renewed.status).toBe(200);
    const second = String(renewed.body.access_token);
    expect(second).not.toBe(first);
    expect((await call('GET', '/data/departments', undefined, bearer(first))).status).toBe(401);
    expect((await call('GET', '/data/departments', undefined, bearer(second))).status).toBe(200);
  });

  it('lets bots share an email and does not issue tokens to humans on create', async () => {
    const shared = email();
    expect((await call('POST', '/data/persons', { first_name: 'A', email: shared, is_bot: true })).status).toBe(201);
    expect((await call('POST', '/data/persons', { first_name: 'B', email: shared, is_bot: true })).status).toBe(201);
    const human = await call('POST', '/data/persons', { first_name: 'C', email: shared });
    expect(human.status).toBe(201);
    expect(human.body).not.toHaveProperty('access_token');
  });
});

describe('identity rules', () => {
  it('lower-cases emails, refuses invalid and duplicate ones', async () => {
    const address = email();
    const created = await call('POST', '/data/persons', { first_name: 'Mixed', email: address.toUpperCase() });
    expect(created.body.email).toBe(address);
    expect(await call('POST', '/data/persons', { first_name: 'Dup', email: address })).toMatchObject({ status: 400, body: { message: 'Email already in use.' } });
    expect((await call('POST', '/data/persons', { first_name: 'Bad', email: 'not-an-email' })).status).toBe(400);
  });

  it('refuses short passwords and resolves role aliases', async () => {
    expect(await call('POST', '/data/persons', { first_name: 'Short', email: email(), password: 'abc' })).toMatchObject({
      status: 400, body: { message: 'Password is too short.' },
    });
    const coordinator = await call('POST', '/data/persons', { first_name: 'Coord', email: email(), role: 'coordinator' });
    expect(coordinator.body.role).toBe('manager');
    const artist = await call('POST', '/data/persons', { first_name: 'Art', email: email(), role: 'Artist' });
    expect(artist.body.role).toBe('user');
    expect((await call('POST', '/data/persons', { first_name: 'X', email: email(), role: 'overlord' })).status).toBe(400);
  });

  it('creates a person without a password when Gazu sends "password": null', async () => {
    const created = await call('POST', '/data/persons', { first_name: 'Bob', last_name: 'Default', email: email(), password: null, role: 'user' });
    expect(created.status).toBe(201);
    const stored = await ctx.db.selectFrom('person').select('password').where('id', '=', String(created.body.id)).executeTakeFirstOrThrow();
    expect(stored.password).toBeNull();
  });

  it('stops at the user limit, bots excepted', async () => {
    const active = await ctx.db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('active', '=', true).where('is_bot', '=', false).where('is_guest', '=', false).executeTakeFirstOrThrow();
    const previous = ctx.deps.config.userLimit;
    ctx.deps.config.userLimit = Number(active.n);
    try {
      expect(await call('POST', '/data/persons', { first_name: 'Over', email: email() })).toEqual({
        status: 400, body: { error: true, message: 'User limit reached.', data: { limit: Number(active.n) } },
      });
      expect((await call('POST', '/data/persons', { first_name: 'Bot', email: email(), is_bot: true })).status).toBe(201);
      expect((await call('POST', '/data/persons', { first_name: 'Idle', email: email(), active: false })).status).toBe(201);
    } finally {
      ctx.deps.config.userLimit = previous;
    }
  });
});

describe('self-service and deactivation', () => {
  it('lets a person edit himself but not his role, activity or departments, nor others', async () => {
    const me = await personWithToken(ctx, 'user');
    const mine = bearer(me.token);
    const dept = await createDepartment(ctx);
    const ok = await call('PUT', `/data/persons/${me.id}`, { phone: '+33 1', departments: [dept.id], role: 'user', type: 'Person' }, mine);
    expect(ok.status).toBe(200);
    expect(ok.body.phone).toBe('+33 1');
    expect((await call('GET', `/data/persons/${me.id}`)).body.departments).toEqual([]);
    expect((await call('PUT', `/data/persons/${me.id}`, { role: 'admin' }, mine)).status).toBe(403);
    expect((await call('PUT', `/data/persons/${me.id}`, { active: false }, mine)).status).toBe(403);
    const other = await createPerson(ctx);
    expect((await call('PUT', `/data/persons/${other.id}`, { phone: '1' }, mine)).status).toBe(403);
    expect((await call('GET', `/data/persons/${me.id}`)).body.role).toBe('user');
  });

  it('ends every session of a person an admin deactivates', async () => {
    const person = await personWithToken(ctx, 'user');
    expect((await call('GET', '/data/departments', undefined, bearer(person.token))).status).toBe(200);
    expect((await call('PUT', `/data/persons/${person.id}`, { active: false })).status).toBe(200);
    expect((await call('GET', '/data/departments', undefined, bearer(person.token))).status).toBe(401);
  });
});
