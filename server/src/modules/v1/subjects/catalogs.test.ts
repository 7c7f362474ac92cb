import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../../test/support/test-app.ts';
import { personWithToken } from '../../../../../test/support/factories.ts';
import { createOrganization, v1, type Caller } from '../../../../../test/support/set-design-factories.ts';

/** Subjects, shot types and background presets share their routes' behaviour: one table of cases. */
let ctx: TestContext;
let owner: Caller;
let admin: Caller;
let member: Caller;
let outsider: Caller;
let studioAdmin: Caller;
let organizationId: string;
let otherOrganizationId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  [owner, admin, member, outsider] = await Promise.all([personWithToken(ctx), personWithToken(ctx), personWithToken(ctx), personWithToken(ctx)]);
  studioAdmin = await personWithToken(ctx, 'admin');
  organizationId = await createOrganization(ctx, owner, [{ person: admin, role: 'admin' }, { person: member, role: 'member' }]);
  otherOrganizationId = await createOrganization(ctx, outsider);
});
afterAll(async () => {
  await ctx.close();
});

let counter = 0;
const catalogs = [
  { path: '/subjects', what: 'Subject', body: () => ({ name: `Subject ${++counter}`, description: 'Tall' }), update: { name: 'Renamed', description: null } },
  { path: '/shot-types', what: 'Shot type', body: () => ({ name: 'Pose', slug: `pose_${++counter}` }), update: { name: 'Renamed', slug: 'renamed_pose' } },
  { path: '/background-presets', what: 'Background preset', body: () => ({ name: `Preset ${++counter}`, color: '#AABBCC' }), update: { name: 'Renamed', color: null } },
];

describe.each(catalogs)('$path', ({ path, what, body, update }) => {
  const inOrg = (url: string) => `${url}?organization_id=${organizationId}`;

  it('creates in an organization for its members, and personally without one', async () => {
    const created = await v1<Record<string, unknown>>(ctx, member, 'POST', inOrg(path), body());
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ owner_id: member.id, organization_id: organizationId, name: expect.any(String) });
    const personal = await v1<Record<string, unknown>>(ctx, member, 'POST', path, body());
    expect(personal.body).toMatchObject({ owner_id: member.id, organization_id: null });
    // organization_id in the body works as well, for members only.
    expect((await v1(ctx, member, 'POST', path, { ...body(), organization_id: organizationId })).body).toMatchObject({ organization_id: organizationId });
    expect(await v1(ctx, outsider, 'POST', path, { ...body(), organization_id: organizationId })).toEqual({ status: 404, body: { detail: 'Organization not found' } });
    expect((await v1(ctx, outsider, 'POST', inOrg(path), body())).status).toBe(404);
  });

  it('lists by scope with skip/limit and count', async () => {
    const listed = await v1<{ data: Array<{ organization_id: string | null }>; count: number }>(ctx, admin, 'GET', inOrg(path));
    expect(listed.status).toBe(200);
    expect(listed.body.count).toBeGreaterThanOrEqual(2);
    expect(listed.body.data.every((item) => item.organization_id === organizationId)).toBe(true);
    const page = await v1<{ data: unknown[]; count: number }>(ctx, admin, 'GET', `${inOrg(path)}&skip=1&limit=1`);
    expect(page.body).toMatchObject({ count: listed.body.count });
    expect(page.body.data).toHaveLength(1);
    // Without organization_id: the caller's own (member made one personal item and two in the organization).
    const own = await v1<{ data: Array<{ owner_id: string }>; count: number }>(ctx, member, 'GET', path);
    expect(own.body.count).toBe(3);
    expect((await v1<{ count: number }>(ctx, admin, 'GET', path)).body.count).toBe(0);
    expect((await v1<{ count: number }>(ctx, studioAdmin, 'GET', path)).body.count).toBeGreaterThanOrEqual(3);
    expect((await v1(ctx, outsider, 'GET', inOrg(path))).status).toBe(404);
  });

  it('reads, updates and deletes within scope; others get 404, plain members may not delete others’ items', async () => {
    const item = (await v1<{ id: string }>(ctx, owner, 'POST', inOrg(path), body())).body;
    expect((await v1(ctx, member, 'GET', inOrg(`${path}/${item.id}`))).status).toBe(200);
    expect(await v1(ctx, outsider, 'GET', `${path}/${item.id}?organization_id=${otherOrganizationId}`)).toEqual({ status: 404, body: { detail: `${what} not found` } });
    expect((await v1(ctx, outsider, 'GET', `${path}/${item.id}`)).status).toBe(404);
    expect((await v1(ctx, member, 'GET', `${path}/${item.id}`)).status).toBe(404);
    expect((await v1(ctx, studioAdmin, 'GET', `${path}/${item.id}`)).status).toBe(200);

    const updated = await v1<Record<string, unknown>>(ctx, member, 'PUT', inOrg(`${path}/${item.id}`), update);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject(update);
    expect((await v1(ctx, member, 'PUT', inOrg(`${path}/${item.id}`), { name: null })).body).toMatchObject({ name: 'Renamed' });
    expect((await v1(ctx, outsider, 'PUT', `${path}/${item.id}?organization_id=${otherOrganizationId}`, update)).status).toBe(404);

    expect(await v1(ctx, member, 'DELETE', inOrg(`${path}/${item.id}`))).toEqual({ status: 403, body: { detail: 'Not enough permissions' } });
    expect((await v1(ctx, outsider, 'DELETE', `${path}/${item.id}?organization_id=${otherOrganizationId}`)).status).toBe(404);
    expect((await v1<{ message: string }>(ctx, admin, 'DELETE', inOrg(`${path}/${item.id}`))).body.message).toMatch(/deleted successfully/);
    expect((await v1(ctx, owner, 'GET', inOrg(`${path}/${item.id}`))).status).toBe(404);
    const audit = await ctx.db.selectFrom('audit_event').select('action').where('object_id', '=', item.id).orderBy('id').execute();
    expect(audit.map((row) => row.action)).toEqual(['create', 'update', 'update', 'delete']);
  });

  it('answers 422 for invalid input and 404 for unknown ids', async () => {
    const invalid = await v1<{ detail: Array<{ loc: unknown[]; type: string }> }>(ctx, owner, 'POST', inOrg(path), { name: '' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.detail[0].loc[0]).toBe('body');
    expect((await v1(ctx, owner, 'GET', `${path}/123`)).status).toBe(422);
    expect((await v1(ctx, owner, 'GET', inOrg(`${path}/00000000-0000-4000-8000-000000000000`))).body).toEqual({ detail: `${what} not found` });
    expect((await v1(ctx, owner, 'DELETE', inOrg(`${path}/00000000-0000-4000-8000-000000000000`))).status).toBe(404);
  });
});

describe('shot type slugs', () => {
  it('are unique within an organization and within an owner’s personal shot types, not across them', async () => {
    const create = (caller: Caller, org: string | null, slug: string) =>
      v1(ctx, caller, 'POST', `/shot-types${org ? `?organization_id=${org}` : ''}`, { name: slug, slug });
    expect((await create(owner, organizationId, 'front_full_body')).status).toBe(200);
    expect(await create(admin, organizationId, 'front_full_body')).toEqual({ status: 409, body: { detail: 'A shot type with slug "front_full_body" already exists here' } });
    expect((await create(outsider, otherOrganizationId, 'front_full_body')).status).toBe(200);
    expect((await create(owner, null, 'front_full_body')).status).toBe(200);
    expect((await create(owner, null, 'front_full_body')).status).toBe(409);
    expect((await create(admin, null, 'front_full_body')).status).toBe(200);
    const bad = await v1<{ detail: Array<{ type: string; loc: unknown[] }> }>(ctx, owner, 'POST', '/shot-types', { name: 'x', slug: 'Front Full' });
    expect(bad.body.detail[0]).toMatchObject({ type: 'string_pattern_mismatch', loc: ['body', 'slug'] });
    const second = (await v1<{ id: string }>(ctx, owner, 'POST', `/shot-types?organization_id=${organizationId}`, { name: 'Side', slug: 'side' })).body;
    expect((await v1(ctx, owner, 'PUT', `/shot-types/${second.id}?organization_id=${organizationId}`, { slug: 'front_full_body' })).status).toBe(409);
  });
});
