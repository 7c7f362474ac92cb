import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createShotEntity, createTestTask, taskStatusId } from '../../../../test/support/factories.ts';
import type { EntityTaskRow, FullTask, TaskRow, TaskTypeRow } from '../../../../packages/contracts/src/tasks.schema.ts';
import { call, setupProduction, type Production } from './tasks.fixtures.ts';

let ctx: TestContext;
let p: Production;
let episode: { id: string };
let episodeShot: { id: string; sequenceId: string };
let episodeShotTask: { id: string };
let episodeAssetTask: { id: string };

beforeAll(async () => {
  ctx = await createTestContext();
  p = await setupProduction(ctx);
  const types = Object.fromEntries(
    (await ctx.db.selectFrom('entity_type').select(['id', 'name']).where('name', 'in', ['Episode', 'Sequence', 'Shot']).execute()).map((row) => [row.name, row.id]),
  );
  episode = await ctx.db.insertInto('entity').values({ name: 'E01', project_id: p.project.id, entity_type_id: types.Episode! }).returning('id').executeTakeFirstOrThrow();
  const sequence = await ctx.db.insertInto('entity').values({ name: 'SQ01', project_id: p.project.id, entity_type_id: types.Sequence!, parent_id: episode.id })
    .returning('id').executeTakeFirstOrThrow();
  const shot = await ctx.db.insertInto('entity').values({ name: 'SH010', project_id: p.project.id, entity_type_id: types.Shot!, parent_id: sequence.id })
    .returning('id').executeTakeFirstOrThrow();
  episodeShot = { id: shot.id, sequenceId: sequence.id };
  episodeShotTask = await createTestTask(ctx, { projectId: p.project.id, entityId: shot.id, taskTypeId: p.animation.id, assignees: [p.vendor.id] });
  await ctx.db.updateTable('entity').set({ source_id: episode.id }).where('id', '=', p.asset.id).execute();
  episodeAssetTask = await createTestTask(ctx, { projectId: p.project.id, entityId: p.asset.id, taskTypeId: p.modeling.id });
});
afterAll(async () => {
  await ctx.close();
});

describe('entity task lookups (Gazu all_tasks_for_shot / _asset / _sequence / _episode)', () => {
  it('GET data/shots/<id>/tasks?relations=True returns task rows with names and assignee ids', async () => {
    const res = await call<EntityTaskRow[]>(ctx, p.artist, 'GET', `data/shots/${p.shot.id}/tasks?relations=True`);
    expect(res.status).toBe(200);
    expect(res.body.map((task) => task.id).sort()).toEqual([p.task.id, p.animTask.id].sort());
    const layout = res.body.find((task) => task.id === p.task.id)!;
    expect(layout).toMatchObject({
      type: 'Task',
      name: 'main',
      entity_id: p.shot.id,
      task_type_id: p.layout.id,
      task_type_name: p.layout.name,
      task_status_name: 'Not Started',
      entity_name: p.shot.name,
      entity_type_name: 'Shot',
      project_name: p.project.name,
      retake_count: 0,
      duration: 0,
      real_start_date: null,
    });
    expect(layout.assignees!.sort()).toEqual([p.artist.id, p.artist2.id].sort());
    expect(layout.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(layout).not.toHaveProperty('created_by');
  });

  it('leaves assignees out without relations', async () => {
    const res = await call<EntityTaskRow[]>(ctx, p.artist, 'GET', `data/shots/${p.shot.id}/tasks`);
    expect(res.body[0]).not.toHaveProperty('assignees');
  });

  it('answers 404 for an unknown id or an entity of another kind, 403 outside the team', async () => {
    expect((await call(ctx, p.artist, 'GET', `data/shots/${crypto.randomUUID()}/tasks`)).status).toBe(404);
    expect((await call(ctx, p.artist, 'GET', `data/shots/${p.asset.id}/tasks`)).status).toBe(404);
    expect((await call(ctx, p.artist, 'GET', 'data/shots/nope/tasks')).status).toBe(404);
    const outside = await call(ctx, p.outsider, 'GET', `data/shots/${p.shot.id}/tasks`);
    expect(outside.status).toBe(403);
    expect(outside.body).toMatchObject({ error: true });
  });

  it('GET data/assets/<id>/tasks, data/sequences/<id>/shot-tasks, data/episodes/<id>/shot-tasks and asset-tasks', async () => {
    const assetTasks = await call<EntityTaskRow[]>(ctx, p.manager, 'GET', `data/assets/${p.asset.id}/tasks?relations=true`);
    expect(assetTasks.body.map((task) => task.id)).toEqual([episodeAssetTask.id]);
    const sequenceShots = await call<EntityTaskRow[]>(ctx, p.manager, 'GET', `data/sequences/${episodeShot.sequenceId}/shot-tasks`);
    expect(sequenceShots.body.map((task) => task.id)).toEqual([episodeShotTask.id]);
    const episodeShots = await call<EntityTaskRow[]>(ctx, p.manager, 'GET', `data/episodes/${episode.id}/shot-tasks`);
    expect(episodeShots.body.map((task) => task.id)).toEqual([episodeShotTask.id]);
    const episodeAssets = await call<EntityTaskRow[]>(ctx, p.manager, 'GET', `data/episodes/${episode.id}/asset-tasks`);
    expect(episodeAssets.body.map((task) => task.id)).toEqual([episodeAssetTask.id]);
    expect((await call(ctx, p.vendor, 'GET', `data/episodes/${episode.id}/shot-tasks`)).status).toBe(403);
  });

  it('vendors only see the tasks they are assigned to, and no other entity', async () => {
    const own = await call<EntityTaskRow[]>(ctx, p.vendor, 'GET', `data/shots/${episodeShot.id}/tasks`);
    expect(own.body.map((task) => task.id)).toEqual([episodeShotTask.id]);
    expect((await call(ctx, p.vendor, 'GET', `data/shots/${p.shot.id}/tasks`)).status).toBe(403);
  });

  it('GET data/<kind>/<id>/task-types lists the task types having tasks there', async () => {
    const shotTypes = await call<TaskTypeRow[]>(ctx, p.artist, 'GET', `data/shots/${p.shot.id}/task-types`);
    expect(shotTypes.status).toBe(200);
    expect(shotTypes.body.map((type) => type.id).sort()).toEqual([p.layout.id, p.animation.id].sort());
    expect(shotTypes.body[0]).toMatchObject({ type: 'TaskType', for_entity: 'Shot' });
    const sequenceTypes = await call<TaskTypeRow[]>(ctx, p.artist, 'GET', `data/sequences/${episodeShot.sequenceId}/task-types`);
    expect(sequenceTypes.body.map((type) => type.id)).toEqual([p.animation.id]);
    const episodeTypes = await call<TaskTypeRow[]>(ctx, p.artist, 'GET', `data/episodes/${episode.id}/task-types`);
    expect(episodeTypes.body.map((type) => type.id)).toEqual([p.animation.id]);
    const assetTypes = await call<TaskTypeRow[]>(ctx, p.artist, 'GET', `data/assets/${p.asset.id}/task-types`);
    expect(assetTypes.body.map((type) => type.id)).toEqual([p.modeling.id]);
  });

  it('GET data/entities/<id>/task-types/<ttid>/tasks', async () => {
    const res = await call<TaskRow[]>(ctx, p.artist, 'GET', `data/entities/${p.shot.id}/task-types/${p.layout.id}/tasks`);
    expect(res.status).toBe(200);
    expect(res.body.map((task) => task.id)).toEqual([p.task.id]);
    expect(res.body[0]).not.toHaveProperty('task_type_name');
    expect((await call(ctx, p.artist, 'GET', `data/entities/${crypto.randomUUID()}/task-types/${p.layout.id}/tasks`)).status).toBe(404);
  });
});

describe('GET data/projects/<id>/tasks (Gazu all_tasks_for_project)', () => {
  it('returns a bare array of every task with assignees, filtered by task type and episode', async () => {
    const all = await call<TaskRow[]>(ctx, p.artist, 'GET', `data/projects/${p.project.id}/tasks`);
    expect(all.status).toBe(200);
    expect(all.body).toHaveLength(4);
    expect(all.body.every((task) => Array.isArray(task.assignees))).toBe(true);
    const byType = await call<TaskRow[]>(ctx, p.artist, 'GET', `data/projects/${p.project.id}/tasks?task_type_id=${p.animation.id}`);
    expect(byType.body.map((task) => task.id).sort()).toEqual([p.animTask.id, episodeShotTask.id].sort());
    const byEpisode = await call<TaskRow[]>(ctx, p.artist, 'GET', `data/projects/${p.project.id}/tasks?task_type_id=${p.animation.id}&episode_id=${episode.id}`);
    expect(byEpisode.body.map((task) => task.id)).toEqual([episodeShotTask.id]);
  });

  it('pages with page/limit (§8.4)', async () => {
    const page = await call<{ data: TaskRow[]; total: number; nb_pages: number; limit: number; offset: number; page: number }>(
      ctx, p.artist, 'GET', `data/projects/${p.project.id}/tasks?page=2&limit=3`,
    );
    expect(page.body).toMatchObject({ total: 4, nb_pages: 2, limit: 3, offset: 3, page: 2 });
    expect(page.body.data).toHaveLength(1);
    const past = await call(ctx, p.artist, 'GET', `data/projects/${p.project.id}/tasks?page=9&limit=3`);
    expect(past.body).toMatchObject({ data: [], total: 0, page: 9 });
    expect((await call(ctx, p.artist, 'GET', `data/projects/${p.project.id}/tasks?page=x`)).status).toBe(400);
  });

  it('is for team members: 403 outside, 404 for an unknown project', async () => {
    expect((await call(ctx, p.outsider, 'GET', `data/projects/${p.project.id}/tasks`)).status).toBe(403);
    expect((await call(ctx, p.admin, 'GET', `data/projects/${crypto.randomUUID()}/tasks`)).status).toBe(404);
  });
});

describe('GET data/tasks/<id>/full (Gazu get_task)', () => {
  it('returns the task with entity, type, status, project, assignees, assigner, subscription, sequence', async () => {
    await ctx.db.updateTable('task').set({ assigner_id: p.manager.id }).where('id', '=', p.task.id).execute();
    await ctx.db.insertInto('subscription').values({ person_id: p.artist.id, task_id: p.task.id }).execute();
    const res = await call<FullTask>(ctx, p.artist, 'GET', `data/tasks/${p.task.id}/full`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: p.task.id,
      type: 'Task',
      is_subscribed: true,
      entity: { id: p.shot.id, type: 'Shot', name: p.shot.name },
      entity_type: { name: 'Shot' },
      project: { id: p.project.id, name: p.project.name, type: 'Project' },
      task_status: { id: await taskStatusId(ctx, 'todo'), short_name: 'todo', type: 'TaskStatus' },
      task_type: { id: p.layout.id, type: 'TaskType' },
      assigner: { id: p.manager.id, type: 'Person' },
      sequence: { id: p.shot.sequence_id, type: 'Sequence' },
    });
    expect(res.body.assignees.sort()).toEqual([p.artist.id, p.artist2.id].sort());
    const persons = res.body.persons as Array<Record<string, unknown>>;
    expect(persons.map((person) => person.id).sort()).toEqual([p.artist.id, p.artist2.id].sort());
    expect(persons[0]).toHaveProperty('full_name');
    expect(persons[0]).not.toHaveProperty('password');
    expect(persons[0]).not.toHaveProperty('email'); // artists get the minimal view of others
    expect((res.body.entity as Record<string, unknown>).created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(res.body).not.toHaveProperty('episode');
    const managerView = await call<FullTask>(ctx, p.manager, 'GET', `data/tasks/${p.task.id}/full`);
    expect(managerView.body.is_subscribed).toBe(false);
    expect((managerView.body.persons as Array<Record<string, unknown>>)[0]).toHaveProperty('email');
  });

  it('adds the episode of a shot in an episode', async () => {
    const res = await call<FullTask>(ctx, p.manager, 'GET', `data/tasks/${episodeShotTask.id}/full`);
    expect(res.body).toMatchObject({ sequence: { id: episodeShot.sequenceId }, episode: { id: episode.id, type: 'Episode' } });
  });

  it('answers 404 for an unknown task and 403 outside the team', async () => {
    expect((await call(ctx, p.artist, 'GET', `data/tasks/${crypto.randomUUID()}/full`)).status).toBe(404);
    expect((await call(ctx, p.outsider, 'GET', `data/tasks/${p.task.id}/full`)).status).toBe(403);
  });

  it('still finds a shot task without a sequence', async () => {
    const shot = await createShotEntity(ctx, p.project.id);
    await ctx.db.updateTable('entity').set({ parent_id: null }).where('id', '=', shot.id).execute();
    const task = await createTestTask(ctx, { projectId: p.project.id, entityId: shot.id, taskTypeId: p.layout.id });
    const res = await call<FullTask>(ctx, p.manager, 'GET', `data/tasks/${task.id}/full`);
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('sequence');
    expect(res.body.persons).toEqual([]);
  });
});
