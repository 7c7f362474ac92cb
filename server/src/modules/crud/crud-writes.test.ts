import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import {
  bearer, createAssetEntity, createDepartment, createPerson, createProject, createShotEntity, createTaskType, createTestTask,
  personWithToken, taskStatusId, uniqueSuffix,
} from '../../../../test/support/factories.ts';

/** Create, read one, update and delete through `data/<collection>` (§3.3–3.6), with events and audit. */

let ctx: TestContext;
let headers: Record<string, string>;
let adminId: string;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
async function call(method: Method, url: string, payload?: unknown) {
  const res = await ctx.app.inject({ method, url: `/api${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: res.body ? (res.json() as Record<string, unknown>) : undefined };
}

beforeAll(async () => {
  ctx = await createTestContext();
  const admin = await personWithToken(ctx, 'admin');
  headers = bearer(admin.token);
  adminId = admin.id;
});

afterAll(async () => {
  await ctx.close();
});

describe('ids and bodies', () => {
  it('answers 400 Malformed ID for non-UUID ids and 404 for unknown ones', async () => {
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const res = await call(method, '/data/departments/not-a-uuid', method === 'PUT' ? { name: 'x' } : undefined);
      expect(res, method).toEqual({ status: 400, body: { error: true, message: 'Malformed ID.', data: null } });
      const missing = await call(method, '/data/departments/00000000-0000-4000-8000-000000000000', method === 'PUT' ? { name: 'x' } : undefined);
      expect(missing.status, method).toBe(404);
      expect(missing.body!.message).toMatch(/^404 Not Found/);
    }
  });

  it('refuses unknown keys on create with the model name, ignores them on update', async () => {
    const refused = await call('POST', '/data/departments', { name: `D ${uniqueSuffix()}`, color: '#000000', foo: 1 });
    expect(refused).toEqual({ status: 400, body: { error: true, message: "'foo' is an invalid keyword argument for Department" } });
    const created = await call('POST', '/data/departments', { name: `D ${uniqueSuffix()}`, color: '#000000' });
    const updated = await call('PUT', `/data/departments/${created.body!.id}`, { foo: 1, color: '#FFFFFF', type: 'Department' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.body!.id, color: '#FFFFFF', type: 'Department' });
    expect(updated.body).not.toHaveProperty('foo');
  });

  it('drops client-chosen id and timestamps on create', async () => {
    const chosen = '11111111-1111-4111-8111-111111111111';
    const created = await call('POST', '/data/departments', { id: chosen, created_at: '2001-01-01T00:00:00', name: `D ${uniqueSuffix()}`, color: '#000000' });
    expect(created.status).toBe(201);
    expect(created.body!.id).not.toBe(chosen);
    expect(created.body!.created_at).not.toBe('2001-01-01T00:00:00');
  });

  it('refuses empty bodies with the Zou message', async () => {
    const empty = 'Data are empty. Please verify that you sent JSON data and that you set the right headers.';
    for (const payload of ['null', '{}']) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/data/departments', headers: { ...headers, 'content-type': 'application/json' }, payload });
      expect(res.statusCode, payload).toBe(400);
      expect(res.json().message).toBe(empty);
    }
  });

  it('turns database constraint violations into 400s', async () => {
    const name = `D ${uniqueSuffix()}`;
    await call('POST', '/data/departments', { name, color: '#000000' });
    expect(await call('POST', '/data/departments', { name, color: '#000000' })).toMatchObject({
      status: 400, body: { message: 'A record with the same unique values already exists.' },
    });
    expect(await call('POST', '/data/departments', { name: `D ${uniqueSuffix()}` })).toMatchObject({
      status: 400, body: { message: 'A required field is missing.' },
    });
  });
});

describe('events and audit', () => {
  it('records <kind>:new/update/delete events and audit rows in the write transaction', async () => {
    const created = await call('POST', '/data/task-types', { name: `TT ${uniqueSuffix()}`, for_entity: 'Shot' });
    const id = String(created.body!.id);
    await call('PUT', `/data/task-types/${id}`, { color: '#00FF00' });
    expect((await call('DELETE', `/data/task-types/${id}`)).status).toBe(204);
    const events = await ctx.db.selectFrom('api_event').select(['name', 'data', 'user_id']).where(sql<boolean>`data->>'task_type_id' = ${id}`).orderBy('created_at').execute();
    expect(events.map((e) => e.name).sort()).toEqual(['task-type:delete', 'task-type:new', 'task-type:update']);
    expect(events[0]!.user_id).toBe(adminId);
    const audit = await ctx.db.selectFrom('audit_event').selectAll().where('object_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
    expect(audit[0]).toMatchObject({ actor_id: adminId, object_type: 'task_type', before: null });
    expect(audit[1]!.before).toMatchObject({ color: '#FFFFFF' });
    expect(audit[1]!.after).toMatchObject({ color: '#00FF00' });
  });

  it('names entity events after their kind and entity-type events asset-type', async () => {
    const project = await createProject(ctx);
    const shotType = await ctx.db.selectFrom('entity_type').select('id').where('name', '=', 'Shot').executeTakeFirstOrThrow();
    const shot = await call('POST', '/data/entities', { name: 'SH010', project_id: project.id, entity_type_id: shotType.id });
    expect(shot.body).toMatchObject({ type: 'Shot', created_by: adminId });
    const assetType = await call('POST', '/data/entity-types', { name: `Prop ${uniqueSuffix()}` });
    const names = await ctx.db.selectFrom('api_event').select(['name', 'data', 'project_id']).where('name', 'in', ['shot:new', 'asset-type:new']).execute();
    expect(names).toEqual(expect.arrayContaining([
      { name: 'shot:new', data: { shot_id: shot.body!.id, project_id: project.id }, project_id: project.id },
      { name: 'asset-type:new', data: { asset_type_id: assetType.body!.id }, project_id: null },
    ]));
  });

  it('rolls the whole write back when a step fails', async () => {
    const before = await ctx.db.selectFrom('api_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const dup = `Dup ${uniqueSuffix()}`;
    await call('POST', '/data/entity-types', { name: dup });
    expect(await call('POST', '/data/entity-types', { name: dup.toUpperCase() })).toMatchObject({
      status: 400, body: { message: 'Entity type with this name already exists' },
    });
    const after = await ctx.db.selectFrom('api_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });
});

describe('updates', () => {
  it('drops protected keys, validates dates, merges data, answers without relations', async () => {
    const project = await createProject(ctx);
    const other = await createProject(ctx);
    const type = await createTaskType(ctx, { forEntity: 'Asset' });
    const asset = await createAssetEntity(ctx, project.id);
    const task = await createTestTask(ctx, { projectId: project.id, entityId: asset.id, taskTypeId: type.id, assignees: [adminId] });
    await ctx.db.updateTable('task').set({ data: JSON.stringify({ keep: 1, change: 1 }) }).where('id', '=', task.id).execute();
    const res = await call('PUT', `/data/tasks/${task.id}`, {
      project_id: other.id, data: { change: 2 }, due_date: '2030-05-01T10:00:00+02:00', start_date: '2030-04-01', assignees: [adminId],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ project_id: project.id, data: { keep: 1, change: 2 }, due_date: '2030-05-01T08:00:00', start_date: '2030-04-01T00:00:00' });
    expect(res.body).not.toHaveProperty('assignees');
    const bad = await call('PUT', `/data/tasks/${task.id}`, { due_date: 'next tuesday' });
    expect(bad).toMatchObject({ status: 400, body: { message: "Invalid date format for 'due_date': 'next tuesday'. Expected an ISO 8601 date or datetime." } });
  });

  it('gives a new tv show its first episode', async () => {
    const show = await call('POST', '/data/projects', { name: `Show ${uniqueSuffix()}`, production_type: 'tvshow' });
    expect(show.status).toBe(201);
    const episode = await call('GET', `/data/entities/${show.body!.first_episode_id}`);
    expect(episode.body).toMatchObject({ name: 'E01', type: 'Episode', project_id: show.body!.id });
    const short = await call('POST', '/data/projects', { name: `Short ${uniqueSuffix()}` });
    expect(short.body).not.toHaveProperty('first_episode_id');
  });

  it('replaces many-to-many links given on update, and keeps the team of a project', async () => {
    const person = await createPerson(ctx);
    const [a, b] = [await createDepartment(ctx), await createDepartment(ctx)];
    await call('PUT', `/data/persons/${person.id}`, { departments: [a.id, b.id] });
    await call('PUT', `/data/persons/${person.id}`, { departments: [{ id: b.id }, 'not-an-id'] });
    expect((await call('GET', `/data/persons/${person.id}`)).body!.departments).toEqual([b.id]);
    const project = await call('POST', '/data/projects', { name: `P ${uniqueSuffix()}`, team: [person.id] });
    expect(project.body).toMatchObject({ team: [person.id], project_status_id: expect.any(String) });
    await call('PUT', `/data/projects/${project.body!.id}`, { team: [], description: 'x' });
    expect((await call('GET', `/data/projects/${project.body!.id}`)).body).toMatchObject({ team: [person.id], description: 'x', project_status_name: 'Open' });
  });

  it('emits task:assign and task:unassign when assignees change', async () => {
    const project = await createProject(ctx);
    const type = await createTaskType(ctx, { forEntity: 'Asset' });
    const task = await createTestTask(ctx, { projectId: project.id, entityId: (await createAssetEntity(ctx, project.id)).id, taskTypeId: type.id, assignees: [adminId] });
    const person = await createPerson(ctx);
    await call('PUT', `/data/tasks/${task.id}`, { assignees: [person.id] });
    const events = await ctx.db.selectFrom('api_event').select(['name', 'data']).where('name', 'in', ['task:assign', 'task:unassign']).execute();
    expect(events).toEqual(expect.arrayContaining([
      { name: 'task:assign', data: { task_id: task.id, person_id: person.id, project_id: project.id } },
      { name: 'task:unassign', data: { task_id: task.id, person_id: adminId, project_id: project.id } },
    ]));
    // Like the assign action: the new assignee joins the team and is notified (the caller is not).
    const team = await ctx.db.selectFrom('project_person_link').select('person_id').where('project_id', '=', project.id).execute();
    expect(team).toEqual([{ person_id: person.id }]);
    const notes = await ctx.db.selectFrom('notification').select(['person_id', 'type', 'author_id']).where('task_id', '=', task.id).execute();
    expect(notes).toEqual([{ person_id: person.id, type: 'assignation', author_id: adminId }]);
  });

  it('keeps the task duration equal to the sum of its time spents written through CRUD', async () => {
    const project = await createProject(ctx);
    const type = await createTaskType(ctx, { forEntity: 'Asset' });
    const task = await createTestTask(ctx, { projectId: project.id, entityId: (await createAssetEntity(ctx, project.id)).id, taskTypeId: type.id });
    const duration = async () => (await ctx.db.selectFrom('task').select('duration').where('id', '=', task.id).executeTakeFirstOrThrow()).duration;
    const first = await call('POST', '/data/time-spents', { task_id: task.id, person_id: adminId, date: '2024-03-04', duration: 120 });
    expect(first.status).toBe(201);
    await call('POST', '/data/time-spents', { task_id: task.id, person_id: adminId, date: '2024-03-05', duration: 60 });
    expect(await duration()).toBe(180);
    expect((await call('PUT', `/data/time-spents/${String(first.body!.id)}`, { duration: 30 })).status).toBe(200);
    expect(await duration()).toBe(90);
  });

  it('moves the default task status flag', async () => {
    const created = await call('POST', '/data/task-status', { name: `S ${uniqueSuffix()}`, short_name: `s${uniqueSuffix().slice(0, 5)}`, color: '#000000', is_default: true });
    expect(created.status).toBe(201);
    const defaults = await ctx.db.selectFrom('task_status').select('id').where('is_default', '=', true).where('for_concept', '=', false).execute();
    expect(defaults.map((d) => d.id)).toEqual([created.body!.id]);
    const todo = await taskStatusId(ctx, 'todo');
    expect((await call('PUT', `/data/task-status/${todo}`, { is_default: true })).status).toBe(200);
    const after = await ctx.db.selectFrom('task_status').select('id').where('is_default', '=', true).where('for_concept', '=', false).execute();
    expect(after.map((d) => d.id)).toEqual([todo]);
  });
});

describe('tasks and task types', () => {
  it('defaults the name and status, checks kinds, projects and duplicates', async () => {
    const project = await createProject(ctx);
    const assetType = await createTaskType(ctx, { forEntity: 'Asset' });
    const shotType = await createTaskType(ctx, { forEntity: 'Shot' });
    const asset = await createAssetEntity(ctx, project.id);
    const created = await call('POST', '/data/tasks', { entity_id: asset.id, task_type_id: assetType.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'main', project_id: project.id, task_status_id: await taskStatusId(ctx, 'todo'), assignees: [], type: 'Task' });
    expect(await call('POST', '/data/tasks', { entity_id: asset.id, task_type_id: assetType.id })).toMatchObject({ status: 400, body: { message: 'Task already exists.' } });
    expect(await call('POST', '/data/tasks', { entity_id: asset.id, task_type_id: shotType.id })).toMatchObject({
      status: 400, body: { message: 'Task type of the task does not match entity type.' },
    });
    const other = await createProject(ctx);
    expect((await call('POST', '/data/tasks', { entity_id: asset.id, task_type_id: assetType.id, name: 'b', project_id: other.id })).status).toBe(400);
    const shot = await createShotEntity(ctx, project.id);
    expect((await call('POST', '/data/tasks', { entity_id: shot.id, task_type_id: shotType.id })).status).toBe(201);
    const custom = await ctx.db.insertInto('task_status')
      .values({ name: 'Waiting', short_name: 'wait', color: '#000000', is_default: true, project_id: project.id })
      .returning('id').executeTakeFirstOrThrow();
    const second = await call('POST', '/data/tasks', { entity_id: shot.id, task_type_id: shotType.id, name: 'second' });
    expect(second.body!.task_status_id).toBe(custom.id);
  });

  it('refuses a task type name that already exists, whatever the case', async () => {
    const existing = await createTaskType(ctx);
    expect(await call('POST', '/data/task-types', { name: existing.name.toUpperCase(), for_entity: 'Asset' })).toMatchObject({
      status: 400, body: { message: 'A task type with similar name already exists' },
    });
    const other = await createTaskType(ctx);
    expect((await call('PUT', `/data/task-types/${other.id}`, { name: existing.name })).status).toBe(400);
    expect((await call('POST', '/data/task-types', { name: `T ${uniqueSuffix()}`, for_entity: 'Planet' })).status).toBe(400);
  });
});

describe('deletes', () => {
  it('keeps a task with comments unless force, then removes its comments and time', async () => {
    const project = await createProject(ctx);
    const type = await createTaskType(ctx, { forEntity: 'Asset' });
    const task = await createTestTask(ctx, { projectId: project.id, entityId: (await createAssetEntity(ctx, project.id)).id, taskTypeId: type.id });
    const comment = await ctx.db.insertInto('comment').values({ object_id: task.id, person_id: adminId, text: 'hi' }).returning('id').executeTakeFirstOrThrow();
    await ctx.db.insertInto('comment_mentions').values({ comment_id: comment.id, person_id: adminId }).execute();
    await ctx.db.insertInto('notification').values({ type: 'comment', person_id: adminId, author_id: adminId, comment_id: comment.id, task_id: task.id }).execute();
    await ctx.db.insertInto('time_spent').values({ task_id: task.id, person_id: adminId, date: '2030-01-01', duration: 60 }).execute();
    const refused = await call('DELETE', `/data/tasks/${task.id}`);
    expect(refused.status).toBe(400);
    expect(refused.body!.message).toMatch(/force=true/);
    expect((await call('DELETE', `/data/tasks/${task.id}?force=true`)).status).toBe(204);
    expect(await ctx.db.selectFrom('comment').select('id').where('object_id', '=', task.id).execute()).toEqual([]);
    expect(await ctx.db.selectFrom('time_spent').select('id').where('task_id', '=', task.id).execute()).toEqual([]);
    const event = await ctx.db.selectFrom('api_event').select('data').where('name', '=', 'task:delete').executeTakeFirstOrThrow();
    expect(event.data).toEqual({ task_id: task.id, entity_id: task.entity_id, task_type_id: type.id, project_id: project.id });
  });

  it('keeps a referenced person unless force, and refuses self-deletion', async () => {
    const project = await createProject(ctx);
    const type = await createTaskType(ctx, { forEntity: 'Asset' });
    const person = await createPerson(ctx);
    const task = await createTestTask(ctx, { projectId: project.id, entityId: (await createAssetEntity(ctx, project.id)).id, taskTypeId: type.id, assignees: [person.id] });
    await ctx.db.insertInto('comment').values({ object_id: task.id, person_id: person.id, text: 'mine' }).execute();
    expect(await call('DELETE', `/data/persons/${person.id}`)).toMatchObject({ status: 400, body: { message: 'Some data are still linked to given person.' } });
    expect((await call('DELETE', `/data/persons/${person.id}?force=true`)).status).toBe(204);
    expect(await ctx.db.selectFrom('person').select('id').where('id', '=', person.id).execute()).toEqual([]);
    expect((await call('DELETE', `/data/persons/${adminId}`)).status).toBe(403);
  });

  it('deletes only closed projects, their content only with force', async () => {
    const open = await createProject(ctx);
    expect(await call('DELETE', `/data/projects/${open.id}`)).toEqual({ status: 400, body: { error: true, message: 'Only closed projects can be deleted' } });
    const closed = await createProject(ctx, { status: 'Closed' });
    const type = await createTaskType(ctx, { forEntity: 'Shot' });
    const shot = await createShotEntity(ctx, closed.id);
    const task = await createTestTask(ctx, { projectId: closed.id, entityId: shot.id, taskTypeId: type.id });
    await ctx.db.insertInto('comment').values({ object_id: task.id, person_id: adminId }).execute();
    expect((await call('DELETE', `/data/projects/${closed.id}`)).status).toBe(400);
    expect((await call('DELETE', `/data/projects/${closed.id}?force=true`)).status).toBe(204);
    expect(await ctx.db.selectFrom('entity').select('id').where('project_id', '=', closed.id).execute()).toEqual([]);
  });

  it('detaches a task type from projects only with force; its tasks always block', async () => {
    const project = await createProject(ctx, { name: `Attached ${uniqueSuffix()}` });
    const type = await createTaskType(ctx);
    await ctx.db.insertInto('project_task_type_link').values({ project_id: project.id, task_type_id: type.id }).execute();
    const refused = await call('DELETE', `/data/task-types/${type.id}`);
    expect(refused).toMatchObject({ status: 400, body: { message: `Task type is attached to projects (${project.name}). Re-issue the request with force=true to detach.` } });
    expect((await call('DELETE', `/data/task-types/${type.id}?force=true`)).status).toBe(204);
    const used = await createTaskType(ctx, { forEntity: 'Asset' });
    await createTestTask(ctx, { projectId: project.id, entityId: (await createAssetEntity(ctx, project.id)).id, taskTypeId: used.id });
    expect((await call('DELETE', `/data/task-types/${used.id}?force=true`)).status).toBe(400);
  });

  it('cancels an entity with tasks unless force deletes them', async () => {
    const project = await createProject(ctx);
    const type = await createTaskType(ctx, { forEntity: 'Asset' });
    const asset = await createAssetEntity(ctx, project.id);
    await createTestTask(ctx, { projectId: project.id, entityId: asset.id, taskTypeId: type.id });
    expect((await call('DELETE', `/data/entities/${asset.id}`)).status).toBe(204);
    expect((await call('GET', `/data/entities/${asset.id}`)).body).toMatchObject({ canceled: true, type: 'Asset' });
    expect((await call('DELETE', `/data/entities/${asset.id}?force=true`)).status).toBe(204);
    expect((await call('GET', `/data/entities/${asset.id}`)).status).toBe(404);
    const bare = await createAssetEntity(ctx, project.id);
    expect((await call('DELETE', `/data/entities/${bare.id}`)).status).toBe(204);
    expect((await call('GET', `/data/entities/${bare.id}`)).status).toBe(404);
  });
});
