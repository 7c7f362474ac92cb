import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createAssetEntity, createProject, createShotEntity, createTaskType, linkProjectTaskTypes, taskStatusId } from '../../../../test/support/factories.ts';
import type { CreatedTaskRow } from '../../../../packages/contracts/src/tasks.schema.ts';
import { call, eventsAbout, setupProduction, type Production } from './tasks.fixtures.ts';

let ctx: TestContext;
let p: Production;

beforeAll(async () => {
  ctx = await createTestContext();
  p = await setupProduction(ctx);
});
afterAll(async () => {
  await ctx.close();
});

const tasksOf = (entityId: string) => ctx.db.selectFrom('task').selectAll().where('entity_id', '=', entityId).execute();

describe('POST data/entities/<id>/tasks (Gazu create_entity_tasks)', () => {
  it('creates the tasks of the given types with the default status, skipping existing ones', async () => {
    const shot = await createShotEntity(ctx, p.project.id);
    const first = await call<CreatedTaskRow[]>(ctx, p.manager, 'POST', `data/entities/${shot.id}/tasks`, { task_type_ids: [p.layout.id] });
    expect(first.status).toBe(201);
    expect(first.body).toHaveLength(1);
    expect(first.body[0]).toMatchObject({
      type: 'Task',
      name: 'main',
      entity_id: shot.id,
      project_id: p.project.id,
      task_type_id: p.layout.id,
      task_status_id: await taskStatusId(ctx, 'todo'),
      task_status_short_name: 'todo',
      task_type_name: p.layout.name,
      assignees: [],
      assigner_id: p.manager.id,
    });
    const events = await eventsAbout(ctx, 'task_id', first.body[0]!.id);
    expect(events.map((event) => event.name)).toEqual(['task:new']);

    const second = await call<CreatedTaskRow[]>(ctx, p.manager, 'POST', `data/entities/${shot.id}/tasks`, { task_type_ids: [p.layout.id, p.animation.id] });
    expect(second.status).toBe(201);
    expect(second.body.map((task) => task.task_type_id)).toEqual([p.animation.id]);
    expect(await tasksOf(shot.id)).toHaveLength(2);
  });

  it('an empty list means every task type of the project matching the entity kind', async () => {
    const shot = await createShotEntity(ctx, p.project.id);
    const res = await call<CreatedTaskRow[]>(ctx, p.artist, 'POST', `data/entities/${shot.id}/tasks`, { task_type_ids: [] });
    expect(res.status).toBe(201);
    expect(res.body.map((task) => task.task_type_id).sort()).toEqual([p.layout.id, p.animation.id].sort());
  });

  it("starts tasks in the project's own default status when it has one (seed 001)", async () => {
    const project = await createProject(ctx, { team: [{ id: p.manager.id }] });
    await linkProjectTaskTypes(ctx, project.id, [p.layout.id]);
    const custom = await ctx.db.insertInto('task_status')
      .values({ name: 'Blocked', short_name: 'blk', color: '#000000', is_default: true, project_id: project.id })
      .returning('id').executeTakeFirstOrThrow();
    const shot = await createShotEntity(ctx, project.id);
    const res = await call<CreatedTaskRow[]>(ctx, p.manager, 'POST', `data/entities/${shot.id}/tasks`, { task_type_ids: [] });
    expect(res.body.map((task) => task.task_status_id)).toEqual([custom.id]);
    const taskId = res.body[0]!.id;
    const posted = await call<{ id: string }>(ctx, p.manager, 'POST', `actions/tasks/${taskId}/comment`, { task_status_id: await taskStatusId(ctx, 'wip') });
    await call(ctx, p.manager, 'DELETE', `data/comments/${posted.body.id}`);
    const row = await ctx.db.selectFrom('task').select('task_status_id').where('id', '=', taskId).executeTakeFirstOrThrow();
    expect(row.task_status_id).toBe(custom.id);
  });

  it('rejects a task type of another kind, one not enabled in the project, or outside the asset type workflow (400)', async () => {
    const wrongKind = await call(ctx, p.manager, 'POST', `data/entities/${p.asset.id}/tasks`, { task_type_ids: [p.layout.id] });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body).toMatchObject({ error: true, message: `Task type ${p.layout.id} is for Shot entities, got Asset.` });

    const unlinked = await createTaskType(ctx, { forEntity: 'Asset' });
    const notEnabled = await call(ctx, p.manager, 'POST', `data/entities/${p.asset.id}/tasks`, { task_type_ids: [unlinked.id] });
    expect(notEnabled.status).toBe(400);
    expect(notEnabled.body.message).toMatch(/is not enabled in project/);

    const rigging = await createTaskType(ctx, { forEntity: 'Asset' });
    await linkProjectTaskTypes(ctx, p.project.id, [rigging.id]);
    const prop = await createAssetEntity(ctx, p.project.id, { assetType: `Prop${Date.now()}` });
    await ctx.db.insertInto('entity_type_task_type_link').values({ entity_type_id: prop.entity_type_id, task_type_id: p.modeling.id }).execute();
    const outside = await call(ctx, p.manager, 'POST', `data/entities/${prop.id}/tasks`, { task_type_ids: [rigging.id] });
    expect(outside.status).toBe(400);
    expect(outside.body.message).toMatch(/not in the workflow/);
    const workflow = await call<CreatedTaskRow[]>(ctx, p.manager, 'POST', `data/entities/${prop.id}/tasks`, { task_type_ids: [] });
    expect(workflow.body.map((task) => task.task_type_id)).toEqual([p.modeling.id]);
    expect(await tasksOf(p.asset.id)).toHaveLength(0);
  });

  it('answers 404 for an unknown entity or task type, 403 for clients, vendors and outsiders, 400 for a bad body', async () => {
    const shot = await createShotEntity(ctx, p.project.id);
    expect((await call(ctx, p.manager, 'POST', `data/entities/${crypto.randomUUID()}/tasks`, { task_type_ids: [] })).status).toBe(404);
    expect((await call(ctx, p.manager, 'POST', `data/entities/${shot.id}/tasks`, { task_type_ids: [crypto.randomUUID()] })).status).toBe(404);
    expect((await call(ctx, p.client, 'POST', `data/entities/${shot.id}/tasks`, { task_type_ids: [] })).status).toBe(403);
    expect((await call(ctx, p.outsider, 'POST', `data/entities/${shot.id}/tasks`, { task_type_ids: [] })).status).toBe(403);
    expect((await call(ctx, p.manager, 'POST', `data/entities/${shot.id}/tasks`, { task_type_ids: [{ id: 'layout' }] })).status).toBe(400);
    expect(await tasksOf(shot.id)).toHaveLength(0);
  });
});

describe('POST actions/projects/<pid>/task-types/<ttid>/shots|assets/create-tasks', () => {
  it('creates one task per shot of the project, and is idempotent', async () => {
    const extra = await createShotEntity(ctx, p.project.id);
    const url = `actions/projects/${p.project.id}/task-types/${p.layout.id}/shots/create-tasks`;
    const first = await call<CreatedTaskRow[]>(ctx, p.manager, 'POST', url);
    expect(first.status).toBe(201);
    expect(first.body.map((task) => task.entity_id)).toContain(extra.id);
    expect(first.body.map((task) => task.entity_id)).not.toContain(p.shot.id); // already had a layout task
    const again = await call<CreatedTaskRow[]>(ctx, p.manager, 'POST', url);
    expect(again.status).toBe(201);
    expect(again.body).toEqual([]);
    const concurrent = await Promise.all([call(ctx, p.manager, 'POST', url), call(ctx, p.manager, 'POST', url)]);
    expect(concurrent.map((res) => res.status)).toEqual([201, 201]);
    const count = await ctx.db.selectFrom('task').select((eb) => eb.fn.countAll<string>().as('n')).where('entity_id', '=', extra.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('takes an optional JSON array of ids', async () => {
    const [a, b] = [await createAssetEntity(ctx, p.project.id), await createAssetEntity(ctx, p.project.id)];
    const res = await call<CreatedTaskRow[]>(ctx, p.manager, 'POST', `actions/projects/${p.project.id}/task-types/${p.modeling.id}/assets/create-tasks`, [a.id]);
    expect(res.status).toBe(201);
    expect(res.body.map((task) => task.entity_id)).toEqual([a.id]);
    expect(await tasksOf(b.id)).toHaveLength(0);
  });

  it('is for managers of the project; the task type must be for that kind', async () => {
    const url = `actions/projects/${p.project.id}/task-types/${p.layout.id}/shots/create-tasks`;
    expect((await call(ctx, p.artist, 'POST', url)).status).toBe(403);
    expect((await call(ctx, p.supervisor, 'POST', url)).status).toBe(403);
    const mismatch = await call(ctx, p.manager, 'POST', `actions/projects/${p.project.id}/task-types/${p.layout.id}/assets/create-tasks`);
    expect(mismatch.status).toBe(400);
    expect((await call(ctx, p.manager, 'POST', `actions/projects/${p.project.id}/task-types/${crypto.randomUUID()}/shots/create-tasks`)).status).toBe(404);
    expect((await call(ctx, p.manager, 'POST', url, { ids: 'x' })).status).toBe(400);
  });
});
