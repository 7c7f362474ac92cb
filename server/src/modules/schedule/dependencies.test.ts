import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createProject, createTestTask } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createEntity, productionSetup } from '../time-spents/test-fixtures.ts';

let ctx: TestContext;
let setup: Awaited<ReturnType<typeof productionSetup>>;
let layout: string;
let animation: string;
let lighting: string;
let elsewhere: string;

beforeAll(async () => {
  ctx = await createTestContext();
  setup = await productionSetup(ctx);
  const make = async (name: string) =>
    (await createTestTask(ctx, { projectId: setup.project.id, entityId: setup.shot.id, taskTypeId: setup.animation.id, name, dueDate: '2099-01-01T00:00:00' })).id;
  layout = await make('layout');
  animation = await make('animation');
  lighting = await make('lighting');
  const other = await createProject(ctx, { team: [{ id: setup.manager.id }] });
  const otherShot = await createEntity(ctx, { projectId: other.id, kind: 'Shot' });
  elsewhere = (await createTestTask(ctx, { projectId: other.id, entityId: otherShot.id, taskTypeId: setup.animation.id })).id;
});
afterAll(async () => {
  await ctx.close();
});

const link = (taskId: string, dependsOn: string, token = setup.manager.token) =>
  ctx.app.inject({ method: 'POST', url: `/api/data/tasks/${taskId}/dependencies`, headers: bearer(token), payload: { depends_on_task_id: dependsOn } });

describe('data/tasks/<id>/dependencies', () => {
  it('lets a manager link tasks (201) and lists the predecessors', async () => {
    const res = await link(animation, layout);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      type: 'TaskDependency',
      task_id: animation,
      depends_on_task_id: layout,
      project_id: setup.project.id,
      created_by: setup.manager.id,
      depends_on_task_name: 'layout',
      depends_on_entity_name: setup.shot.name,
      depends_on_task_status_short_name: 'todo',
      depends_on_due_date: '2099-01-01T00:00:00',
      depends_on_end_date: null,
    });
    expect((await link(lighting, animation)).statusCode).toBe(201);
    const list = await ctx.app.inject({ method: 'GET', url: `/api/data/tasks/${lighting}/dependencies`, headers: bearer(setup.artist.token) });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((row: { depends_on_task_id: string }) => row.depends_on_task_id)).toEqual([animation]);
    const events = await ctx.db.selectFrom('api_event').select('name').where('name', '=', 'task-dependency:new').execute();
    expect(events).toHaveLength(2);
  });

  it('refuses self links, other projects, duplicates and cycles (400)', async () => {
    const cases: Array<[string, string, string]> = [
      [layout, layout, 'A task cannot depend on itself.'],
      [layout, elsewhere, 'A task can only depend on a task of the same project.'],
      [animation, layout, 'This dependency already exists.'],
      [layout, lighting, 'This dependency would create a cycle.'],
    ];
    for (const [taskId, dependsOn, message] of cases) {
      const res = await link(taskId, dependsOn);
      expect(res.statusCode, message).toBe(400);
      expect(res.json()).toMatchObject({ error: true, message });
    }
    expect((await ctx.app.inject({ method: 'POST', url: `/api/data/tasks/${layout}/dependencies`, headers: bearer(setup.manager.token), payload: {} })).statusCode).toBe(400);
  });

  it('refuses artists (403), outsiders on reads (403) and unknown tasks (404)', async () => {
    expect((await link(lighting, layout, setup.artist.token)).statusCode).toBe(403);
    const read = await ctx.app.inject({ method: 'GET', url: `/api/data/tasks/${lighting}/dependencies`, headers: bearer(setup.outsider.token) });
    expect(read.statusCode).toBe(403);
    expect((await link(lighting, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await link('00000000-0000-4000-8000-000000000000', layout)).statusCode).toBe(404);
  });

  it('removes a link (204), then 404; deleting a task drops its links', async () => {
    const url = `/api/data/tasks/${lighting}/dependencies/${animation}`;
    expect((await ctx.app.inject({ method: 'DELETE', url, headers: bearer(setup.artist.token) })).statusCode).toBe(403);
    const res = await ctx.app.inject({ method: 'DELETE', url, headers: bearer(setup.manager.token) });
    expect(res.statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'DELETE', url, headers: bearer(setup.manager.token) })).statusCode).toBe(404);
    await ctx.db.deleteFrom('task').where('id', '=', layout).execute();
    const left = await ctx.db.selectFrom('task_dependency').select('id').where('depends_on_task_id', '=', layout).execute();
    expect(left).toEqual([]);
  });
});
