import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createProject, createShotEntity } from '../../../../test/support/factories.ts';
import { statusIdOf, studioProject, type Caller, type StudioProject } from '../studio-tasks/studio-test-fixtures.ts';

let ctx: TestContext;
let world: StudioProject;
beforeAll(async () => {
  ctx = await createTestContext();
  world = await studioProject(ctx);
});
afterAll(async () => {
  await ctx.close();
});

const SYSTEM_STATUSES = [
  { id: 'not_started', name: 'Not Started', color: '#6B7280', is_system: true },
  { id: 'in_progress', name: 'In Progress', color: '#3B82F6', is_system: true },
  { id: 'submitted', name: 'Submitted', color: '#F59E0B', is_system: true },
  { id: 'approved', name: 'Approved', color: '#10B981', is_system: true },
  { id: 'retake', name: 'Retake', color: '#EF4444', is_system: true },
];

const base = (projectId: string) => `/api/projects/${projectId}/task-statuses`;
const call = (who: Caller, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: bearer(who.token), ...(payload ? { payload } : {}) });

async function freshProject() {
  return createProject(ctx, { team: [{ id: world.coordinator.id }, { id: world.artist.id }] });
}

async function createStatus(projectId: string, body: { name: string; color: string; is_default?: boolean }): Promise<string> {
  const res = await call(world.coordinator, 'POST', base(projectId), body);
  expect(res.statusCode).toBe(201);
  return res.json().status.id as string;
}

async function taskIn(projectId: string, statusId: string): Promise<string> {
  const shot = await createShotEntity(ctx, projectId);
  const row = await ctx.db
    .insertInto('task')
    .values({ project_id: projectId, entity_id: shot.id, task_type_id: world.layout.id, task_status_id: statusId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('GET /api/projects/:project_id/task-statuses', () => {
  it('lists no custom status, the five system statuses of the seed and Not Started as default', async () => {
    const project = await freshProject();
    const res = await call(world.artist, 'GET', base(project.id));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ statuses: [], system_statuses: SYSTEM_STATUSES, default_status_id: 'not_started' });
  });

  it('answers 403 outside the team, 404 for an unknown or malformed project', async () => {
    const denied = await call(world.outsider, 'GET', base(world.project.id));
    expect(denied.statusCode).toBe(403);
    expect(denied.json().detail).toBe('Access denied to this project');
    for (const id of ['00000000-0000-4000-8000-000000000000', '42']) {
      const res = await call(world.admin, 'GET', base(id));
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ detail: 'Project not found', error: true, message: 'Project not found' });
    }
  });
});

describe('POST /api/projects/:project_id/task-statuses', () => {
  it('creates a custom status, links it to the project for Gazu and answers {message, status, all_statuses}', async () => {
    const project = await freshProject();
    const res = await call(world.coordinator, 'POST', base(project.id), { name: 'Review', color: '#9333EA' });
    expect(res.statusCode).toBe(201);
    const status = {
      id: expect.any(String), name: 'Review', color: '#9333EA', order: 0, is_default: false, short_name: 'review',
      is_done: false, is_artist_allowed: true, is_client_allowed: false, is_feedback_request: false, is_retake: false,
    };
    expect(res.json()).toEqual({
      message: 'Custom task status created successfully',
      status,
      all_statuses: { statuses: [status], system_statuses: SYSTEM_STATUSES, default_status_id: 'not_started' },
    });
    const id = res.json().status.id as string;
    const row = await ctx.db.selectFrom('task_status').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ project_id: project.id, short_name: 'review', sort_order: 0, system_key: null });
    const link = await ctx.db.selectFrom('project_task_status_link').selectAll().where('task_status_id', '=', id).executeTakeFirst();
    expect(link).toMatchObject({ project_id: project.id });
    const event = await ctx.db.selectFrom('api_event').select('name').where('project_id', '=', project.id).execute();
    expect(event.map((e) => e.name)).toContain('task-status:new');
  });

  it('appends in order, derives unique short names, and moves the default on is_default', async () => {
    const project = await freshProject();
    const first = await createStatus(project.id, { name: 'Blocked', color: '#DC2626', is_default: true });
    const second = await createStatus(project.id, { name: 'Blocked!', color: '#DC2626', is_default: true });
    const res = await call(world.artist, 'GET', base(project.id));
    expect(res.json().default_status_id).toBe(second);
    expect(res.json().statuses.map((s: { id: string; order: number; is_default: boolean }) => [s.id, s.order, s.is_default])).toEqual([
      [first, 0, false],
      [second, 1, true],
    ]);
    const shortNames = await ctx.db.selectFrom('task_status').select('short_name').where('project_id', '=', project.id).orderBy('sort_order').execute();
    expect(shortNames.map((r) => r.short_name)).toEqual(['blocked', 'blocked2']);
  });

  it('refuses a name already used by a custom or a system status', async () => {
    const project = await freshProject();
    await createStatus(project.id, { name: 'Review', color: '#9333EA' });
    for (const name of ['review', 'Approved']) {
      const res = await call(world.coordinator, 'POST', base(project.id), { name, color: '#000000' });
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toMatch(/already exists in this project/);
    }
  });

  it('validates the color (#RRGGBB) and the name with a 422 detail', async () => {
    const project = await freshProject();
    const color = await call(world.coordinator, 'POST', base(project.id), { name: 'Review', color: 'purple' });
    expect(color.statusCode).toBe(422);
    expect(color.json().detail).toBe('1 validation error for CustomTaskStatusCreate\ncolor\n Value error, Color must be a hex code like #RRGGBB');
    const short = await call(world.coordinator, 'POST', base(project.id), { name: 'Review', color: '#12345' });
    expect(short.statusCode).toBe(422);
    const missing = await call(world.coordinator, 'POST', base(project.id), { color: '#123456' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().detail).toBe('1 validation error for CustomTaskStatusCreate\nname\n Field required');
    const blank = await call(world.coordinator, 'POST', base(project.id), { name: '   ', color: '#123456' });
    expect(blank.statusCode).toBe(422);
  });

  it('answers 403 Insufficient permissions to artists, 403 Access denied outside the team, 404 for no project', async () => {
    const body = { name: 'Nope', color: '#000000' };
    const artist = await call(world.artist, 'POST', base(world.project.id), body);
    expect(artist.statusCode).toBe(403);
    expect(artist.json().detail).toBe('Insufficient permissions');
    const outsider = await call(world.outsider, 'POST', base(world.project.id), body);
    expect(outsider.statusCode).toBe(403);
    expect(outsider.json().detail).toBe('Access denied to this project');
    const missing = await call(world.coordinator, 'POST', base('00000000-0000-4000-8000-000000000000'), body);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe('Project not found');
  });
});

describe('PUT /api/projects/:project_id/task-statuses/:status_id', () => {
  it('updates name, color and default', async () => {
    const project = await freshProject();
    const id = await createStatus(project.id, { name: 'Review', color: '#9333EA' });
    const res = await call(world.coordinator, 'PUT', `${base(project.id)}/${id}`, { name: 'Client Review', color: '#111111', is_default: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      message: 'Custom task status updated successfully',
      status: { id, name: 'Client Review', color: '#111111', order: 0, is_default: true },
      all_statuses: { default_status_id: id },
    });
    const off = await call(world.coordinator, 'PUT', `${base(project.id)}/${id}`, { is_default: false });
    expect(off.json().all_statuses.default_status_id).toBe('not_started');
  });

  it('refuses system statuses (400), unknown statuses (404), artists (403) and bad colors (422)', async () => {
    const project = await freshProject();
    const id = await createStatus(project.id, { name: 'Review', color: '#9333EA' });
    const system = await call(world.coordinator, 'PUT', `${base(project.id)}/approved`, { name: 'Done' });
    expect(system.statusCode).toBe(400);
    expect(system.json().detail).toBe("System status 'approved' cannot be edited");
    const systemUuid = await call(world.coordinator, 'PUT', `${base(project.id)}/${await statusIdOf(ctx, 'retake')}`, { name: 'X' });
    expect(systemUuid.statusCode).toBe(400);
    expect(systemUuid.json().detail).toBe("System status 'retake' cannot be edited");
    const unknown = await call(world.coordinator, 'PUT', `${base(project.id)}/00000000-0000-4000-8000-000000000000`, { name: 'X' });
    expect(unknown.statusCode).toBe(404);
    const elsewhere = await call(world.coordinator, 'PUT', `${base(world.project.id)}/${id}`, { name: 'X' });
    expect(elsewhere.statusCode).toBe(404);
    const artist = await call(world.artist, 'PUT', `${base(project.id)}/${id}`, { name: 'X' });
    expect(artist.json().detail).toBe('Insufficient permissions');
    const color = await call(world.coordinator, 'PUT', `${base(project.id)}/${id}`, { color: '#GGGGGG' });
    expect(color.statusCode).toBe(422);
  });
});

describe('short names and flags a studio configures', () => {
  const flagsOf = async (id: string) =>
    ctx.db.selectFrom('task_status').select(['short_name', 'is_done', 'is_artist_allowed', 'is_client_allowed', 'is_feedback_request', 'is_retake'])
      .where('id', '=', id).executeTakeFirstOrThrow();

  it('creates a status with its own short code and flags, stored on the task_status row Gazu reads', async () => {
    const project = await freshProject();
    const res = await call(world.coordinator, 'POST', base(project.id), {
      name: 'Client review', color: '#0EA5E9', short_name: 'CRev', is_feedback_request: true, is_client_allowed: true, is_artist_allowed: false,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toMatchObject({ short_name: 'CRev', is_feedback_request: true, is_client_allowed: true, is_artist_allowed: false, is_done: false });
    expect(await flagsOf(res.json().status.id as string)).toEqual({
      short_name: 'CRev', is_done: false, is_artist_allowed: false, is_client_allowed: true, is_feedback_request: true, is_retake: false,
    });
  });

  it('updates only the flags given, and the short code', async () => {
    const project = await freshProject();
    const id = await createStatus(project.id, { name: 'Final', color: '#16A34A' });
    const res = await call(world.coordinator, 'PUT', `${base(project.id)}/${id}`, { is_done: true, short_name: 'fin' });
    expect(res.statusCode).toBe(200);
    expect(await flagsOf(id)).toEqual({
      short_name: 'fin', is_done: true, is_artist_allowed: true, is_client_allowed: false, is_feedback_request: false, is_retake: false,
    });
    const retake = await call(world.coordinator, 'PUT', `${base(project.id)}/${id}`, { is_done: false, is_retake: true, short_name: 'fin' });
    expect(retake.json().status).toMatchObject({ short_name: 'fin', is_done: false, is_retake: true, is_artist_allowed: true });
  });

  it("refuses a short code another status of the production or a global status has, and one that isn't a code", async () => {
    const project = await freshProject();
    await createStatus(project.id, { name: 'Blocked', color: '#DC2626' });
    const id = await createStatus(project.id, { name: 'Waiting', color: '#A855F7' });
    for (const shortName of ['BLOCKED', 'wip']) {
      const res = await call(world.coordinator, 'PUT', `${base(project.id)}/${id}`, { short_name: shortName });
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toBe(`The short name '${shortName}' is already used by another task status`);
    }
    const created = await call(world.coordinator, 'POST', base(project.id), { name: 'Other', color: '#000000', short_name: 'blocked' });
    expect(created.statusCode).toBe(400);
    const bad = await call(world.coordinator, 'PUT', `${base(project.id)}/${id}`, { short_name: 'way too long code' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().detail).toContain('Short name must be 1 to 10 letters, digits, _ or -');
    expect((await flagsOf(id)).short_name).toBe('waiting');
  });

  it('lets an artist set a status only while it is artist-allowed (the flag is the permission)', async () => {
    const project = await freshProject();
    const id = await createStatus(project.id, { name: 'Locked', color: '#64748B' });
    const off = await call(world.coordinator, 'PUT', `${base(project.id)}/${id}`, { is_artist_allowed: false });
    expect(off.json().status.is_artist_allowed).toBe(false);
    const artist = await call(world.artist, 'PUT', `${base(project.id)}/${id}`, { is_artist_allowed: true });
    expect(artist.statusCode).toBe(403);
    expect((await flagsOf(id)).is_artist_allowed).toBe(false);
  });
});

describe('DELETE /api/projects/:project_id/task-statuses/:status_id', () => {
  it('deletes an unused status and renumbers the others', async () => {
    const project = await freshProject();
    const a = await createStatus(project.id, { name: 'A', color: '#000001' });
    const b = await createStatus(project.id, { name: 'B', color: '#000002' });
    const res = await call(world.coordinator, 'DELETE', `${base(project.id)}/${a}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      message: 'Custom task status deleted successfully',
      status: { id: a, name: 'A' },
      all_statuses: { statuses: [{ id: b, order: 0 }] },
    });
    expect(await ctx.db.selectFrom('task_status').select('id').where('id', '=', a).executeTakeFirst()).toBeUndefined();
  });

  it('answers 409 while tasks use the status', async () => {
    const project = await freshProject();
    const id = await createStatus(project.id, { name: 'Busy', color: '#000001' });
    await taskIn(project.id, id);
    const res = await call(world.coordinator, 'DELETE', `${base(project.id)}/${id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe("Cannot delete task status 'Busy': it is used by 1 task(s). Pass reassign_to=<status id> to move them to another status.");
    expect(await ctx.db.selectFrom('task_status').select('id').where('id', '=', id).executeTakeFirst()).toBeDefined();
  });

  it('moves the tasks to reassign_to (system key or custom id) in the same transaction, and audits the move', async () => {
    const project = await freshProject();
    const doomed = await createStatus(project.id, { name: 'Doomed', color: '#000001', is_default: true });
    const heir = await createStatus(project.id, { name: 'Heir', color: '#000002' });
    const tasks = [await taskIn(project.id, doomed), await taskIn(project.id, doomed)];
    const other = await createStatus(project.id, { name: 'Other', color: '#000003' });
    const otherTask = await taskIn(project.id, other);

    const toSystem = await call(world.coordinator, 'DELETE', `${base(project.id)}/${doomed}?reassign_to=approved`);
    expect(toSystem.statusCode).toBe(200);
    expect(toSystem.json().all_statuses.default_status_id).toBe('not_started');
    const approved = await statusIdOf(ctx, 'approved');
    const moved = await ctx.db.selectFrom('task').select('task_status_id').where('id', 'in', tasks).execute();
    expect(moved.map((t) => t.task_status_id)).toEqual([approved, approved]);
    const audit = await call(world.artist, 'GET', `/api/tasks/${tasks[0]}/audit`);
    expect(audit.json()).toEqual([expect.objectContaining({
      action: 'update', actor: { id: world.coordinator.id, full_name: 'Cora Ordinator' },
      before: { task_status_id: doomed, status: doomed }, after: { task_status_id: approved, status: 'approved' },
    })]);

    const toCustom = await call(world.coordinator, 'DELETE', `${base(project.id)}/${other}?reassign_to=${heir}`);
    expect(toCustom.statusCode).toBe(200);
    const row = await ctx.db.selectFrom('task').select('task_status_id').where('id', '=', otherTask).executeTakeFirstOrThrow();
    expect(row.task_status_id).toBe(heir);
  });

  it('rejects a bad reassign_to (400), a system status (400) and an unknown status (404)', async () => {
    const project = await freshProject();
    const id = await createStatus(project.id, { name: 'Busy', color: '#000001' });
    await taskIn(project.id, id);
    for (const target of ['finished', id, '00000000-0000-4000-8000-000000000000']) {
      const res = await call(world.coordinator, 'DELETE', `${base(project.id)}/${id}?reassign_to=${target}`);
      expect(res.statusCode).toBe(400);
    }
    const system = await call(world.coordinator, 'DELETE', `${base(project.id)}/not_started`);
    expect(system.statusCode).toBe(400);
    expect(system.json().detail).toBe("System status 'not_started' cannot be deleted");
    const unknown = await call(world.coordinator, 'DELETE', `${base(project.id)}/00000000-0000-4000-8000-000000000000`);
    expect(unknown.statusCode).toBe(404);
    expect((await call(world.artist, 'DELETE', `${base(project.id)}/${id}`)).statusCode).toBe(403);
  });
});

describe('custom statuses are real task statuses', () => {
  it('is visible to Gazu: data/task-status/<id> and the project status list', async () => {
    const project = await freshProject();
    const id = await createStatus(project.id, { name: 'Lighting Check', color: '#ABCDEF' });
    const one = await call(world.artist, 'GET', `/api/data/task-status/${id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id, name: 'Lighting Check', short_name: 'lighting_c', color: '#ABCDEF', type: 'TaskStatus' });
    const list = await call(world.artist, 'GET', `/api/data/projects/${project.id}/settings/task-status`);
    expect(list.statusCode).toBe(200);
    expect((list.json() as Array<{ id: string }>).map((status) => status.id)).toContain(id);
  });

  it('can be set through the Zou comment route, then shows in the studio vocabulary', async () => {
    const { project, coordinator, layout } = world;
    const id = await createStatus(project.id, { name: 'Comp Check', color: '#ABCDEF' });
    const shot = await createShotEntity(ctx, project.id);
    const path = `/api/shots/${shot.id}/tasks?task_type=${encodeURIComponent(layout.name)}`;
    const created = await ctx.app.inject({ method: 'POST', url: path, headers: bearer(coordinator.token) });
    const taskId = created.json().task_id as string;
    const comment = await call(coordinator, 'POST', `/api/actions/tasks/${taskId}/comment`, { task_status_id: id, comment: 'ready for a check' });
    expect(comment.statusCode).toBe(201);
    expect(comment.json()).toMatchObject({ task_status_id: id });
    const task = await ctx.db.selectFrom('task').select('task_status_id').where('id', '=', taskId).executeTakeFirstOrThrow();
    expect(task.task_status_id).toBe(id);
    const again = await ctx.app.inject({ method: 'POST', url: path, headers: bearer(coordinator.token) });
    expect(again.json()).toMatchObject({ task_id: taskId, status: id });

    // Deleting it with reassign_to moves the task and the comment history in one go.
    const deleted = await call(coordinator, 'DELETE', `${base(project.id)}/${id}?reassign_to=in_progress`);
    expect(deleted.statusCode).toBe(200);
    const after = await ctx.app.inject({ method: 'POST', url: path, headers: bearer(coordinator.token) });
    expect(after.json().status).toBe('in_progress');
    const history = await ctx.db.selectFrom('comment').select('task_status_id').where('object_id', '=', taskId).execute();
    expect(history).toEqual([{ task_status_id: await statusIdOf(ctx, 'in_progress') }]);
  });
});
