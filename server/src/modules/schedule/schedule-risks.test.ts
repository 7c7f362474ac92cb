import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestTask, personWithToken, type TestTaskOptions } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createEntity, productionSetup } from '../time-spents/test-fixtures.ts';

let ctx: TestContext;
let setup: Awaited<ReturnType<typeof productionSetup>>;
const ids: Record<string, string> = {};

async function task(name: string, options: Partial<TestTaskOptions> = {}) {
  const row = await createTestTask(ctx, { projectId: setup.project.id, entityId: setup.shot.id, taskTypeId: setup.animation.id, name, ...options });
  ids[name] = row.id;
  return row.id;
}

async function depend(taskId: string, dependsOnTaskId: string) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/data/tasks/${taskId}/dependencies`,
    headers: bearer(setup.manager.token),
    payload: { depends_on_task_id: dependsOnTaskId },
  });
  expect(res.statusCode).toBe(201);
}

/**
 * One task of each risk kind (overdue twice, to check the order), plus tasks that must not appear: a
 * safe one, a done overdue one, an overdue one on a canceled shot, and a late predecessor of nobody.
 */
beforeAll(async () => {
  ctx = await createTestContext();
  setup = await productionSetup(ctx);
  const { artist } = setup;
  await task('overdue-2020', { dueDate: '2020-01-01T18:00:00', assignees: [artist.id] });
  await task('overdue-2021', { dueDate: '2021-01-01T18:00:00', status: 'wip' });
  await task('over-estimate', { dueDate: '2099-01-01T18:00:00', estimation: 600, duration: 900 });
  const predecessor = await task('late-predecessor', { dueDate: '2099-02-01T18:00:00', status: 'wip' });
  const waiting = await task('predecessor-late', { dueDate: '2099-01-10T18:00:00' });
  await depend(waiting, predecessor);

  const donePredecessor = await task('done-predecessor', { status: 'done', dueDate: '2098-01-01T00:00:00', endDate: '2024-01-01T10:00:00' });
  const safe = await task('safe', { dueDate: '2099-06-01T18:00:00', estimation: 600, duration: 100 });
  await depend(safe, donePredecessor);
  await task('done-overdue', { status: 'done', dueDate: '2020-01-01T18:00:00', estimation: 10, duration: 500 });
  const canceled = await createEntity(ctx, { projectId: setup.project.id, kind: 'Shot', parentId: setup.sequence.id, canceled: true });
  await task('canceled-overdue', { entityId: canceled.id, dueDate: '2020-01-01T18:00:00' });
});
afterAll(async () => {
  await ctx.close();
});

const risks = (token: string, projectId = setup.project.id) =>
  ctx.app.inject({ method: 'GET', url: `/api/data/projects/${projectId}/schedule-risks`, headers: bearer(token) });

describe('GET data/projects/<id>/schedule-risks', () => {
  it('lists one task per risk kind, most late first, and nothing else', async () => {
    const res = await risks(setup.artist.token);
    expect(res.statusCode).toBe(200);
    const names = (res.json() as Array<{ task_name: string }>).map((row) => row.task_name);
    expect(names).toEqual(['overdue-2020', 'overdue-2021', 'predecessor-late', 'over-estimate']);
  });

  it('describes each risk with the task, its entity, type, status, assignees and the reasons', async () => {
    const rows = (await risks(setup.manager.token)).json() as Array<Record<string, unknown>>;
    const byName = (name: string) => rows.find((row) => row.task_name === name);
    expect(byName('overdue-2020')).toEqual({
      task_id: ids['overdue-2020'],
      task_name: 'overdue-2020',
      entity_id: setup.shot.id,
      entity_name: setup.shot.name,
      task_type_id: setup.animation.id,
      task_type_name: setup.animation.name,
      task_status_id: expect.any(String),
      task_status_short_name: 'todo',
      assignees: [setup.artist.id],
      due_date: '2020-01-01T18:00:00',
      estimation: 0,
      duration: 0,
      reasons: [{ kind: 'overdue', due_date: '2020-01-01T18:00:00', days_late: expect.any(Number) }],
    });
    expect((byName('overdue-2020')?.reasons as Array<{ days_late: number }>)[0]?.days_late).toBeGreaterThan(365 * 4);
    expect(byName('over-estimate')?.reasons).toEqual([{ kind: 'over_estimate', estimation: 600, duration: 900, overrun: 300 }]);
    expect(byName('predecessor-late')?.reasons).toEqual([{
      kind: 'predecessor_late',
      predecessor_task_id: ids['late-predecessor'],
      predecessor_task_name: 'late-predecessor',
      predecessor_entity_name: setup.shot.name,
      predecessor_task_type_name: setup.animation.name,
      predecessor_end: '2099-02-01T18:00:00',
      due_date: '2099-01-10T18:00:00',
      days_late: 22,
    }]);
  });

  it('follows the time spent: logging past the estimation makes a task at risk', async () => {
    const taskId = await task('estimate-watch', { dueDate: '2099-01-01T18:00:00', estimation: 60, assignees: [setup.artist.id] });
    const log = await ctx.app.inject({
      method: 'POST',
      url: `/api/actions/tasks/${taskId}/time-spents/2024-03-01/persons/${setup.artist.id}`,
      headers: bearer(setup.artist.token),
      payload: { duration: 90 },
    });
    expect(log.statusCode).toBe(201);
    const rows = (await risks(setup.manager.token)).json() as Array<{ task_id: string; reasons: unknown[] }>;
    expect(rows.find((row) => row.task_id === taskId)?.reasons).toEqual([{ kind: 'over_estimate', estimation: 60, duration: 90, overrun: 30 }]);
    await ctx.db.deleteFrom('time_spent').where('task_id', '=', taskId).execute();
    await ctx.db.deleteFrom('task').where('id', '=', taskId).execute();
  });

  it('gives vendors only their tasks and clients nothing', async () => {
    const vendor = await personWithToken(ctx, 'vendor');
    const client = await personWithToken(ctx, 'client');
    await ctx.db.insertInto('project_person_link').values([{ project_id: setup.project.id, person_id: vendor.id }, { project_id: setup.project.id, person_id: client.id }]).execute();
    await ctx.db.insertInto('assignations').values({ task_id: ids['overdue-2021'] ?? '', person_id: vendor.id }).execute();
    expect(((await risks(vendor.token)).json() as Array<{ task_name: string }>).map((row) => row.task_name)).toEqual(['overdue-2021']);
    expect((await risks(client.token)).json()).toEqual([]);
  });

  it('refuses people outside the team (403) and answers 404 for an unknown project', async () => {
    expect((await risks(setup.outsider.token)).statusCode).toBe(403);
    expect((await risks(setup.manager.token, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await risks(setup.manager.token, 'nope')).statusCode).toBe(404);
  });
});
