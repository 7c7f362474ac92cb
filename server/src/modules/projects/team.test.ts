import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createDepartment, createProject } from '../../../../test/support/factories.ts';
import { eventsNamed, member, production, UNKNOWN_ID, type Member } from '../breakdown/breakdown.test-support.ts';

let ctx: TestContext;
let p: Awaited<ReturnType<typeof production>>;
let projectId: string;
let newcomer: Member;

beforeAll(async () => {
  ctx = await createTestContext();
  p = await production(ctx, 'Alpha');
  projectId = p.project.id;
  newcomer = await member(ctx, 'user');
});
afterAll(async () => {
  await ctx.close();
});

describe('get_team / add_person_to_team / remove_person_from_team', () => {
  it('adds a person to the team (201, the project row, project:update) and lists him with his project role', async () => {
    expect((await newcomer.api.get(`data/projects/${projectId}/shots`)).statusCode).toBe(403);
    const res = await p.manager.api.post(`data/projects/${projectId}/team`, { person_id: newcomer.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: projectId, name: 'Alpha', type: 'Project' });
    expect((await eventsNamed(ctx, 'project:update')).map((e) => e.project_id)).toContain(projectId);
    expect((await newcomer.api.get(`data/projects/${projectId}/shots`)).statusCode).toBe(200);

    const again = await p.manager.api.post(`data/projects/${projectId}/team`, { person_id: newcomer.id });
    expect(again.statusCode).toBe(201);
    const team = (await p.manager.api.get(`data/projects/${projectId}/team`)).json() as Array<{ id: string; project_role: string | null }>;
    expect(team.filter((person) => person.id === newcomer.id)).toEqual([
      expect.objectContaining({ id: newcomer.id, type: 'Person', project_role: null, email: newcomer.email }),
    ]);
    expect(team).toHaveLength(4);
  });

  it('shows managers the full records and others the minimal view, with department ids', async () => {
    const department = await createDepartment(ctx, { members: [newcomer.id] });
    const asManager = (await p.manager.api.get(`data/projects/${projectId}/team`)).json() as Array<Record<string, unknown>>;
    expect(asManager.find((person) => person.id === newcomer.id)).toMatchObject({ email: newcomer.email, departments: [department.id] });
    const asArtist = (await p.artist.api.get(`data/projects/${projectId}/team`)).json() as Array<Record<string, unknown>>;
    const seen = asArtist.find((person) => person.id === newcomer.id);
    expect(seen).toMatchObject({ full_name: expect.any(String), departments: [department.id], project_role: null });
    expect(seen).not.toHaveProperty('email');
    expect(seen).not.toHaveProperty('password');
  });

  it('sets and clears a per-project role, which changes what the member may do there', async () => {
    const setRole = await p.manager.api.put(`data/projects/${projectId}/team/${newcomer.id}`, { role: 'manager' });
    expect(setRole.statusCode).toBe(200);
    expect(setRole.json()).toEqual({ project_id: projectId, person_id: newcomer.id, role: 'manager' });
    expect((await newcomer.api.post(`data/projects/${projectId}/episodes`, { name: 'E_BY_NEWCOMER' })).statusCode).toBe(201);
    const team = (await p.artist.api.get(`data/projects/${projectId}/team`)).json() as Array<{ id: string; project_role: string | null }>;
    expect(team.find((person) => person.id === newcomer.id)?.project_role).toBe('manager');

    expect((await p.manager.api.put(`data/projects/${projectId}/team/${newcomer.id}`, { role: null })).json().role).toBeNull();
    expect((await newcomer.api.post(`data/projects/${projectId}/episodes`, { name: 'E_AGAIN' })).statusCode).toBe(403);

    // A global manager downgraded on this project loses his rights there.
    expect((await p.manager.api.post(`data/projects/${projectId}/team`, { person_id: p.outsider.id, role: 'user' })).statusCode).toBe(201);
    expect((await p.outsider.api.post(`data/projects/${projectId}/episodes`, { name: 'E_OUTSIDER' })).statusCode).toBe(403);
    await p.manager.api.put(`data/projects/${projectId}/team/${p.outsider.id}`, { role: null });
    expect((await p.outsider.api.post(`data/projects/${projectId}/episodes`, { name: 'E_OUTSIDER' })).statusCode).toBe(201);
    expect((await p.manager.api.del(`data/projects/${projectId}/team/${p.outsider.id}`)).statusCode).toBe(204);
    const withRole = await p.manager.api.post(`data/projects/${projectId}/team`, { person_id: newcomer.id, role: 'vendor' });
    expect(withRole.statusCode).toBe(201);
    const roles = await ctx.db.selectFrom('project_person_link').select('role').where('person_id', '=', newcomer.id).execute();
    expect(roles).toEqual([{ role: 'vendor' }]);
  });

  it('refuses bad roles (400), non-members (400), artists and outsiders (403), unknown people (400)', async () => {
    const admin = await p.manager.api.put(`data/projects/${projectId}/team/${newcomer.id}`, { role: 'admin' });
    expect(admin.statusCode).toBe(400);
    expect((await p.manager.api.post(`data/projects/${projectId}/team`, { person_id: newcomer.id, role: 'boss' })).statusCode).toBe(400);
    expect((await p.manager.api.post(`data/projects/${projectId}/team`, {})).statusCode).toBe(400);
    const unknown = await p.manager.api.post(`data/projects/${projectId}/team`, { person_id: UNKNOWN_ID });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: true, message: `Person with id ${UNKNOWN_ID} not found` });
    const stranger = await member(ctx, 'user');
    const notMember = await p.manager.api.put(`data/projects/${projectId}/team/${stranger.id}`, { role: 'user' });
    expect(notMember.statusCode).toBe(400);
    expect(notMember.json()).toMatchObject({ message: 'Person is not a member of the project team' });
    expect((await p.artist.api.post(`data/projects/${projectId}/team`, { person_id: stranger.id })).statusCode).toBe(403);
    expect((await p.outsider.api.post(`data/projects/${projectId}/team`, { person_id: stranger.id })).statusCode).toBe(403);
    expect((await p.outsider.api.get(`data/projects/${projectId}/team`)).statusCode).toBe(403);
    expect((await p.manager.api.get(`data/projects/${UNKNOWN_ID}/team`)).statusCode).toBe(404);
    expect((await p.manager.api.get('data/projects/nope/team')).statusCode).toBe(404);
  });

  it('removes a person from the team (204)', async () => {
    expect((await p.artist.api.del(`data/projects/${projectId}/team/${newcomer.id}`)).statusCode).toBe(403);
    const res = await p.manager.api.del(`data/projects/${projectId}/team/${newcomer.id}`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await newcomer.api.get(`data/projects/${projectId}/team`)).statusCode).toBe(403);
    expect((await p.manager.api.del(`data/projects/${projectId}/team/${newcomer.id}`)).statusCode).toBe(204);
  });
});

describe('all_open_projects', () => {
  it('lists the open projects of the caller\'s teams (all of them for admins) with links and settings', async () => {
    await createProject(ctx, { name: 'Closed one', status: 'Closed', team: [{ id: p.artist.id }] });
    const notMine = await createProject(ctx, { name: 'Beta' });
    await ctx.db.updateTable('project').set({ production_type: 'tvshow' }).where('id', '=', projectId).execute();

    const mine = await p.artist.api.get('data/projects/open');
    expect(mine.statusCode).toBe(200);
    const alpha = (mine.json() as Array<Record<string, unknown>>).find((project) => project.id === projectId);
    expect((mine.json() as Array<{ name: string }>).map((project) => project.name)).toEqual(['Alpha']);
    expect(alpha).toMatchObject({
      type: 'Project', name: 'Alpha', team: expect.arrayContaining([p.manager.id, p.artist.id, p.vendor.id]),
      asset_types: [], task_types: [], task_statuses: [], descriptors: [], task_types_priority: {}, task_statuses_link: {},
    });
    const firstEpisode = (await ctx.db.selectFrom('entity').select('id').where('name', '=', 'E_BY_NEWCOMER').executeTakeFirstOrThrow()).id;
    expect(alpha?.first_episode_id).toBe(firstEpisode);

    const all = (await p.admin.api.get('data/projects/open')).json() as Array<{ id: string }>;
    expect(all.map((project) => project.id)).toEqual(expect.arrayContaining([projectId, notMine.id]));
    const byName = (await p.admin.api.get('data/projects/open?name=Beta')).json() as Array<{ id: string }>;
    expect(byName.map((project) => project.id)).toEqual([notMine.id]);
  });
});
