import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createDepartment, createShotEntity, createTaskType, createTestTask, personWithToken } from '../../../../test/support/factories.ts';
import type { TaskRow } from '../../../../packages/contracts/src/tasks.schema.ts';
import { call, eventsAbout, setupProduction, type Caller, type Production } from './tasks.fixtures.ts';

let ctx: TestContext;
let p: Production;
let modelingDept: { id: string };
let deptSupervisor: Caller;
let deptArtist: Caller;
let otherDeptArtist: Caller;
let deptType: { id: string };
let task: { id: string };

beforeAll(async () => {
  ctx = await createTestContext();
  p = await setupProduction(ctx);
  [deptSupervisor, deptArtist, otherDeptArtist] = await Promise.all([personWithToken(ctx, 'supervisor'), personWithToken(ctx, 'user'), personWithToken(ctx, 'user')]);
  await ctx.db.insertInto('project_person_link').values([deptSupervisor, deptArtist, otherDeptArtist].map(({ id }) => ({ project_id: p.project.id, person_id: id }))).execute();
  modelingDept = await createDepartment(ctx, { members: [deptSupervisor.id, deptArtist.id] });
  await createDepartment(ctx, { members: [otherDeptArtist.id] });
  deptType = await createTaskType(ctx, { forEntity: 'Shot' });
  await ctx.db.updateTable('task_type').set({ department_id: modelingDept.id }).where('id', '=', deptType.id).execute();
});
beforeEach(async () => {
  const shot = await createShotEntity(ctx, p.project.id);
  task = await createTestTask(ctx, { projectId: p.project.id, entityId: shot.id, taskTypeId: deptType.id });
});
afterAll(async () => {
  await ctx.close();
});

const assign = (caller: Caller, personId: string, taskIds: string[]) =>
  call<TaskRow[]>(ctx, caller, 'PUT', `actions/persons/${personId}/assign`, { task_ids: taskIds });
const assignees = async (taskId: string) =>
  (await ctx.db.selectFrom('assignations').select('person_id').where('task_id', '=', taskId).execute()).map((row) => row.person_id).sort();

describe('PUT actions/persons/<person_id>/assign (Gazu assign_task)', () => {
  it('a manager assigns: the task comes back with its assignees, the assigner is set, the assignee notified and put in the team', async () => {
    const newcomer = await personWithToken(ctx, 'user');
    const res = await assign(p.manager, newcomer.id, [task.id]);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ id: task.id, type: 'Task', assigner_id: p.manager.id, assignees: [newcomer.id] });
    const notification = await ctx.db.selectFrom('notification').selectAll().where('task_id', '=', task.id).execute();
    expect(notification.map((n) => [n.type, n.person_id, n.author_id])).toEqual([['assignation', newcomer.id, p.manager.id]]);
    const member = await ctx.db.selectFrom('project_person_link').select('person_id')
      .where('project_id', '=', p.project.id).where('person_id', '=', newcomer.id).executeTakeFirst();
    expect(member).toBeDefined();
    const names = (await eventsAbout(ctx, 'task_id', task.id)).map((event) => event.name);
    expect(names).toEqual(['task:assign', 'task:update']);
  });

  it('answers 400 {"error": ...} for an unknown person, and 400 for a missing or empty task list', async () => {
    const res = await assign(p.manager, crypto.randomUUID(), [task.id]);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: "Assignee doesn't exist in database." });
    expect((await call(ctx, p.manager, 'PUT', `actions/persons/${p.artist.id}/assign`, { task_ids: [] })).status).toBe(400);
    expect((await call(ctx, p.manager, 'PUT', `actions/persons/${p.artist.id}/assign`, {})).status).toBe(400);
  });

  it('silently skips tasks the caller may not assign', async () => {
    expect((await assign(p.artist, p.artist2.id, [task.id])).body).toEqual([]);
    expect((await assign(p.outsider, p.outsider.id, [task.id])).body).toEqual([]);
    expect((await assign(p.client, p.client.id, [task.id])).body).toEqual([]);
    expect(await assignees(task.id)).toEqual([]);
    const unknown = await assign(p.manager, p.artist.id, [crypto.randomUUID(), 'garbage', task.id]);
    expect(unknown.body.map((row) => row.id)).toEqual([task.id]);
  });

  it('an artist may assign himself to a task of his department only, without notification', async () => {
    const own = await assign(deptArtist, deptArtist.id, [task.id, p.task.id]);
    expect(own.body.map((row) => row.id)).toEqual([task.id]);
    expect(await ctx.db.selectFrom('notification').select('id').where('task_id', '=', task.id).execute()).toEqual([]);
    expect((await assign(otherDeptArtist, otherDeptArtist.id, [task.id])).body).toEqual([]);
  });

  it('a department supervisor assigns people of his department to its tasks; one without departments assigns anyone', async () => {
    expect((await assign(deptSupervisor, otherDeptArtist.id, [task.id])).body).toEqual([]);
    expect((await assign(deptSupervisor, deptArtist.id, [task.id])).body).toHaveLength(1);
    expect((await assign(deptSupervisor, deptArtist.id, [p.task.id])).body).toEqual([]); // the layout type has no department
    expect((await assign(p.supervisor, otherDeptArtist.id, [task.id])).body).toHaveLength(1);
    expect(await assignees(task.id)).toEqual([deptArtist.id, otherDeptArtist.id].sort());
  });

  it('refuses bots unless the project allows bot collaboration', async () => {
    const bot = await ctx.db.insertInto('person').values({ first_name: 'Bot', last_name: '', is_bot: true, role: 'user' }).returning('id').executeTakeFirstOrThrow();
    expect((await assign(p.manager, bot.id, [task.id])).body).toEqual([]);
    await ctx.db.updateTable('project').set({ is_bot_collaboration_enabled: true }).where('id', '=', p.project.id).execute();
    try {
      expect((await assign(p.manager, bot.id, [task.id])).body).toHaveLength(1);
    } finally {
      await ctx.db.updateTable('project').set({ is_bot_collaboration_enabled: false }).where('id', '=', p.project.id).execute();
    }
  });
});

describe('PUT actions/tasks/clear-assignation (Gazu clear_assignations)', () => {
  it('a manager clears every assignee; events task:unassign per person', async () => {
    await assign(p.manager, p.artist.id, [task.id]);
    await assign(p.manager, p.artist2.id, [task.id]);
    const res = await call<string[]>(ctx, p.manager, 'PUT', 'actions/tasks/clear-assignation', { task_ids: [task.id] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([task.id]);
    expect(await assignees(task.id)).toEqual([]);
    const unassigned = (await eventsAbout(ctx, 'task_id', task.id)).filter((event) => event.name === 'task:unassign');
    expect(unassigned.map((event) => event.data.person_id).sort()).toEqual([p.artist.id, p.artist2.id].sort());
  });

  it('an assignee may remove himself only; a department supervisor anyone; others are skipped', async () => {
    await assign(p.manager, p.artist.id, [task.id]);
    await assign(p.manager, p.artist2.id, [task.id]);
    const clear = (caller: Caller, personId?: string) =>
      call<string[]>(ctx, caller, 'PUT', 'actions/tasks/clear-assignation', { task_ids: [task.id], ...(personId ? { person_id: personId } : {}) });
    expect((await clear(p.artist, p.artist2.id)).body).toEqual([]);
    expect((await clear(p.artist)).body).toEqual([]);
    expect((await clear(otherDeptArtist, otherDeptArtist.id)).body).toEqual([]);
    expect((await clear(p.artist, p.artist.id)).body).toEqual([task.id]);
    expect(await assignees(task.id)).toEqual([p.artist2.id]);
    expect((await clear(deptSupervisor, p.artist2.id)).body).toEqual([task.id]);
    expect(await assignees(task.id)).toEqual([]);
  });

  it('answers 400 without task ids and skips unknown tasks', async () => {
    expect((await call(ctx, p.manager, 'PUT', 'actions/tasks/clear-assignation', {})).status).toBe(400);
    const res = await call<string[]>(ctx, p.manager, 'PUT', 'actions/tasks/clear-assignation', { task_ids: [crypto.randomUUID()] });
    expect(res.body).toEqual([]);
  });
});

describe('PUT actions/tasks/<task_id>/assign', () => {
  it('assigns one person, failing instead of skipping', async () => {
    const ok = await call<TaskRow>(ctx, p.manager, 'PUT', `actions/tasks/${task.id}/assign`, { person_id: p.artist.id });
    expect(ok.status).toBe(200);
    expect(ok.body.assignees).toEqual([p.artist.id]);
    expect((await call(ctx, p.artist, 'PUT', `actions/tasks/${task.id}/assign`, { person_id: p.artist2.id })).status).toBe(403);
    expect((await call(ctx, p.manager, 'PUT', `actions/tasks/${crypto.randomUUID()}/assign`, { person_id: p.artist.id })).status).toBe(404);
  });
});
