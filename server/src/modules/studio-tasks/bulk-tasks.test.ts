import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createAssetEntity, createProject, createShotEntity } from '../../../../test/support/factories.ts';
import { studioProject, type Caller, type StudioProject } from './studio-test-fixtures.ts';

let ctx: TestContext;
let world: StudioProject;
beforeAll(async () => {
  ctx = await createTestContext();
  world = await studioProject(ctx);
});
afterAll(async () => {
  await ctx.close();
});

const bulk = (who: Caller, kind: 'shots' | 'assets', payload: object) =>
  ctx.app.inject({ method: 'POST', url: `/api/${kind}/tasks/bulk`, headers: bearer(who.token), payload });

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('POST /api/shots/tasks/bulk', () => {
  it('creates the missing tasks, reports existing ones and per-item errors, in request order', async () => {
    const { coordinator, project, layout, animation } = world;
    const [a, b] = [await createShotEntity(ctx, project.id), await createShotEntity(ctx, project.id)];
    const single = await ctx.app.inject({ method: 'POST', url: `/api/shots/${a.id}/tasks?task_type=${encodeURIComponent(layout.name)}`, headers: bearer(coordinator.token) });
    const existingId = single.json().task_id as string;
    const otherProject = await createProject(ctx);
    const foreign = await createShotEntity(ctx, otherProject.id);

    const res = await bulk(coordinator, 'shots', {
      shot_ids: [a.id, b.id, MISSING, 'garbage', foreign.id, world.asset.id],
      task_types: [layout.name, animation.short_name, 'compositing'],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.results).toHaveLength(18);
    expect(body).toMatchObject({ created: 3, existing: 1, errors: 14 });
    const item = (shotId: string, taskType: string) =>
      body.results.find((r: { shot_id: string; task_type: string }) => r.shot_id === shotId && r.task_type === taskType);
    expect(body.results[0]).toEqual({ shot_id: a.id, task_type: layout.name, created: false, task_id: existingId, status: 'not_started' });
    expect(item(a.id, animation.name)).toMatchObject({ created: true, status: 'not_started', task_id: expect.any(String) });
    expect(item(b.id, layout.name)).toMatchObject({ created: true });
    expect(item(b.id, 'compositing')).toMatchObject({ created: false, task_id: null, status: null, error: expect.stringMatching(/^Invalid task type 'compositing'/) });
    expect(item(MISSING, layout.name)).toMatchObject({ error: 'Shot not found', task_id: null });
    expect(item('garbage', layout.name)).toMatchObject({ error: 'Shot not found' });
    expect(item(world.asset.id, layout.name)).toMatchObject({ error: 'Shot not found' });
    expect(item(foreign.id, layout.name)).toMatchObject({ error: 'Access denied to this project' });

    const tasks = await ctx.db.selectFrom('task').select(['entity_id', 'name']).where('entity_id', 'in', [a.id, b.id]).execute();
    expect(tasks).toHaveLength(4);
    const newEvents = await ctx.db.selectFrom('api_event').select('data').where('name', '=', 'task:new').where('project_id', '=', project.id).execute();
    expect(newEvents).toHaveLength(4);
  });

  it('is idempotent: a rerun creates nothing and returns the same task ids', async () => {
    const shots = [await createShotEntity(ctx, world.project.id), await createShotEntity(ctx, world.project.id)];
    const payload = { shot_ids: shots.map((s) => s.id), task_types: [world.layout.name, world.animation.name] };
    const first = await bulk(world.coordinator, 'shots', payload);
    expect(first.json()).toMatchObject({ created: 4, existing: 0, errors: 0 });
    const second = await bulk(world.coordinator, 'shots', payload);
    expect(second.json()).toMatchObject({ created: 0, existing: 4, errors: 0 });
    const ids = (res: typeof first) => res.json().results.map((r: { task_id: string }) => r.task_id);
    expect(ids(second)).toEqual(ids(first));
  });

  it('creates one task for two spellings of one task type', async () => {
    const shot = await createShotEntity(ctx, world.project.id);
    const res = await bulk(world.coordinator, 'shots', { shot_ids: [shot.id, shot.id], task_types: [world.layout.name, world.layout.short_name] });
    expect(res.json()).toMatchObject({ created: 1, existing: 1, errors: 0 });
    expect(res.json().results).toHaveLength(2);
  });

  it('runs in one transaction: a failure at the end (event log) leaves no task behind', async () => {
    const project = await createProject(ctx, { team: [{ id: world.coordinator.id }] });
    const shots = [await createShotEntity(ctx, project.id), await createShotEntity(ctx, project.id)];
    // The event log is written last in the unit of work; make it fail for this project only.
    await sql`CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'event log unavailable'; END $$`.execute(ctx.db);
    await sql.raw(`CREATE TRIGGER refuse_event BEFORE INSERT ON api_event FOR EACH ROW
      WHEN (NEW.project_id = '${project.id}') EXECUTE FUNCTION refuse_event()`).execute(ctx.db);
    try {
      const res = await bulk(world.coordinator, 'shots', { shot_ids: shots.map((s) => s.id), task_types: [world.layout.name] });
      expect(res.statusCode).toBe(500);
    } finally {
      await sql`DROP TRIGGER refuse_event ON api_event`.execute(ctx.db);
      await sql`DROP FUNCTION refuse_event()`.execute(ctx.db);
    }
    expect(await ctx.db.selectFrom('task').select('id').where('project_id', '=', project.id).execute()).toHaveLength(0);
    expect(await ctx.db.selectFrom('audit_event').select('id').where('project_id', '=', project.id).execute()).toHaveLength(0);
  });

  it('caps the batch size with 413', async () => {
    const ids = Array.from({ length: 1001 }, () => MISSING);
    const res = await bulk(world.coordinator, 'shots', { shot_ids: ids, task_types: ['a', 'b'] });
    expect(res.statusCode).toBe(413);
    expect(res.json().detail).toBe('Batch too large: 2002 items requested, at most 2000 per request');
  });

  it('refuses artists (403) and malformed bodies (400 with a detail)', async () => {
    const artist = await bulk(world.artist, 'shots', { shot_ids: [], task_types: [] });
    expect(artist.statusCode).toBe(403);
    expect(artist.json().detail).toBe('Insufficient permissions');
    const malformed = await bulk(world.coordinator, 'shots', { shot_ids: 'x' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().detail).toMatch(/^Invalid request: /);
  });
});

describe('POST /api/assets/tasks/bulk', () => {
  it('creates asset tasks keyed by asset_id', async () => {
    const asset = await createAssetEntity(ctx, world.project.id, { assetType: 'Prop' });
    const res = await bulk(world.coordinator, 'assets', { asset_ids: [asset.id, world.shot.id], task_types: [world.modeling.name] });
    expect(res.statusCode).toBe(200);
    expect(res.json().results).toEqual([
      { asset_id: asset.id, task_type: world.modeling.name, created: true, task_id: expect.any(String), status: 'not_started' },
      { asset_id: world.shot.id, task_type: world.modeling.name, created: false, task_id: null, status: null, error: 'Asset not found' },
    ]);
  });
});
