import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createDepartment, createShotEntity, createTaskType, createTestTask, personWithToken } from '../../../../test/support/factories.ts';
import type { TaskRow } from '../../../../packages/contracts/src/tasks.schema.ts';
import { call, eventsAbout, setupProduction, type Caller, type Production } from './tasks.fixtures.ts';

let ctx: TestContext;
let p: Production;
let deptSupervisor: Caller;
let deptType: { id: string };
let tasks: Array<{ id: string }>;

beforeAll(async () => {
  ctx = await createTestContext();
  p = await setupProduction(ctx);
  deptSupervisor = await personWithToken(ctx, 'supervisor');
  await ctx.db.insertInto('project_person_link').values({ project_id: p.project.id, person_id: deptSupervisor.id }).execute();
  const department = await createDepartment(ctx, { members: [deptSupervisor.id] });
  deptType = await createTaskType(ctx, { forEntity: 'Shot' });
  await ctx.db.updateTable('task_type').set({ department_id: department.id }).where('id', '=', deptType.id).execute();
});
beforeEach(async () => {
  tasks = [];
  for (let index = 0; index < 3; index += 1) {
    const shot = await createShotEntity(ctx, p.project.id);
    tasks.push(await createTestTask(ctx, { projectId: p.project.id, entityId: shot.id, taskTypeId: deptType.id }));
  }
});
afterAll(async () => {
  await ctx.close();
});

const plan = (caller: Caller, body: unknown) => call<TaskRow[]>(ctx, caller, 'PUT', 'actions/tasks/planning', body);
const planOf = async (taskId: string) =>
  ctx.db.selectFrom('task').select(['start_date', 'due_date', 'estimation', 'priority', 'difficulty']).where('id', '=', taskId).executeTakeFirstOrThrow();

describe('PUT actions/tasks/planning', () => {
  it('sets each task its own dates, estimate and priority in one request, with audit rows and events', async () => {
    const res = await plan(p.manager, {
      tasks: [
        { id: tasks[0]!.id, start_date: '2027-01-11', due_date: '2027-01-22', estimation: 720 },
        { id: tasks[1]!.id, due_date: '2027-02-01', priority: 2 },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.map((row) => row.id)).toEqual([tasks[0]!.id, tasks[1]!.id]);
    expect(res.body[0]).toMatchObject({ start_date: '2027-01-11T00:00:00', due_date: '2027-01-22T00:00:00', estimation: 720, assignees: [] });
    expect(await planOf(tasks[1]!.id)).toMatchObject({ start_date: null, due_date: '2027-02-01T00:00:00', priority: 2, estimation: 0 });
    expect(await planOf(tasks[2]!.id)).toMatchObject({ due_date: null, priority: 0 });
    const audit = await ctx.db.selectFrom('audit_event').select(['action', 'before', 'after']).where('object_id', '=', tasks[0]!.id).execute();
    expect(audit).toEqual([{ action: 'update', before: { start_date: null, due_date: null, estimation: 0 }, after: { start_date: '2027-01-11', due_date: '2027-01-22', estimation: 720 } }]);
    expect((await eventsAbout(ctx, 'task_id', tasks[1]!.id)).map((event) => event.name)).toEqual(['task:update']);
  });

  it('clears a date with null', async () => {
    await plan(p.manager, { tasks: [{ id: tasks[0]!.id, start_date: '2027-01-11' }] });
    const res = await plan(p.manager, { tasks: [{ id: tasks[0]!.id, start_date: null }] });
    expect(res.status).toBe(200);
    expect((await planOf(tasks[0]!.id)).start_date).toBeNull();
  });

  it('lets a supervisor plan the tasks of their department, and refuses artists, clients and outsiders', async () => {
    expect((await plan(deptSupervisor, { tasks: [{ id: tasks[0]!.id, priority: 1 }] })).status).toBe(200);
    expect((await plan(p.supervisor, { tasks: [{ id: tasks[0]!.id, priority: 3 }] })).status).toBe(200);
    for (const caller of [p.artist, p.client, p.outsider, p.vendor]) {
      expect((await plan(caller, { tasks: [{ id: tasks[1]!.id, priority: 3 }] })).status, caller.role).toBe(403);
    }
    expect((await planOf(tasks[1]!.id)).priority).toBe(0);
  });

  it('changes nothing when one task is refused, unknown or its dates are reversed (all or nothing)', async () => {
    const other = await createTaskType(ctx, { forEntity: 'Shot' });
    const shot = await createShotEntity(ctx, p.project.id);
    const outside = await createTestTask(ctx, { projectId: p.project.id, entityId: shot.id, taskTypeId: other.id });
    const refused = await plan(deptSupervisor, { tasks: [{ id: tasks[0]!.id, priority: 2 }, { id: outside.id, priority: 2 }] });
    expect(refused.status).toBe(403);
    const unknown = await plan(p.manager, { tasks: [{ id: tasks[0]!.id, priority: 2 }, { id: crypto.randomUUID(), priority: 2 }] });
    expect(unknown.status).toBe(404);
    const reversed = await plan(p.manager, { tasks: [{ id: tasks[0]!.id, priority: 2 }, { id: tasks[1]!.id, start_date: '2027-03-10', due_date: '2027-03-01' }] });
    expect(reversed.status).toBe(400);
    expect(reversed.body).toMatchObject({ message: 'The due date comes before the start date.' });
    expect((await planOf(tasks[0]!.id)).priority).toBe(0);
    expect((await planOf(tasks[1]!.id)).start_date).toBeNull();
  });

  it('checks the reversed dates against what the task already has', async () => {
    await plan(p.manager, { tasks: [{ id: tasks[0]!.id, start_date: '2027-01-11' }] });
    expect((await plan(p.manager, { tasks: [{ id: tasks[0]!.id, due_date: '2027-01-10' }] })).status).toBe(400);
  });

  it('refuses malformed bodies: no task, a task twice, a bad day, an unknown field', async () => {
    expect((await plan(p.manager, { tasks: [] })).status).toBe(400);
    expect((await plan(p.manager, { tasks: [{ id: tasks[0]!.id, priority: 1 }, { id: tasks[0]!.id, priority: 2 }] })).status).toBe(400);
    expect((await plan(p.manager, { tasks: [{ id: tasks[0]!.id, due_date: 'next week' }] })).status).toBe(400);
    expect((await plan(p.manager, { tasks: [{ id: tasks[0]!.id, due_date: '2027-02-30' }] })).status).toBe(400);
    expect((await plan(p.manager, { tasks: [{ id: tasks[0]!.id, start_date: '2027-02-03T25:00' }] })).status).toBe(400);
    expect((await plan(p.manager, { tasks: [{ id: 'not-a-uuid', priority: 1 }] })).status).toBe(400);
    expect((await plan(p.manager, { tasks: [{ id: tasks[0]!.id, task_status_id: tasks[1]!.id }] })).status).toBe(400);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/api/actions/tasks/planning']?.put).toBeDefined();
  });
});
