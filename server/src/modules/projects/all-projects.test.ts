import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createProject, personWithToken, uniqueSuffix, type TestPerson } from '../../../../test/support/factories.ts';

/** `data/projects/all` (#14): the Kitsu web client's productions list, closed ones included. */

let ctx: TestContext;
let admin: TestPerson & { token: string };
let artist: TestPerson & { token: string };
const names = { open: '', closed: '', other: '' };

async function get(url: string, token: string) {
  const res = await ctx.app.inject({ method: 'GET', url: `/api${url}`, headers: bearer(token) });
  return { status: res.statusCode, body: res.json() as Array<Record<string, unknown>> & Record<string, unknown> };
}

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await personWithToken(ctx, 'admin');
  artist = await personWithToken(ctx, 'user');
  const suffix = uniqueSuffix();
  names.open = `A open ${suffix}`;
  names.closed = `B closed ${suffix}`;
  names.other = `C other ${suffix}`;
  const open = await createProject(ctx, { name: names.open, team: [{ id: artist.id }] });
  await createProject(ctx, { name: names.closed, status: 'Closed', team: [{ id: artist.id }] });
  await createProject(ctx, { name: names.other });
  await ctx.db.insertInto('metadata_descriptor')
    .values({ project_id: open.id, name: 'Budget line', field_name: 'budget_line', entity_type: 'Project' })
    .execute();
  await ctx.db.insertInto('metadata_descriptor')
    .values({ project_id: open.id, name: 'Difficulty', field_name: 'difficulty', entity_type: 'Shot' })
    .execute();
});

afterAll(async () => {
  await ctx.close();
});

describe('data/projects/all', () => {
  it('gives admins every project by name, closed ones included, with status names and production descriptors', async () => {
    const res = await get('/data/projects/all', admin.token);
    expect(res.status).toBe(200);
    const ours = res.body.filter((project) => Object.values(names).includes(String(project.name)));
    expect(ours.map((project) => [project.name, project.project_status_name, project.type])).toEqual([
      [names.open, 'Open', 'Project'], [names.closed, 'Closed', 'Project'], [names.other, 'Open', 'Project'],
    ]);
    expect(ours[0].descriptors).toEqual([expect.objectContaining({ name: 'Budget line', field_name: 'budget_line', entity_type: 'Project' })]);
    expect(ours[1].descriptors).toEqual([]);
  });

  it("gives others their teams' projects, open or closed, without descriptors", async () => {
    const res = await get('/data/projects/all', artist.token);
    expect(res.status).toBe(200);
    expect(res.body.map((project) => project.name)).toEqual([names.open, names.closed]);
    expect(res.body[0]).not.toHaveProperty('descriptors');
    expect(res.body[0]).not.toHaveProperty('password');
  });

  it('filters by exact name, and answers 404 for a name nobody may see', async () => {
    const one = await get(`/data/projects/all?name=${encodeURIComponent(names.closed)}`, artist.token);
    expect(one.body.map((project) => project.name)).toEqual([names.closed]);
    const hidden = await get(`/data/projects/all?name=${encodeURIComponent(names.other)}`, artist.token);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toMatchObject({ error: true });
    expect((await get(`/data/projects/all?name=${encodeURIComponent(names.other)}`, admin.token)).body.map((p) => p.name)).toEqual([names.other]);
  });
});
