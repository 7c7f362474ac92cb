import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestTask, entityTypeId } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createEntity, productionSetup } from '../time-spents/test-fixtures.ts';

let ctx: TestContext;
let setup: Awaited<ReturnType<typeof productionSetup>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  setup = await productionSetup(ctx);
  const { project, sequence, shot, asset, animation, modeling, artist } = setup;
  const otherSequence = await createEntity(ctx, { projectId: project.id, kind: 'Sequence', name: 'SQ_B' });
  const otherShot = await createEntity(ctx, { projectId: project.id, kind: 'Shot', parentId: otherSequence.id, name: 'SH_B' });
  ids.otherSequence = otherSequence.id;
  ids.shotTask = (await createTestTask(ctx, {
    projectId: project.id, entityId: shot.id, taskTypeId: animation.id, assignees: [artist.id],
    startDate: '2024-03-01T09:00:00', dueDate: '2024-03-15T18:00:00',
  })).id;
  await ctx.db.updateTable('task').set({ real_start_date: '2024-03-02T10:00:00', end_date: '2024-03-16T11:00:00' }).where('id', '=', ids.shotTask).execute();
  ids.otherShotTask = (await createTestTask(ctx, {
    projectId: project.id, entityId: otherShot.id, taskTypeId: animation.id, startDate: '2024-04-01T09:00:00', dueDate: '2024-04-10T18:00:00',
  })).id;
  ids.assetTask = (await createTestTask(ctx, {
    projectId: project.id, entityId: asset.id, taskTypeId: modeling.id, startDate: '2024-02-01T09:00:00', dueDate: '2024-02-20T18:00:00',
  })).id;
  ids.undated = (await createTestTask(ctx, { projectId: project.id, entityId: shot.id, taskTypeId: animation.id, name: 'undated' })).id;
  const canceled = await createEntity(ctx, { projectId: project.id, kind: 'Shot', parentId: sequence.id, canceled: true });
  await createTestTask(ctx, { projectId: project.id, entityId: canceled.id, taskTypeId: animation.id, startDate: '2024-01-01T00:00:00' });
  ids.characterType = await entityTypeId(ctx, 'Character');
  await ctx.db.insertInto('milestone').values([
    { project_id: project.id, name: 'Animatic lock', date: '2024-03-20' },
    { project_id: project.id, name: 'Modeling review', date: '2024-02-25', task_type_id: modeling.id },
  ]).execute();
});
afterAll(async () => {
  await ctx.close();
});

const timeline = (query = '', token = setup.artist.token) =>
  ctx.app.inject({ method: 'GET', url: `/api/data/projects/${setup.project.id}/timeline${query}`, headers: bearer(token) });
type Task = Record<string, unknown> & { task_id: string };

describe('GET data/projects/<id>/timeline', () => {
  it('returns the task date ranges in start order, the names to group by, and the milestones', async () => {
    const res = await timeline();
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.project_id).toBe(setup.project.id);
    expect((body.tasks as Task[]).map((task) => task.task_id)).toEqual([ids.assetTask, ids.shotTask, ids.otherShotTask, ids.undated]);
    expect((body.tasks as Task[])[1]).toEqual({
      task_id: ids.shotTask,
      task_name: 'main',
      entity_id: setup.shot.id,
      entity_name: setup.shot.name,
      entity_type_name: 'Shot',
      sequence_id: setup.sequence.id,
      sequence_name: setup.sequence.name,
      episode_id: null,
      episode_name: null,
      asset_type_id: null,
      asset_type_name: null,
      task_type_id: setup.animation.id,
      task_type_name: setup.animation.name,
      task_type_color: setup.animation.color,
      task_status_id: expect.any(String),
      task_status_short_name: 'todo',
      task_status_color: expect.any(String),
      is_done: false,
      assignees: [setup.artist.id],
      start_date: '2024-03-01T09:00:00',
      due_date: '2024-03-15T18:00:00',
      real_start_date: '2024-03-02T10:00:00',
      end_date: '2024-03-16T11:00:00',
      estimation: 0,
      duration: 0,
    });
    expect((body.tasks as Task[])[0]).toMatchObject({ asset_type_id: ids.characterType, asset_type_name: 'Character', sequence_id: null });
    expect(body.milestones.map((milestone: { name: string; date: string }) => [milestone.name, milestone.date])).toEqual([
      ['Modeling review', '2024-02-25'], ['Animatic lock', '2024-03-20'],
    ]);
  });

  it('filters by task type, sequence and asset type', async () => {
    const idsOf = async (query: string) => ((await timeline(query)).json().tasks as Task[]).map((task) => task.task_id);
    expect(await idsOf(`?task_type_id=${setup.modeling.id}`)).toEqual([ids.assetTask]);
    expect(await idsOf(`?sequence_id=${ids.otherSequence}`)).toEqual([ids.otherShotTask]);
    expect(await idsOf(`?asset_type_id=${ids.characterType}`)).toEqual([ids.assetTask]);
    const byType = (await timeline(`?task_type_id=${setup.modeling.id}`)).json();
    expect(byType.milestones.map((milestone: { name: string }) => milestone.name)).toEqual(['Modeling review', 'Animatic lock']);
    expect((await timeline('?sequence_id=nope')).statusCode).toBe(400);
  });

  it('adds group bars spanning planned and real dates with group_by', async () => {
    const body = (await timeline('?group_by=sequence')).json();
    expect(body.groups).toEqual([
      { id: null, name: null, start_date: '2024-02-01T09:00:00', end_date: '2024-02-20T18:00:00', task_ids: [ids.assetTask] },
      { id: setup.sequence.id, name: setup.sequence.name, start_date: '2024-03-01T09:00:00', end_date: '2024-03-16T11:00:00', task_ids: [ids.shotTask, ids.undated] },
      { id: ids.otherSequence, name: 'SQ_B', start_date: '2024-04-01T09:00:00', end_date: '2024-04-10T18:00:00', task_ids: [ids.otherShotTask] },
    ]);
    expect((await timeline('?group_by=planet')).statusCode).toBe(400);
  });

  it('refuses people outside the team (403)', async () => {
    expect((await timeline('', setup.outsider.token)).statusCode).toBe(403);
  });

  it('is documented in the OpenAPI document, with the schedule-risk route', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/data/projects/{project_id}/timeline', '/api/data/projects/{project_id}/schedule-risks']) {
      const get = doc.paths[path]?.get;
      expect(get, path).toBeDefined();
      expect(get.tags).toEqual(['schedule']);
      expect(get.summary).toEqual(expect.any(String));
      expect(JSON.stringify(get.responses['200'])).toContain('description');
    }
    expect(JSON.stringify(doc.paths['/api/data/projects/{project_id}/schedule-risks'].get.responses['200'])).toContain('predecessor_late');
  });
});
