import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createProject, createTestTask, personWithToken } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { addComment, createBot, createEntity, productionSetup } from '../time-spents/test-fixtures.ts';

let ctx: TestContext;
let setup: Awaited<ReturnType<typeof productionSetup>>;
let client: Awaited<ReturnType<typeof personWithToken>>;
const ids: Record<string, string> = {};

const TODO_KEYS = [
  'project_name', 'project_has_avatar', 'entity_name', 'entity_description', 'entity_data', 'entity_preview_file_id',
  'entity_source_id', 'entity_type_name', 'entity_canceled', 'sequence_name', 'episode_id', 'episode_name',
  'task_type_name', 'task_type_color', 'task_type_for_entity', 'task_status_name', 'task_status_color',
  'task_status_short_name', 'task_estimation', 'task_duration', 'task_start_date', 'task_due_date', 'assignees', 'last_comment',
  // task columns
  'id', 'type', 'name', 'project_id', 'entity_id', 'task_type_id', 'task_status_id', 'duration', 'estimation', 'due_date',
  'start_date', 'end_date', 'created_at', 'updated_at', 'priority', 'retake_count', 'data', 'assigner_id',
];

beforeAll(async () => {
  ctx = await createTestContext();
  setup = await productionSetup(ctx);
  client = await personWithToken(ctx, 'client');
  await ctx.db.insertInto('project_person_link').values({ project_id: setup.project.id, person_id: client.id }).execute();
  const { project, shot, asset, animation, modeling, artist, otherArtist } = setup;

  const episode = await createEntity(ctx, { projectId: project.id, kind: 'Episode', name: 'E01' });
  const epSequence = await createEntity(ctx, { projectId: project.id, kind: 'Sequence', name: 'SQ_E', parentId: episode.id });
  const epShot = await createEntity(ctx, { projectId: project.id, kind: 'Shot', name: 'SH_E', parentId: epSequence.id });
  const epAsset = await createEntity(ctx, { projectId: project.id, kind: 'Asset', name: 'Prop', sourceId: episode.id });
  ids.episode = episode.id;

  const shotTask = await createTestTask(ctx, { projectId: project.id, entityId: shot.id, taskTypeId: animation.id, assignees: [artist.id, otherArtist.id], dueDate: '2030-01-10T18:00:00', estimation: 600 });
  await addComment(ctx, { taskId: shotTask.id, personId: setup.manager.id, text: 'first note', createdAt: '2024-01-01T10:00:00' });
  await addComment(ctx, { taskId: shotTask.id, personId: artist.id, text: 'latest artist note', createdAt: '2024-01-02T11:30:00' });
  await addComment(ctx, { taskId: shotTask.id, personId: client.id, text: 'client says hi', createdAt: '2024-01-03T09:00:00' });
  ids.shotTask = shotTask.id;
  ids.assetTask = (await createTestTask(ctx, { projectId: project.id, entityId: asset.id, taskTypeId: modeling.id, status: 'wip', assignees: [artist.id] })).id;
  ids.epShotTask = (await createTestTask(ctx, { projectId: project.id, entityId: epShot.id, taskTypeId: animation.id, assignees: [artist.id] })).id;
  ids.epAssetTask = (await createTestTask(ctx, { projectId: project.id, entityId: epAsset.id, taskTypeId: modeling.id, assignees: [artist.id] })).id;
  ids.doneTask = (await createTestTask(ctx, { projectId: project.id, entityId: shot.id, taskTypeId: animation.id, name: 'done one', status: 'done', assignees: [artist.id], endDate: '2024-02-01T12:00:00' })).id;
  ids.otherPersonTask = (await createTestTask(ctx, { projectId: project.id, entityId: shot.id, taskTypeId: animation.id, name: 'not mine', assignees: [otherArtist.id] })).id;

  const closed = await createProject(ctx, { status: 'Closed', team: [{ id: artist.id }] });
  const closedShot = await createEntity(ctx, { projectId: closed.id, kind: 'Shot' });
  ids.closedTask = (await createTestTask(ctx, { projectId: closed.id, entityId: closedShot.id, taskTypeId: animation.id, assignees: [artist.id] })).id;
  ids.closedProject = closed.id;
  // Assigned in a project whose team he is not in: invisible in his lists (Zou's team filter).
  const foreign = await createProject(ctx, { team: [{ id: setup.manager.id }] });
  const foreignShot = await createEntity(ctx, { projectId: foreign.id, kind: 'Shot' });
  ids.foreignTask = (await createTestTask(ctx, { projectId: foreign.id, entityId: foreignShot.id, taskTypeId: animation.id, assignees: [artist.id] })).id;
  ids.foreignProject = foreign.id;
});
afterAll(async () => {
  await ctx.close();
});

const get = (url: string, token: string) => ctx.app.inject({ method: 'GET', url: `/api/${url}`, headers: bearer(token) });
type Row = Record<string, unknown>;
const byId = (rows: Row[], id: string) => rows.find((row) => row.id === id);

describe('gazu.user.all_tasks_to_do (GET data/user/tasks)', () => {
  it("returns the caller's not-done tasks of open team projects as todo rows", async () => {
    const res = await get('data/user/tasks', setup.artist.token);
    expect(res.statusCode).toBe(200);
    const rows = res.json() as Row[];
    expect(rows.map((row) => row.id).sort()).toEqual([ids.shotTask, ids.assetTask, ids.epShotTask, ids.epAssetTask].sort());
    for (const row of rows) for (const key of TODO_KEYS) expect(row, key).toHaveProperty(key);
  });

  it('fills entity, sequence, status and type names, assignees and the last non-client comment', async () => {
    const rows = (await get('data/user/tasks', setup.artist.token)).json() as Row[];
    const shotRow = byId(rows, ids.shotTask);
    expect(shotRow).toMatchObject({
      type: 'Task',
      project_id: setup.project.id,
      project_name: setup.project.name,
      project_has_avatar: false,
      entity_id: setup.shot.id,
      entity_name: setup.shot.name,
      entity_data: { frame_in: 1 },
      entity_preview_file_id: '',
      entity_source_id: '',
      entity_type_name: 'Shot',
      entity_canceled: false,
      sequence_name: setup.sequence.name,
      episode_id: '',
      episode_name: null,
      task_type_name: setup.animation.name,
      task_type_color: setup.animation.color,
      task_type_for_entity: 'Shot',
      task_status_name: 'Not Started',
      task_status_short_name: 'todo',
      task_estimation: 600,
      task_duration: 0,
      task_due_date: '2030-01-10T18:00:00',
      task_start_date: null,
      last_comment: { text: 'latest artist note', date: '2024-01-02T11:30:00', person_id: setup.artist.id },
    });
    expect((shotRow?.assignees as string[]).sort()).toEqual([setup.artist.id, setup.otherArtist.id].sort());
    expect(byId(rows, ids.assetTask)).toMatchObject({ last_comment: {}, entity_type_name: 'Character', task_status_short_name: 'wip', sequence_name: null });
  });

  it('resolves episodes: a shot through its sequence, an asset through its source episode', async () => {
    const rows = (await get('data/user/tasks', setup.artist.token)).json() as Row[];
    expect(byId(rows, ids.epShotTask)).toMatchObject({ sequence_name: 'SQ_E', episode_id: ids.episode, episode_name: 'E01' });
    expect(byId(rows, ids.epAssetTask)).toMatchObject({ entity_source_id: ids.episode, episode_id: ids.episode, episode_name: 'E01' });
  });

  it('returns done tasks on data/user/done-tasks', async () => {
    const res = await get('data/user/done-tasks', setup.artist.token);
    expect(res.statusCode).toBe(200);
    expect((res.json() as Row[]).map((row) => row.id)).toEqual([ids.doneTask]);
    expect(res.json()[0]).toMatchObject({ task_status_short_name: 'done', end_date: '2024-02-01T12:00:00' });
  });
});

describe('person-only routes refuse bots and API tokens (403)', () => {
  const routes = [
    'data/user/tasks', 'data/user/done-tasks', 'data/user/projects/open', 'data/user/context', 'data/user/notifications',
    'data/user/time-spents', 'data/user/time-spents/2024-01-01',
  ];
  it.each(routes)('GET %s', async (route) => {
    const bot = await createBot(ctx, 'admin');
    expect((await get(route, bot.token)).statusCode).toBe(403);
    const apiToken = await ctx.deps.tokens.issueApiToken({ id: setup.artist.id, is_bot: false, expiration_date: null });
    expect((await get(route, apiToken)).statusCode).toBe(403);
    expect((await get(route, setup.artist.token)).statusCode).toBe(200);
  });
});

describe('gazu.user.all_open_projects (GET data/user/projects/open)', () => {
  it('lists the open projects of the caller with relations and settings', async () => {
    const res = await get('data/user/projects/open', setup.artist.token);
    expect(res.statusCode).toBe(200);
    const projects = res.json() as Row[];
    expect(projects.map((project) => project.id)).toEqual([setup.project.id]);
    expect(projects[0]).toMatchObject({
      id: setup.project.id,
      name: setup.project.name,
      type: 'Project',
      descriptors: [],
      task_types_priority: {},
      task_statuses_link: {},
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
    });
    expect((projects[0]?.team as string[]).sort()).toEqual([setup.manager.id, setup.artist.id, setup.otherArtist.id, client.id].sort());
    const byName = await get(`data/user/projects/open?name=${encodeURIComponent(setup.project.name)}`, setup.artist.token);
    expect(byName.json()).toHaveLength(1);
  });

  it('gives admins every open project and never closed ones', async () => {
    const admin = await personWithToken(ctx, 'admin');
    const projectIds = ((await get('data/user/projects/open', admin.token)).json() as Row[]).map((project) => project.id);
    expect(projectIds).toEqual(expect.arrayContaining([setup.project.id, ids.foreignProject]));
    expect(projectIds).not.toContain(ids.closedProject);
  });
});

describe('GET data/user/context', () => {
  it('loads projects and reference data; non-managers get the minimal person view', async () => {
    const res = await get('data/user/context', setup.artist.token);
    expect(res.statusCode).toBe(200);
    const context = res.json();
    expect(Object.keys(context)).toEqual(expect.arrayContaining([
      'projects', 'persons', 'task_types', 'task_status', 'asset_types', 'departments', 'studios', 'project_status',
      'notification_count', 'project_roles', 'custom_actions', 'search_filters',
    ]));
    expect(context.projects.map((project: Row) => project.id)).toEqual([setup.project.id]);
    expect(context.task_status.map((status: Row) => status.short_name)).toEqual(expect.arrayContaining(['todo', 'wip', 'wfa', 'retake', 'done']));
    expect(context.task_types.map((type: Row) => type.id)).toEqual(expect.arrayContaining([setup.animation.id, setup.modeling.id]));
    expect(context.asset_types.map((type: Row) => type.name)).toContain('Character');
    expect(context.asset_types.map((type: Row) => type.name)).not.toContain('Shot');
    expect(context.project_status.map((status: Row) => status.name).sort()).toEqual(['Closed', 'Open']);
    expect(context.notification_count).toBe(0);
    const me = context.persons.find((row: Row) => row.id === setup.artist.id);
    expect(me).toMatchObject({ full_name: `${setup.artist.first_name} ${setup.artist.last_name}`, type: 'Person', departments: [] });
    expect(me).not.toHaveProperty('email');
    expect(context).not.toHaveProperty('user_limit');
  });

  it('gives managers the full (safe) person view and never secrets', async () => {
    const context = (await get('data/user/context', setup.manager.token)).json();
    const artist = context.persons.find((row: Row) => row.id === setup.artist.id);
    expect(artist.email).toBe(setup.artist.email);
    expect(artist).not.toHaveProperty('password');
    expect(artist).not.toHaveProperty('jti');
  });
});

describe("data/persons/<id>/tasks and done-tasks (someone's task list)", () => {
  it('shows a manager the artist tasks of the projects he sees, as todo rows', async () => {
    const res = await get(`data/persons/${setup.artist.id}/tasks`, setup.manager.token);
    expect(res.statusCode).toBe(200);
    const taskIds = (res.json() as Row[]).map((row) => row.id);
    expect(taskIds.sort()).toEqual([ids.shotTask, ids.assetTask, ids.epShotTask, ids.epAssetTask, ids.foreignTask].sort());
    const done = await get(`data/persons/${setup.artist.id}/done-tasks`, setup.manager.token);
    expect((done.json() as Row[]).map((row) => row.id)).toEqual([ids.doneTask]);
  });

  it('limits other artists to shared open projects, gives clients [] and refuses vendors asking for others', async () => {
    const byOtherArtist = (await get(`data/persons/${setup.artist.id}/tasks`, setup.otherArtist.token)).json() as Row[];
    expect(byOtherArtist.map((row) => row.id)).not.toContain(ids.foreignTask);
    expect((await get(`data/persons/${setup.artist.id}/tasks`, client.token)).json()).toEqual([]);
    const vendor = await personWithToken(ctx, 'vendor');
    expect((await get(`data/persons/${setup.artist.id}/tasks`, vendor.token)).statusCode).toBe(403);
    expect((await get(`data/persons/${vendor.id}/tasks`, vendor.token)).statusCode).toBe(200);
  });

  it('answers 404 for an unknown person and 403 for a bot', async () => {
    expect((await get('data/persons/00000000-0000-4000-8000-000000000000/tasks', setup.manager.token)).statusCode).toBe(404);
    const bot = await createBot(ctx);
    expect((await get(`data/persons/${bot.id}/done-tasks`, setup.manager.token)).statusCode).toBe(403);
  });
});

describe('gazu.user.get_timespents_range (GET data/user/time-spents)', () => {
  it("returns the caller's own rows in the range and 400 for half a range", async () => {
    const logged = await ctx.app.inject({
      method: 'POST',
      url: `/api/actions/tasks/${ids.shotTask}/time-spents/2024-02-10/persons/${setup.artist.id}`,
      headers: bearer(setup.artist.token),
      payload: { duration: 45 },
    });
    expect(logged.statusCode).toBe(201);
    const res = await get('data/user/time-spents?start_date=2024-02-01&end_date=2024-02-28', setup.artist.token);
    expect(res.json()).toEqual([expect.objectContaining({ duration: 45, person_id: setup.artist.id, type: 'TimeSpent' })]);
    expect((await get('data/user/time-spents?start_date=2024-03-01&end_date=2024-03-31', setup.artist.token)).json()).toEqual([]);
    expect((await get('data/user/time-spents?end_date=2024-03-31', setup.artist.token)).statusCode).toBe(400);
  });

  it("returns the caller's row for a task and day, null when none (data/user/tasks/<id>/time-spents/<date>)", async () => {
    const row = await get(`data/user/tasks/${ids.shotTask}/time-spents/2024-02-10`, setup.artist.token);
    expect(row.statusCode).toBe(200);
    expect(row.json()).toMatchObject({ duration: 45, task_id: ids.shotTask, date: '2024-02-10', type: 'TimeSpent' });
    const none = await get(`data/user/tasks/${ids.shotTask}/time-spents/2024-02-10`, setup.otherArtist.token);
    expect(none.statusCode).toBe(200);
    expect(none.body).toBe('null');
    expect((await get(`data/user/tasks/${ids.shotTask}/time-spents/2024-02-31`, setup.artist.token)).statusCode).toBe(400);
  });
});
