import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { taskStatusId } from '../../../../test/support/factories.ts';
import { call, setupProduction, type Production } from '../tasks/tasks.fixtures.ts';

let ctx: TestContext;
let p: Production;

type Logged = Array<{ id: string; name: string; created_at: string; project_id: string | null; user_id: string | null; data: Record<string, unknown> }>;

beforeAll(async () => {
  ctx = await createTestContext();
  p = await setupProduction(ctx);
  const wip = await taskStatusId(ctx, 'wip');
  for (const text of ['one', 'two']) {
    expect((await call(ctx, p.artist, 'POST', `actions/tasks/${p.task.id}/comment`, { task_status_id: wip, comment: text })).status).toBe(201);
  }
  // An event of no production, and one of the outsider's production.
  await ctx.db.insertInto('api_event').values({ name: 'person:update', data: JSON.stringify({ person_id: p.artist.id }) }).execute();
});

afterAll(async () => {
  await ctx?.close();
});

describe('GET data/events/last (gazu.sync.get_last_events)', () => {
  it('gives an admin the whole log newest first, as Zou shapes it', async () => {
    const res = await call<Logged>(ctx, p.admin, 'GET', 'data/events/last');
    expect(res.status).toBe(200);
    const rows = await ctx.db.selectFrom('api_event').select(['id']).orderBy('id', 'desc').limit(100).execute();
    expect(res.body.map((event) => event.id)).toEqual(rows.map((row) => row.id));
    expect(res.body[0]).toMatchObject({ name: 'person:update', project_id: null, data: { person_id: p.artist.id } });
    const update = res.body.find((event) => event.name === 'task:update');
    expect(update).toMatchObject({ project_id: p.project.id, user_id: p.artist.id, data: { task_id: p.task.id, project_id: p.project.id } });
    expect(Object.keys(update ?? {}).sort()).toEqual(['created_at', 'data', 'id', 'name', 'project_id', 'user_id']);
  });

  it('pages with limit and cursor_event_id, and filters by name, project, date and files', async () => {
    const firstPage = await call<Logged>(ctx, p.admin, 'GET', 'data/events/last?limit=2');
    expect(firstPage.body).toHaveLength(2);
    const next = await call<Logged>(ctx, p.admin, 'GET', `data/events/last?limit=2&cursor_event_id=${firstPage.body[1].id}`);
    expect(next.body[0].id < firstPage.body[1].id).toBe(true);

    const updates = await call<Logged>(ctx, p.admin, 'GET', `data/events/last?name=task:update&project_id=${p.project.id}`);
    expect(updates.body.length).toBeGreaterThanOrEqual(2);
    expect(updates.body.every((event) => event.name === 'task:update' && event.project_id === p.project.id)).toBe(true);

    expect((await call<Logged>(ctx, p.admin, 'GET', 'data/events/last?after=2999-01-01')).body).toEqual([]);
    expect((await call<Logged>(ctx, p.admin, 'GET', 'data/events/last?before=2000-01-01')).body).toEqual([]);
    expect((await call<Logged>(ctx, p.admin, 'GET', 'data/events/last?only_files=true')).body).toEqual([]);
    expect((await call(ctx, p.admin, 'GET', 'data/events/last?after=yesterday')).status).toBe(400);
  });

  it("scopes a manager to his productions' events, and refuses artists", async () => {
    const res = await call<Logged>(ctx, p.manager, 'GET', 'data/events/last?limit=1000');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.body.every((event) => event.project_id === p.project.id)).toBe(true);
    const otherProject = await ctx.db.selectFrom('project').select('id').where('id', '!=', p.project.id).executeTakeFirstOrThrow();
    expect((await call(ctx, p.manager, 'GET', `data/events/last?project_id=${otherProject.id}`)).status).toBe(403);
    expect((await call(ctx, p.artist, 'GET', 'data/events/last')).status).toBe(403);
  });
});
