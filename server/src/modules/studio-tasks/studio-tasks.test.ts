import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createProject, createShotEntity, createTaskType, tokenFor } from '../../../../test/support/factories.ts';
import { statusIdOf, studioProject, type Caller, type StudioProject } from './studio-test-fixtures.ts';

let ctx: TestContext;
let world: StudioProject;
beforeAll(async () => {
  ctx = await createTestContext();
  world = await studioProject(ctx);
});
afterAll(async () => {
  await ctx.close();
});

const createTask = (caller: Caller, path: string, taskType: string) =>
  ctx.app.inject({ method: 'POST', url: `/api/${path}/tasks?task_type=${encodeURIComponent(taskType)}`, headers: bearer(caller.token) });

const tasksOf = (entityId: string) =>
  ctx.db.selectFrom('task').selectAll().where('entity_id', '=', entityId).execute();

describe('POST /api/shots/:shot_id/tasks', () => {
  it('creates the task (201) with the seed naming, the default status and no assignee', async () => {
    const { coordinator, shot, layout, project } = world;
    const res = await createTask(coordinator, `shots/${shot.id}`, layout.name.toLowerCase());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({ task_type: layout.name, task_type_id: layout.id, status: 'not_started', task_id: expect.any(String), assigned_user_id: null });
    const [task] = await tasksOf(shot.id);
    expect(task).toMatchObject({
      id: body.task_id,
      name: `${shot.name} - ${layout.name}`,
      description: `${layout.name} task for ${shot.name}`,
      project_id: project.id,
      task_type_id: layout.id,
      task_status_id: await statusIdOf(ctx, 'not_started'),
      created_by: coordinator.id,
    });
  });

  it('answers 200 with the existing task, its current status and its assignee (idempotent)', async () => {
    const { coordinator, artist, shot, layout } = world;
    const [task] = await tasksOf(shot.id);
    await ctx.db.updateTable('task').set({ task_status_id: await statusIdOf(ctx, 'in_progress') }).where('id', '=', task.id).execute();
    await ctx.db.insertInto('assignations').values({ task_id: task.id, person_id: artist.id }).execute();
    const res = await createTask(coordinator, `shots/${shot.id}`, layout.short_name ?? '');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ task_type: layout.name, task_type_id: layout.id, status: 'in_progress', task_id: task.id, assigned_user_id: artist.id });
    expect(await tasksOf(shot.id)).toHaveLength(1);
  });

  it('finds an existing task of that type whatever its name', async () => {
    const { coordinator, project, animation } = world;
    const shot = await createShotEntity(ctx, project.id);
    const existing = await ctx.db
      .insertInto('task')
      .values({ name: 'main', project_id: project.id, entity_id: shot.id, task_type_id: animation.id, task_status_id: await statusIdOf(ctx, 'approved') })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await createTask(coordinator, `shots/${shot.id}`, animation.name.toUpperCase());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ task_id: existing.id, status: 'approved' });
  });

  it('starts new tasks in the project custom default status when it has one', async () => {
    const { coordinator, project, animation } = world;
    const custom = await ctx.app.inject({
      method: 'POST', url: `/api/projects/${project.id}/task-statuses`, headers: bearer(coordinator.token),
      payload: { name: 'Waiting Layout', color: '#123456', is_default: true },
    });
    expect(custom.statusCode).toBe(201);
    const customId = custom.json().status.id as string;
    const shot = await createShotEntity(ctx, project.id);
    const res = await createTask(coordinator, `shots/${shot.id}`, animation.name);
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe(customId);
    const [task] = await tasksOf(shot.id);
    expect(task.task_status_id).toBe(customId);
    await ctx.db.updateTable('task_status').set({ is_default: false }).where('id', '=', customId).execute();
  });

  it('refuses an unknown task type with 400 and the allowed names', async () => {
    const { coordinator, shot, layout, animation, modeling } = world;
    const res = await createTask(coordinator, `shots/${shot.id}`, 'compositing');
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.detail).toBe(`Invalid task type 'compositing'. Allowed task types for shots: ${layout.name}, ${animation.name}`);
    expect(body).toMatchObject({ error: true, message: body.detail, allowed_task_types: [layout.name, animation.name] });
    // An asset task type is not a shot task type.
    expect((await createTask(coordinator, `shots/${shot.id}`, modeling.name)).statusCode).toBe(400);
  });

  it('refuses a task type the project does not use, even if it exists', async () => {
    const { coordinator, shot } = world;
    const unused = await createTaskType(ctx, { forEntity: 'Shot' });
    expect((await createTask(coordinator, `shots/${shot.id}`, unused.name)).statusCode).toBe(400);
  });

  it('falls back to every non-archived task type of the kind when the project has no task-type settings', async () => {
    const { coordinator } = world;
    const bare = await createProject(ctx, { team: [{ id: coordinator.id }] });
    const shot = await createShotEntity(ctx, bare.id);
    const fx = await createTaskType(ctx, { forEntity: 'Shot' });
    const archived = await createTaskType(ctx, { forEntity: 'Shot', archived: true });
    expect((await createTask(coordinator, `shots/${shot.id}`, fx.name)).statusCode).toBe(201);
    expect((await createTask(coordinator, `shots/${shot.id}`, archived.name)).statusCode).toBe(400);
  });

  it('answers 400 with a detail when task_type is missing', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: `/api/shots/${world.shot.id}/tasks`, headers: bearer(world.coordinator.token) });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('task_type');
  });

  it('refuses artists and supervisors: 403 Insufficient permissions', async () => {
    for (const who of [world.artist, world.supervisor]) {
      const res = await createTask(who, `shots/${world.shot.id}`, world.layout.name);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ detail: 'Insufficient permissions', error: true, message: 'Insufficient permissions' });
    }
  });

  it('refuses a coordinator outside the project team: 403 Access denied to this project', async () => {
    const res = await createTask(world.outsider, `shots/${world.shot.id}`, world.layout.name);
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toBe('Access denied to this project');
  });

  it('accepts a coordinator created through data/persons with role "coordinator" (stored as manager)', async () => {
    const created = await ctx.app.inject({
      method: 'POST', url: '/api/data/persons', headers: bearer(world.admin.token),
      payload: { first_name: 'Coco', last_name: 'Ordinator', email: `coco-${Date.now()}@studio.test`, role: 'coordinator' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().role).toBe('manager');
    const person = { id: created.json().id as string };
    await ctx.db.insertInto('project_person_link').values({ project_id: world.project.id, person_id: person.id }).execute();
    const shot = await createShotEntity(ctx, world.project.id);
    const res = await createTask({ id: person.id, token: await tokenFor(ctx, person) }, `shots/${shot.id}`, world.layout.name);
    expect(res.statusCode).toBe(201);
  });

  it('lets an admin create tasks in any project', async () => {
    const shot = await createShotEntity(ctx, world.project.id);
    expect((await createTask(world.admin, `shots/${shot.id}`, world.layout.name)).statusCode).toBe(201);
  });

  it('answers 404 Shot not found for an unknown, malformed or non-shot id', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', world.asset.id, world.shot.sequence_id]) {
      const res = await createTask(world.coordinator, `shots/${id}`, world.layout.name);
      expect(res.statusCode).toBe(404);
      expect(res.json().detail).toBe('Shot not found');
    }
  });

  it('requires authentication', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: `/api/shots/${world.shot.id}/tasks?task_type=x` });
    expect(res.statusCode).toBe(401);
  });
});

describe('POST /api/assets/:asset_id/tasks', () => {
  it('creates then finds the asset task', async () => {
    const { coordinator, asset, modeling } = world;
    const first = await createTask(coordinator, `assets/${asset.id}`, modeling.short_name ?? '');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ task_type: modeling.name, status: 'not_started', assigned_user_id: null });
    const [task] = await tasksOf(asset.id);
    expect(task).toMatchObject({ name: `${asset.name} - ${modeling.name}`, description: `${modeling.name} task for ${asset.name}` });
    const again = await createTask(coordinator, `assets/${asset.id}`, modeling.name);
    expect(again.statusCode).toBe(200);
    expect(again.json().task_id).toBe(first.json().task_id);
  });

  it('answers 404 Asset not found for a shot id or a malformed id, 403 for artists', async () => {
    for (const id of [world.shot.id, 'nope']) {
      const res = await createTask(world.coordinator, `assets/${id}`, world.modeling.name);
      expect(res.statusCode).toBe(404);
      expect(res.json().detail).toBe('Asset not found');
    }
    expect((await createTask(world.artist, `assets/${world.asset.id}`, world.modeling.name)).json().detail).toBe('Insufficient permissions');
    expect((await createTask(world.outsider, `assets/${world.asset.id}`, world.modeling.name)).json().detail).toBe('Access denied to this project');
  });
});

describe('idempotency under races', () => {
  it('20 concurrent identical requests create exactly one task; one 201, nineteen 200, one task id', async () => {
    const shot = await createShotEntity(ctx, world.project.id);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => createTask(world.coordinator, `shots/${shot.id}`, world.animation.name)),
    );
    const codes = responses.map((res) => res.statusCode).sort();
    expect(codes.filter((code) => code === 201)).toHaveLength(1);
    expect(codes.filter((code) => code === 200)).toHaveLength(19);
    const ids = new Set(responses.map((res) => res.json().task_id as string));
    expect(ids.size).toBe(1);
    expect(await tasksOf(shot.id)).toHaveLength(1);
    const events = await ctx.db.selectFrom('api_event').select('data').where('name', '=', 'task:new').execute();
    expect(events.filter((event) => (event.data as { task_id?: string }).task_id === [...ids][0])).toHaveLength(1);
  });
});

describe('task:new event and audit trail', () => {
  it('records task:new with the project id, and the creator in the task audit trail', async () => {
    const { coordinator, project, layout, artist, outsider } = world;
    const shot = await createShotEntity(ctx, project.id);
    const res = await createTask(coordinator, `shots/${shot.id}`, layout.name);
    const taskId = res.json().task_id as string;
    const event = await ctx.db.selectFrom('api_event').selectAll().where('name', '=', 'task:new')
      .where(sql<string>`data->>'task_id'`, '=', taskId).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ project_id: project.id, user_id: coordinator.id, data: { task_id: taskId, project_id: project.id } });

    const audit = await ctx.app.inject({ method: 'GET', url: `/api/tasks/${taskId}/audit`, headers: bearer(artist.token) });
    expect(audit.statusCode).toBe(200);
    const [entry, ...rest] = audit.json();
    expect(rest).toHaveLength(0);
    expect(entry).toEqual({
      action: 'create',
      actor: { id: coordinator.id, full_name: 'Cora Ordinator' },
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      before: null,
      after: expect.objectContaining({ name: `${shot.name} - ${layout.name}`, task_type: layout.name, status: 'not_started' }),
    });

    const denied = await ctx.app.inject({ method: 'GET', url: `/api/tasks/${taskId}/audit`, headers: bearer(outsider.token) });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().detail).toBe('Access denied to this project');
    const missing = await ctx.app.inject({ method: 'GET', url: '/api/tasks/not-a-task/audit', headers: bearer(artist.token) });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe('Task not found');
  });

  it('does not audit nor announce a task that already existed', async () => {
    const shot = await createShotEntity(ctx, world.project.id);
    const first = await createTask(world.coordinator, `shots/${shot.id}`, world.layout.name);
    await createTask(world.admin, `shots/${shot.id}`, world.layout.name);
    const rows = await ctx.db.selectFrom('audit_event').select('actor_id').where('object_id', '=', first.json().task_id).execute();
    expect(rows).toEqual([{ actor_id: world.coordinator.id }]);
  });
});
