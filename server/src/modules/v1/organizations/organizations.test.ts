import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../../test/support/test-app.ts';
import { personWithToken } from '../../../../../test/support/factories.ts';
import { createOrganization, v1, type Caller } from '../../../../../test/support/set-design-factories.ts';

let ctx: TestContext;
let owner: Caller;
let admin: Caller;
let member: Caller;
let outsider: Caller;
let studioAdmin: Caller;
let organizationId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  [owner, admin, member, outsider] = await Promise.all([personWithToken(ctx), personWithToken(ctx), personWithToken(ctx), personWithToken(ctx)]);
  studioAdmin = await personWithToken(ctx, 'admin');
  organizationId = await createOrganization(ctx, owner, [{ person: admin, role: 'admin' }, { person: member, role: 'member' }]);
});
afterAll(async () => {
  await ctx.close();
});

describe('organizations', () => {
  it('creates an organization whose creator is its owner', async () => {
    const res = await v1(ctx, outsider, 'POST', '/organizations', { name: 'Outsiders', description: 'Theirs' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Outsiders', description: 'Theirs', my_role: 'owner' });
    expect(res.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const audit = await ctx.db.selectFrom('audit_event').selectAll().where('object_id', '=', String(res.body.id)).execute();
    expect(audit.map((row) => row.action)).toEqual(['create']);
  });

  it('lists the caller’s organizations, and all of them for a studio admin', async () => {
    const mine = await v1<{ data: Array<{ id: string; my_role: string }>; count: number }>(ctx, member, 'GET', '/organizations');
    expect(mine.status).toBe(200);
    expect(mine.body.count).toBe(1);
    expect(mine.body.data).toEqual([expect.objectContaining({ id: organizationId, my_role: 'member' })]);
    const all = await v1<{ count: number }>(ctx, studioAdmin, 'GET', '/organizations');
    expect(all.body.count).toBeGreaterThanOrEqual(2);
    const paged = await v1<{ data: unknown[]; count: number }>(ctx, studioAdmin, 'GET', '/organizations?skip=1&limit=1');
    expect(paged.body.data).toHaveLength(1);
    expect(paged.body.count).toBe(all.body.count);
  });

  it('hides an organization from non-members (404) and shows it to members and studio admins', async () => {
    expect((await v1(ctx, member, 'GET', `/organizations/${organizationId}`)).status).toBe(200);
    expect((await v1(ctx, studioAdmin, 'GET', `/organizations/${organizationId}`)).body).toMatchObject({ my_role: null });
    const hidden = await v1(ctx, outsider, 'GET', `/organizations/${organizationId}`);
    expect(hidden).toEqual({ status: 404, body: { detail: 'Organization not found' } });
    expect((await v1(ctx, outsider, 'GET', `/organizations/${organizationId}/members`)).status).toBe(404);
  });

  it('lets owners and admins rename it, not plain members', async () => {
    expect((await v1(ctx, admin, 'PUT', `/organizations/${organizationId}`, { name: 'Renamed' })).body).toMatchObject({ name: 'Renamed' });
    expect(await v1(ctx, member, 'PUT', `/organizations/${organizationId}`, { name: 'Nope' })).toEqual({
      status: 403,
      body: { detail: 'Not enough permissions' },
    });
    expect((await v1(ctx, outsider, 'PUT', `/organizations/${organizationId}`, { name: 'Nope' })).status).toBe(404);
  });

  it('manages members: admins add members, only owners make owners, one owner always stays', async () => {
    const newcomer = await personWithToken(ctx);
    const added = await v1<{ data: Array<{ person_id: string; role: string }> }>(ctx, admin, 'POST', `/organizations/${organizationId}/members`, {
      person_id: newcomer.id,
    });
    expect(added.status).toBe(200);
    expect(added.body.data).toContainEqual(expect.objectContaining({ person_id: newcomer.id, role: 'member' }));
    expect((await v1(ctx, admin, 'POST', `/organizations/${organizationId}/members`, { person_id: newcomer.id })).status).toBe(409);
    expect((await v1(ctx, admin, 'PUT', `/organizations/${organizationId}/members/${newcomer.id}`, { role: 'owner' })).status).toBe(403);
    expect((await v1(ctx, member, 'PUT', `/organizations/${organizationId}/members/${newcomer.id}`, { role: 'admin' })).status).toBe(403);
    expect((await v1(ctx, admin, 'POST', `/organizations/${organizationId}/members`, { person_id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await v1(ctx, owner, 'PUT', `/organizations/${organizationId}/members/${owner.id}`, { role: 'member' })).status).toBe(409);
    expect((await v1(ctx, owner, 'DELETE', `/organizations/${organizationId}/members/${owner.id}`)).status).toBe(409);
    expect((await v1(ctx, admin, 'PUT', `/organizations/${organizationId}/members/${newcomer.id}`, { role: 'admin' })).status).toBe(200);
    // Anyone may leave.
    expect(await v1(ctx, newcomer, 'DELETE', `/organizations/${organizationId}/members/${newcomer.id}`)).toEqual({
      status: 200,
      body: { message: 'Member removed successfully' },
    });
    expect((await v1(ctx, newcomer, 'GET', `/organizations/${organizationId}`)).status).toBe(404);
    expect((await v1(ctx, admin, 'DELETE', `/organizations/${organizationId}/members/${newcomer.id}`)).status).toBe(404);
  });

  it('answers FastAPI-style 422 bodies for invalid input', async () => {
    const missing = await v1<{ detail: unknown[] }>(ctx, owner, 'POST', '/organizations', {});
    expect(missing.status).toBe(422);
    expect(missing.body.detail).toEqual([{ type: 'missing', loc: ['body', 'name'], msg: 'Field required', input: {} }]);
    const badId = await v1<{ detail: unknown[] }>(ctx, owner, 'GET', '/organizations/not-a-uuid');
    expect(badId.body.detail).toEqual([expect.objectContaining({ type: 'uuid_parsing', loc: ['path', 'id'], input: 'not-a-uuid' })]);
    const badRole = await v1<{ detail: Array<{ loc: unknown[] }> }>(ctx, owner, 'POST', `/organizations/${organizationId}/members`, {
      person_id: member.id,
      role: 'emperor',
    });
    expect(badRole.status).toBe(422);
    expect(badRole.body.detail[0].loc).toEqual(['body', 'role']);
    const badPage = await v1<{ detail: Array<{ loc: unknown[]; type: string }> }>(ctx, owner, 'GET', '/organizations?limit=-1');
    expect(badPage.body.detail[0]).toMatchObject({ loc: ['query', 'limit'], type: 'greater_than_equal' });
  });

  it('answers 401 with a detail body without a token', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/organizations' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ detail: 'Missing JWT in cookies or headers' });
  });

  it('deletes an empty organization (owner only) and refuses one that still holds items', async () => {
    const doomed = await createOrganization(ctx, owner, [{ person: admin, role: 'admin' }]);
    expect((await v1(ctx, admin, 'DELETE', `/organizations/${doomed}`)).status).toBe(403);
    expect(await v1(ctx, owner, 'DELETE', `/organizations/${doomed}`)).toEqual({ status: 200, body: { message: 'Organization deleted successfully' } });
    expect((await v1(ctx, owner, 'GET', `/organizations/${doomed}`)).status).toBe(404);

    const busy = await createOrganization(ctx, owner);
    expect((await v1(ctx, owner, 'POST', `/subjects?organization_id=${busy}`, { name: 'Kept' })).status).toBe(200);
    expect(await v1(ctx, owner, 'DELETE', `/organizations/${busy}`)).toMatchObject({ status: 409 });
  });
});
