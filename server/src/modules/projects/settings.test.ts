import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createTaskType, taskStatusId } from '../../../../test/support/factories.ts';
import { eventsNamed, production, UNKNOWN_ID } from '../breakdown/breakdown.test-support.ts';

let ctx: TestContext;
let p: Awaited<ReturnType<typeof production>>;
let projectId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  p = await production(ctx);
  projectId = p.project.id;
});
afterAll(async () => {
  await ctx.close();
});

const settings = (list: string) => `data/projects/${projectId}/settings/${list}`;

describe('add_asset_type / add_task_type / add_task_status and their removal', () => {
  it('adds an asset type to the project settings (201 with the project) and removes it (204)', async () => {
    const propType = (await ctx.db.insertInto('entity_type').values({ name: 'Prop' }).returning('id').executeTakeFirstOrThrow()).id;
    const res = await p.manager.api.post(settings('asset-types'), { asset_type_id: propType });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: projectId, type: 'Project' });
    const links = () => ctx.db.selectFrom('project_asset_type_link').select('asset_type_id').where('project_id', '=', projectId).execute();
    expect(await links()).toEqual([{ asset_type_id: propType }]);
    expect((await p.manager.api.post(settings('asset-types'), { asset_type_id: propType })).statusCode).toBe(201);
    expect(await links()).toHaveLength(1);
    expect((await p.manager.api.del(`${settings('asset-types')}/${propType}`)).statusCode).toBe(204);
    expect(await links()).toEqual([]);
  });

  it('adds a task type with its priority and removes it', async () => {
    const layout = await createTaskType(ctx, { forEntity: 'Shot' });
    const before = (await eventsNamed(ctx, 'project:update')).length;
    expect((await p.manager.api.post(settings('task-types'), { task_type_id: layout.id, priority: 3 })).statusCode).toBe(201);
    expect((await eventsNamed(ctx, 'project:update')).length).toBe(before + 1);
    const link = await ctx.db.selectFrom('project_task_type_link').select('priority').where('task_type_id', '=', layout.id).executeTakeFirst();
    expect(link).toEqual({ priority: 3 });
    expect((await p.manager.api.del(`${settings('task-types')}/${layout.id}`)).statusCode).toBe(204);
    expect(await ctx.db.selectFrom('project_task_type_link').select('priority').where('task_type_id', '=', layout.id).executeTakeFirst()).toBeUndefined();
  });

  it('lists the project task types by priority for the team (Gazu all_task_types_for_project)', async () => {
    const [anim, layout] = [await createTaskType(ctx, { forEntity: 'Shot' }), await createTaskType(ctx, { forEntity: 'Shot' })];
    await p.manager.api.post(settings('task-types'), { task_type_id: anim.id, priority: 2 });
    await p.manager.api.post(settings('task-types'), { task_type_id: layout.id, priority: 1 });
    const res = await p.artist.api.get(`data/projects/${projectId}/task-types`);
    expect(res.statusCode).toBe(200);
    const ours = res.json().filter((t: { id: string }) => [anim.id, layout.id].includes(t.id));
    expect(ours.map((t: { id: string }) => t.id)).toEqual([layout.id, anim.id]);
    expect(ours[0]).toMatchObject({ type: 'TaskType', project_priority: 1, for_entity: 'Shot' });
    expect((await p.outsider.api.get(`data/projects/${projectId}/task-types`)).statusCode).toBe(403);
    expect((await p.manager.api.get(`data/projects/${UNKNOWN_ID}/task-types`)).statusCode).toBe(404);
    for (const id of [anim.id, layout.id]) expect((await p.manager.api.del(`${settings('task-types')}/${id}`)).statusCode).toBe(204);
  });

  it('adds task statuses, lists them for the team and removes one', async () => {
    const [wip, done] = [await taskStatusId(ctx, 'wip'), await taskStatusId(ctx, 'done')];
    for (const id of [wip, done]) expect((await p.manager.api.post(settings('task-status'), { task_status_id: id })).statusCode).toBe(201);
    const list = await p.artist.api.get(settings('task-status'));
    expect(list.statusCode).toBe(200);
    expect(list.json().map((s: { short_name: string }) => s.short_name).sort()).toEqual(['done', 'wip']);
    expect(list.json()[0]).toMatchObject({ type: 'TaskStatus', name: expect.any(String), color: expect.any(String) });
    expect((await p.manager.api.del(`${settings('task-status')}/${wip}`)).statusCode).toBe(204);
    expect((await p.artist.api.get(settings('task-status'))).json().map((s: { id: string }) => s.id)).toEqual([done]);
  });

  it('refuses artists and outsiders (403), unknown items (400), bad bodies (400) and unknown projects (404)', async () => {
    const wip = await taskStatusId(ctx, 'wip');
    expect((await p.artist.api.post(settings('task-status'), { task_status_id: wip })).statusCode).toBe(403);
    expect((await p.outsider.api.post(settings('task-status'), { task_status_id: wip })).statusCode).toBe(403);
    expect((await p.artist.api.del(`${settings('task-status')}/${wip}`)).statusCode).toBe(403);
    expect((await p.outsider.api.get(settings('task-status'))).statusCode).toBe(403);
    const unknown = await p.manager.api.post(settings('task-types'), { task_type_id: UNKNOWN_ID });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ message: `TaskType with id ${UNKNOWN_ID} not found` });
    expect((await p.manager.api.post(settings('asset-types'), {})).statusCode).toBe(400);
    expect((await p.manager.api.post(settings('task-types'), { task_type_id: UNKNOWN_ID, priority: 'high' })).statusCode).toBe(400);
    expect((await p.admin.api.post(`data/projects/${UNKNOWN_ID}/settings/task-status`, { task_status_id: wip })).statusCode).toBe(404);
  });
});

describe('task type and task status links with priorities', () => {
  it('creates a task type link (201), updates its priority on a second call, then reorders', async () => {
    const [modeling, rigging, surfacing] = await Promise.all([1, 2, 3].map(() => createTaskType(ctx, { forEntity: 'Asset' })));
    const res = await p.manager.api.post('data/task-type-links', { project_id: projectId, task_type_id: modeling!.id, priority: 1 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ project_id: projectId, task_type_id: modeling!.id, priority: 1, type: 'ProjectTaskTypeLink', id: expect.any(String) });
    const update = await p.manager.api.post('data/task-type-links', { project_id: projectId, task_type_id: modeling!.id, priority: 5 });
    expect(update.json()).toMatchObject({ id: res.json().id, priority: 5 });
    await p.manager.api.post('data/task-type-links', { project_id: projectId, task_type_id: rigging!.id });
    await p.manager.api.post('data/task-type-links', { project_id: projectId, task_type_id: surfacing!.id, priority: 2 });

    const reorder = await p.manager.api.post(`actions/projects/${projectId}/task-type-links/reorder`, {
      task_type_ids: [surfacing!.id, modeling!.id, UNKNOWN_ID, rigging!.id],
    });
    expect(reorder.statusCode).toBe(200);
    expect(reorder.json().map((l: { task_type_id: string; priority: number }) => [l.task_type_id, l.priority])).toEqual([
      [surfacing!.id, 1], [modeling!.id, 2], [rigging!.id, 4],
    ]);
    const open = (await p.artist.api.get('data/projects/open')).json()[0];
    expect(open.task_types_priority).toEqual({ [surfacing!.id]: 1, [modeling!.id]: 2, [rigging!.id]: 4 });
    expect(open.task_types).toEqual([surfacing!.id, modeling!.id, rigging!.id]);
  });

  it('creates task status links with board roles and reorders them keeping the roles', async () => {
    const [todo, wfa] = [await taskStatusId(ctx, 'todo'), await taskStatusId(ctx, 'wfa')];
    const res = await p.manager.api.post('data/task-status-links', {
      project_id: projectId, task_status_id: todo, priority: 2, roles_for_board: ['admin', 'manager'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ task_status_id: todo, priority: 2, roles_for_board: ['admin', 'manager'], type: 'ProjectTaskStatusLink' });
    await p.manager.api.post('data/task-status-links', { project_id: projectId, task_status_id: wfa, priority: 1 });

    const reorder = await p.manager.api.post(`actions/projects/${projectId}/task-status-links/reorder`, { task_status_ids: [todo, wfa] });
    expect(reorder.statusCode).toBe(200);
    expect(reorder.json()).toEqual([
      expect.objectContaining({ task_status_id: todo, priority: 1, roles_for_board: ['admin', 'manager'] }),
      expect.objectContaining({ task_status_id: wfa, priority: 2 }),
    ]);
  });

  it('refuses non-managers (403) and malformed bodies (400)', async () => {
    const modeling = await createTaskType(ctx, { forEntity: 'Asset' });
    expect((await p.artist.api.post('data/task-type-links', { project_id: projectId, task_type_id: modeling.id })).statusCode).toBe(403);
    expect((await p.outsider.api.post('data/task-type-links', { project_id: projectId, task_type_id: modeling.id })).statusCode).toBe(403);
    expect((await p.manager.api.post('data/task-type-links', { project_id: projectId })).statusCode).toBe(400);
    expect((await p.manager.api.post('data/task-type-links', { project_id: projectId, task_type_id: 'x' })).statusCode).toBe(400);
    expect((await p.manager.api.post('data/task-type-links', { project_id: projectId, task_type_id: UNKNOWN_ID })).statusCode).toBe(400);
    const noList = await p.manager.api.post(`actions/projects/${projectId}/task-type-links/reorder`, { ids: [] });
    expect(noList.statusCode).toBe(400);
    expect(noList.json()).toMatchObject({ message: "Request body must be a JSON object with a 'task_type_ids' list." });
    expect((await p.artist.api.post(`actions/projects/${projectId}/task-status-links/reorder`, { task_status_ids: [] })).statusCode).toBe(403);
    expect((await p.manager.api.post(`actions/projects/${UNKNOWN_ID}/task-type-links/reorder`, { task_type_ids: [] })).statusCode).toBe(404);
  });
});
