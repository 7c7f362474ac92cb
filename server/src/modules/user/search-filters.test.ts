import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createDepartment, createProject, personWithToken, type TestPerson } from '../../../../test/support/factories.ts';

/** Saved searches and their groups (#14): `data/user/filters`, `data/user/filter-groups`. */

let ctx: TestContext;
let projectId: string;
let closedProjectId: string;
let departmentId: string;
const people = {} as Record<'admin' | 'manager' | 'artist' | 'colleague' | 'animator', TestPerson & { token: string }>;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
async function call(method: Method, url: string, as: keyof typeof people, payload?: object) {
  const res = await ctx.app.inject({ method, url: `/api${url}`, headers: bearer(people[as].token), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.body ? (res.json() as Record<string, unknown> & Record<string, Record<string, Array<Record<string, unknown>>>>) : undefined };
}
const idsIn = (grouped: Record<string, Record<string, Array<Record<string, unknown>>>> | undefined, list: string, project: string) =>
  (grouped?.[list]?.[project] ?? []).map((row) => row.id);

beforeAll(async () => {
  ctx = await createTestContext();
  for (const [name, role] of [['admin', 'admin'], ['manager', 'manager'], ['artist', 'user'], ['colleague', 'user'], ['animator', 'user']] as const) {
    people[name] = await personWithToken(ctx, role);
  }
  const team = [people.manager, people.artist, people.colleague, people.animator].map(({ id }) => ({ id }));
  projectId = (await createProject(ctx, { team })).id;
  closedProjectId = (await createProject(ctx, { team, status: 'Closed' })).id;
  departmentId = (await createDepartment(ctx, { members: [people.animator.id] })).id;
});

afterAll(async () => {
  await ctx.close();
});

describe('data/user/filters', () => {
  it("saves a search, lists it by list type and production, and keeps it the caller's", async () => {
    const created = await call('POST', '/data/user/filters', 'artist', { list_type: 'shots', name: 'Retakes', query: 'status=retake', project_id: projectId, entity_type: 'Shot' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: 'SearchFilter', list_type: 'shots', name: 'Retakes', search_query: 'status=retake', project_id: projectId, entity_type: 'Shot',
      is_shared: false, person_id: people.artist.id, search_filter_group_id: null, department_id: null,
    });
    const everywhere = await call('POST', '/data/user/filters', 'artist', { name: 'Mine', query: 'assignee=me' });
    expect(everywhere.body).toMatchObject({ list_type: 'todo', project_id: null });

    const mine = await call('GET', '/data/user/filters', 'artist');
    expect(idsIn(mine.body, 'shots', projectId)).toEqual([created.body!.id]);
    expect(idsIn(mine.body, 'todo', 'all')).toEqual([everywhere.body!.id]);
    expect((await call('GET', '/data/user/filters', 'colleague')).body).toEqual({});

    expect((await call('PUT', `/data/user/filters/${String(created.body!.id)}`, 'colleague', { name: 'Stolen' })).status).toBe(404);
    expect((await call('DELETE', `/data/user/filters/${String(created.body!.id)}`, 'colleague')).status).toBe(404);
    expect(await call('PUT', `/data/user/filters/${String(created.body!.id)}`, 'artist', { name: 'All retakes', search_query: 'status=retake sq01' }))
      .toMatchObject({ status: 200, body: { name: 'All retakes', search_query: 'status=retake sq01' } });
    expect((await call('PUT', `/data/user/filters/${String(everywhere.body!.id)}`, 'admin', { name: 'Renamed by admin' })).status).toBe(200);
    expect((await call('DELETE', `/data/user/filters/${String(everywhere.body!.id)}`, 'artist')).status).toBe(204);
    expect(idsIn((await call('GET', '/data/user/filters', 'artist')).body, 'todo', 'all')).toEqual([]);
  });

  it('shares only when a manager of the production asks, with the team or one department, never for closed productions', async () => {
    const refused = await call('POST', '/data/user/filters', 'artist', { list_type: 'assets', name: 'Props', query: 'type=prop', project_id: projectId, is_shared: true });
    expect(refused.body).toMatchObject({ is_shared: false });
    const shared = await call('POST', '/data/user/filters', 'manager', { list_type: 'assets', name: 'Late', query: 'late', project_id: projectId, is_shared: true });
    expect(shared.body).toMatchObject({ is_shared: true });
    const forAnimators = await call('POST', '/data/user/filters', 'manager', {
      list_type: 'assets', name: 'Anim', query: 'anim', project_id: projectId, is_shared: true, department_id: departmentId,
    });
    await call('POST', '/data/user/filters', 'manager', { list_type: 'assets', name: 'Old', query: 'old', project_id: closedProjectId, is_shared: true });

    expect(idsIn((await call('GET', '/data/user/filters', 'colleague')).body, 'assets', projectId)).toEqual([shared.body!.id]);
    expect(idsIn((await call('GET', '/data/user/filters', 'animator')).body, 'assets', projectId)).toEqual([shared.body!.id, forAnimators.body!.id]);
    expect((await call('GET', '/data/user/filters', 'colleague')).body).not.toHaveProperty(`assets.${closedProjectId}`);

    const unshare = await call('PUT', `/data/user/filters/${String(refused.body!.id)}`, 'artist', { is_shared: true, project_id: projectId });
    expect(unshare.body).toMatchObject({ is_shared: false });
  });

  it('answers 400 for a missing name or query, malformed ids and unknown departments, 404 for unknown groups', async () => {
    expect((await call('POST', '/data/user/filters', 'artist', { query: 'x' })).status).toBe(400);
    expect((await call('POST', '/data/user/filters', 'artist', { name: 'x', query: '' })).status).toBe(400);
    expect((await call('POST', '/data/user/filters', 'artist', { name: 'x', query: 'y', project_id: 'p1' })).status).toBe(400);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await call('POST', '/data/user/filters', 'artist', { name: 'x', query: 'y', department_id: unknown })).toMatchObject({
      status: 400, body: { error: true, message: `No department found with id: ${unknown}` },
    });
    expect((await call('POST', '/data/user/filters', 'artist', { name: 'x', query: 'y', search_filter_group_id: unknown })).status).toBe(404);
    expect((await call('PUT', `/data/user/filters/${unknown}`, 'admin', { name: 'x' })).status).toBe(404);
  });
});

describe('data/user/filter-groups', () => {
  it('holds filters that share as it does, and takes them along when deleted', async () => {
    const group = await call('POST', '/data/user/filter-groups', 'manager', { list_type: 'shots', name: 'Review', color: '#ff0000', project_id: projectId, is_shared: true });
    expect(group.status).toBe(201);
    expect(group.body).toMatchObject({ type: 'SearchFilterGroup', name: 'Review', color: '#ff0000', is_shared: true, list_type: 'shots' });
    const groupId = String(group.body!.id);
    expect(await call('POST', '/data/user/filters', 'manager', { list_type: 'shots', name: 'x', query: 'y', project_id: projectId, search_filter_group_id: groupId })).toMatchObject({
      status: 400, body: { message: 'A search filter should have the same value for is_shared than its search filter group.' },
    });
    const inGroup = await call('POST', '/data/user/filters', 'manager', {
      list_type: 'shots', name: 'Wfa', query: 'status=wfa', project_id: projectId, search_filter_group_id: groupId, is_shared: true,
    });
    expect(inGroup.status).toBe(201);
    expect(idsIn((await call('GET', '/data/user/filter-groups', 'colleague')).body, 'shots', projectId)).toEqual([groupId]);
    expect((await call('GET', `/data/user/filter-groups/${groupId}`, 'colleague')).status).toBe(404);
    expect((await call('GET', `/data/user/filter-groups/${groupId}`, 'manager')).body).toMatchObject({ id: groupId });

    expect((await call('PUT', `/data/user/filter-groups/${groupId}`, 'manager', { is_shared: false, project_id: projectId })).body).toMatchObject({ is_shared: false });
    const filter = await ctx.db.selectFrom('search_filter').select('is_shared').where('id', '=', String(inGroup.body!.id)).executeTakeFirstOrThrow();
    expect(filter.is_shared).toBe(false);

    expect((await call('DELETE', `/data/user/filter-groups/${groupId}`, 'colleague')).status).toBe(404);
    expect((await call('DELETE', `/data/user/filter-groups/${groupId}`, 'manager')).status).toBe(204);
    expect(await ctx.db.selectFrom('search_filter').select('id').where('id', '=', String(inGroup.body!.id)).execute()).toEqual([]);
  });
});
