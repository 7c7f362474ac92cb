import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import {
  bearer, createAssetEntity, createPerson, createProject, createTaskType, createTestTask, personWithToken, uniqueSuffix,
  type TestPerson,
} from '../../../../test/support/factories.ts';

/**
 * Who may create, update and delete what through `data/<collection>` (§3.3, §3.6, §5): role × action ×
 * ownership, as a table. "manager" is a manager in the project's team; "manager-out" a global manager
 * who is not in it; supervisor, artist, client and vendor are team members with those roles.
 */

const ROLES = ['admin', 'manager', 'manager-out', 'supervisor', 'artist', 'client', 'vendor'] as const;
type RoleName = (typeof ROLES)[number];

let ctx: TestContext;
let project: { id: string };
let closedProjects: string[];
const people = {} as Record<RoleName, TestPerson & { token: string }>;
let assetTaskType: string;
let dayCounter = 0;

interface Request { method: 'POST' | 'PUT' | 'DELETE'; url: string; payload?: Record<string, unknown> }
type Setup = (actor: RoleName) => Promise<Request>;

const nextDay = () => `2031-01-${String((dayCounter += 1) % 28 + 1).padStart(2, '0')}`;

async function dayOffOf(personId: string): Promise<string> {
  const date = `2032-${String((dayCounter += 1) % 12 + 1).padStart(2, '0')}-${String(dayCounter % 28 + 1).padStart(2, '0')}`;
  const row = await ctx.db.insertInto('day_off').values({ person_id: personId, date, end_date: date }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

const other = (): Promise<TestPerson> => createPerson(ctx);

const SETUPS: Record<string, Setup> = {
  'create department': async () => ({ method: 'POST', url: '/api/data/departments', payload: { name: `D ${uniqueSuffix()}`, color: '#000000' } }),
  'delete department': async () => {
    const row = await ctx.db.insertInto('department').values({ name: `D ${uniqueSuffix()}`, color: '#000000' }).returning('id').executeTakeFirstOrThrow();
    return { method: 'DELETE', url: `/api/data/departments/${row.id}` };
  },
  'create task type': async () => ({ method: 'POST', url: '/api/data/task-types', payload: { name: `TT ${uniqueSuffix()}`, for_entity: 'Shot' } }),
  'delete task type': async () => ({ method: 'DELETE', url: `/api/data/task-types/${(await createTaskType(ctx)).id}` }),
  'create entity in project': async () => {
    const type = await ctx.db.selectFrom('entity_type').select('id').where('name', '=', 'Shot').executeTakeFirstOrThrow();
    return { method: 'POST', url: '/api/data/entities', payload: { name: `SH ${uniqueSuffix()}`, project_id: project.id, entity_type_id: type.id } };
  },
  'delete entity in project': async () => ({ method: 'DELETE', url: `/api/data/entities/${(await createAssetEntity(ctx, project.id)).id}` }),
  'create task in project': async () => {
    const asset = await createAssetEntity(ctx, project.id);
    return { method: 'POST', url: '/api/data/tasks', payload: { entity_id: asset.id, task_type_id: assetTaskType } };
  },
  'delete task in project': async () => {
    const asset = await createAssetEntity(ctx, project.id);
    const task = await createTestTask(ctx, { projectId: project.id, entityId: asset.id, taskTypeId: assetTaskType });
    return { method: 'DELETE', url: `/api/data/tasks/${task.id}` };
  },
  'create person': async () => ({ method: 'POST', url: '/api/data/persons', payload: { first_name: 'New', last_name: 'Hire', email: `new-${uniqueSuffix()}@studio.test` } }),
  'delete another person': async () => ({ method: 'DELETE', url: `/api/data/persons/${(await other()).id}` }),
  'create project': async () => ({ method: 'POST', url: '/api/data/projects', payload: { name: `P ${uniqueSuffix()}` } }),
  'delete closed project': async () => ({ method: 'DELETE', url: `/api/data/projects/${closedProjects.pop()}` }),
  'create own day off': async (actor) => ({ method: 'POST', url: '/api/data/day-offs', payload: { date: nextDay(), person_id: people[actor].id } }),
  "create someone else's day off": async () => ({ method: 'POST', url: '/api/data/day-offs', payload: { date: nextDay(), person_id: (await other()).id } }),
  'delete own day off': async (actor) => ({ method: 'DELETE', url: `/api/data/day-offs/${await dayOffOf(people[actor].id)}` }),
  "delete someone else's day off": async () => ({ method: 'DELETE', url: `/api/data/day-offs/${await dayOffOf((await other()).id)}` }),
  'update task schedule fields': async () => ({ method: 'PUT', url: `/api/data/tasks/${await newTask()}`, payload: { priority: 2, due_date: '2031-02-01', name: 'main' } }),
  'update task name': async () => ({ method: 'PUT', url: `/api/data/tasks/${await newTask()}`, payload: { name: `renamed ${uniqueSuffix()}` } }),
  'update project': async () => ({ method: 'PUT', url: `/api/data/projects/${project.id}`, payload: { description: uniqueSuffix() } }),
  'update entity the caller created': async (actor) => {
    const asset = await createAssetEntity(ctx, project.id);
    await ctx.db.updateTable('entity').set({ created_by: people[actor].id }).where('id', '=', asset.id).execute();
    return { method: 'PUT', url: `/api/data/entities/${asset.id}`, payload: { description: 'mine', data: { a: 1 } } };
  },
  'update entity of someone else': async () => ({ method: 'PUT', url: `/api/data/entities/${(await createAssetEntity(ctx, project.id)).id}`, payload: { description: 'x' } }),
  'update own person': async (actor) => ({ method: 'PUT', url: `/api/data/persons/${people[actor].id}`, payload: { phone: '0102' } }),
  'update another person': async () => ({ method: 'PUT', url: `/api/data/persons/${(await other()).id}`, payload: { phone: '0102' } }),
  'create webhook': async () => ({ method: 'POST', url: '/api/data/webhooks', payload: { url: 'http://203.0.113.9/hook', events: ['task:new'], project_id: project.id, active: false } }),
  'update webhook': async () => ({ method: 'PUT', url: `/api/data/webhooks/${await newWebhook()}`, payload: { events: ['task:*'] } }),
  'delete webhook': async () => ({ method: 'DELETE', url: `/api/data/webhooks/${await newWebhook()}` }),
  'create hardware item': async () => ({ method: 'POST', url: '/api/data/hardware-items', payload: { name: `HW ${uniqueSuffix()}`, short_name: 'hw' } }),
  'update hardware item': async () => ({ method: 'PUT', url: `/api/data/hardware-items/${await newSetting('hardware_item')}`, payload: { monthly_cost: 30 } }),
  'delete hardware item': async () => ({ method: 'DELETE', url: `/api/data/hardware-items/${await newSetting('hardware_item')}` }),
  'create custom action': async () => ({ method: 'POST', url: '/api/data/custom-actions', payload: { name: `CA ${uniqueSuffix()}`, url: 'https://pipeline.studio.test/act' } }),
  'update custom action': async () => ({ method: 'PUT', url: `/api/data/custom-actions/${await newSetting('custom_action')}`, payload: { is_ajax: true } }),
  'delete custom action': async () => ({ method: 'DELETE', url: `/api/data/custom-actions/${await newSetting('custom_action')}` }),
  'create status automation': async () => ({ method: 'POST', url: '/api/data/status-automations', payload: { entity_type: 'shot', out_field_type: 'status' } }),
  'update status automation': async () => ({ method: 'PUT', url: `/api/data/status-automations/${await newSetting('status_automation')}`, payload: { archived: true } }),
  'delete status automation': async () => ({ method: 'DELETE', url: `/api/data/status-automations/${await newSetting('status_automation')}` }),
  'create preview background': async () => ({ method: 'POST', url: '/api/data/preview-background-files', payload: { name: `BG ${uniqueSuffix()}` } }),
  'update preview background': async () => ({ method: 'PUT', url: `/api/data/preview-background-files/${await newSetting('preview_background_file')}`, payload: { archived: true } }),
  'delete preview background': async () => ({ method: 'DELETE', url: `/api/data/preview-background-files/${await newSetting('preview_background_file')}` }),
};

/** A row of one of the studio-settings tables (#14), for their update and delete rows. */
async function newSetting(table: 'hardware_item' | 'custom_action' | 'status_automation' | 'preview_background_file'): Promise<string> {
  if (table === 'preview_background_file') {
    return (await ctx.db.insertInto('preview_background_file').values({ name: `BG ${uniqueSuffix()}` }).returning('id').executeTakeFirstOrThrow()).id;
  }
  if (table === 'hardware_item') {
    return (await ctx.db.insertInto('hardware_item').values({ name: `HW ${uniqueSuffix()}`, short_name: 'hw' }).returning('id').executeTakeFirstOrThrow()).id;
  }
  if (table === 'custom_action') return (await ctx.db.insertInto('custom_action').values({ name: 'Send to farm' }).returning('id').executeTakeFirstOrThrow()).id;
  return (await ctx.db.insertInto('status_automation').values({ entity_type: 'asset' }).returning('id').executeTakeFirstOrThrow()).id;
}

/** An inactive hook (it sends nothing), for the webhook rows of the table. */
async function newWebhook(): Promise<string> {
  const row = await ctx.db.insertInto('webhook').values({ url: 'http://127.0.0.1:9/hook', events: ['*'], active: false, secret: 'whsec_test' }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function newTask(): Promise<string> {
  const asset = await createAssetEntity(ctx, project.id);
  return (await createTestTask(ctx, { projectId: project.id, entityId: asset.id, taskTypeId: assetTaskType })).id;
}

// prettier-ignore
const TABLE: Array<[keyof typeof SETUPS, number[]]> = [
  //                                  admin mgr  mgr-out sup  artist client vendor
  ['create department',              [201,  403, 403,    403, 403,   403,   403]],
  ['delete department',              [204,  403, 403,    403, 403,   403,   403]],
  ['create task type',               [201,  403, 403,    403, 403,   403,   403]],
  ['delete task type',               [204,  403, 403,    403, 403,   403,   403]],
  ['create entity in project',       [201,  201, 403,    403, 403,   403,   403]],
  ['delete entity in project',       [204,  204, 403,    403, 403,   403,   403]],
  ['create task in project',         [201,  201, 403,    403, 403,   403,   403]],
  ['delete task in project',         [204,  204, 403,    403, 403,   403,   403]],
  ['create person',                  [201,  403, 403,    403, 403,   403,   403]],
  ['delete another person',          [204,  403, 403,    403, 403,   403,   403]],
  ['create project',                 [201,  403, 403,    403, 403,   403,   403]],
  ['delete closed project',          [204,  403, 403,    403, 403,   403,   403]],
  ['create own day off',             [201,  201, 201,    201, 201,   201,   201]],
  ["create someone else's day off",  [201,  403, 403,    403, 403,   403,   403]],
  ['delete own day off',             [204,  204, 204,    204, 204,   204,   204]],
  ["delete someone else's day off",  [204,  403, 403,    403, 403,   403,   403]],
  // A supervisor (no departments: all of them) may change schedule fields of a task, nothing else.
  ['update task schedule fields',    [200,  200, 403,    200, 403,   403,   403]],
  ['update task name',               [200,  200, 403,    403, 403,   403,   403]],
  ['update project',                 [200,  200, 403,    403, 403,   403,   403]],
  ['update entity the caller created', [200, 200, 403,   200, 200,   200,   200]],
  ['update entity of someone else',  [200,  200, 403,    403, 403,   403,   403]],
  ['update own person',              [200,  200, 200,    200, 200,   200,   200]],
  ['update another person',          [200,  403, 403,    403, 403,   403,   403]],
  // Webhooks send the studio's events out: admins only, managers of the production included.
  ['create webhook',                 [201,  403, 403,    403, 403,   403,   403]],
  ['update webhook',                 [200,  403, 403,    403, 403,   403,   403]],
  ['delete webhook',                 [204,  403, 403,    403, 403,   403,   403]],
  // Studio settings (#14): only admins write them, as in Zou.
  ['create hardware item',           [201,  403, 403,    403, 403,   403,   403]],
  ['update hardware item',           [200,  403, 403,    403, 403,   403,   403]],
  ['delete hardware item',           [204,  403, 403,    403, 403,   403,   403]],
  ['create custom action',           [201,  403, 403,    403, 403,   403,   403]],
  ['update custom action',           [200,  403, 403,    403, 403,   403,   403]],
  ['delete custom action',           [204,  403, 403,    403, 403,   403,   403]],
  ['create status automation',       [201,  403, 403,    403, 403,   403,   403]],
  ['update status automation',       [200,  403, 403,    403, 403,   403,   403]],
  ['delete status automation',       [204,  403, 403,    403, 403,   403,   403]],
  ['create preview background',      [201,  403, 403,    403, 403,   403,   403]],
  ['update preview background',      [200,  403, 403,    403, 403,   403,   403]],
  ['delete preview background',      [204,  403, 403,    403, 403,   403,   403]],
];

beforeAll(async () => {
  ctx = await createTestContext();
  people.admin = await personWithToken(ctx, 'admin');
  people.manager = await personWithToken(ctx, 'manager');
  people['manager-out'] = await personWithToken(ctx, 'manager');
  people.supervisor = await personWithToken(ctx, 'supervisor');
  people.artist = await personWithToken(ctx, 'user');
  people.client = await personWithToken(ctx, 'client');
  people.vendor = await personWithToken(ctx, 'vendor');
  const team = (['manager', 'supervisor', 'artist', 'client', 'vendor'] as const).map((role) => ({ id: people[role].id }));
  project = await createProject(ctx, { team });
  closedProjects = [];
  for (let i = 0; i < ROLES.length; i += 1) closedProjects.push((await createProject(ctx, { status: 'Closed', team })).id);
  assetTaskType = (await createTaskType(ctx, { forEntity: 'Asset' })).id;
});

afterAll(async () => {
  await ctx.close();
});

describe.each(TABLE)('%s', (action, expected) => {
  it.each(ROLES.map((role, index) => [role, expected[index]!] as const))('%s → %i', async (role, status) => {
    const request = await SETUPS[action]!(role);
    const res = await ctx.app.inject({ method: request.method, url: request.url, headers: bearer(people[role].token), payload: request.payload });
    expect(res.statusCode, res.body).toBe(status);
  });
});

describe('supervisor departments', () => {
  it("lets a supervisor change schedule fields only of his departments' task types", async () => {
    const supervisor = await personWithToken(ctx, 'supervisor');
    await ctx.db.insertInto('project_person_link').values({ project_id: project.id, person_id: supervisor.id }).execute();
    const mine = await ctx.db.insertInto('department').values({ name: `Mine ${uniqueSuffix()}`, color: '#000000' }).returning('id').executeTakeFirstOrThrow();
    const theirs = await ctx.db.insertInto('department').values({ name: `Theirs ${uniqueSuffix()}`, color: '#000000' }).returning('id').executeTakeFirstOrThrow();
    await ctx.db.insertInto('department_link').values({ person_id: supervisor.id, department_id: mine.id }).execute();
    const put = async (departmentId: string) => {
      const type = await createTaskType(ctx, { forEntity: 'Asset' });
      await ctx.db.updateTable('task_type').set({ department_id: departmentId }).where('id', '=', type.id).execute();
      const task = await createTestTask(ctx, { projectId: project.id, entityId: (await createAssetEntity(ctx, project.id)).id, taskTypeId: type.id });
      return (await ctx.app.inject({ method: 'PUT', url: `/api/data/tasks/${task.id}`, headers: bearer(supervisor.token), payload: { estimation: 120 } })).statusCode;
    };
    expect(await put(mine.id)).toBe(200);
    expect(await put(theirs.id)).toBe(403);
  });
});

describe('read scoping', () => {
  it('lists projects: admins see all, team members their open projects, outsiders none', async () => {
    const list = async (role: RoleName) => {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/data/projects', headers: bearer(people[role].token) });
      expect(res.statusCode).toBe(200);
      return (res.json() as Array<{ id: string }>).map((p) => p.id);
    };
    expect(await list('admin')).toContain(project.id);
    expect(await list('artist')).toEqual([project.id]);
    expect(await list('manager-out')).toEqual([]);
  });

  it('limits vendors to the tasks assigned to them, and refuses admin-only lists to others', async () => {
    const asset = await createAssetEntity(ctx, project.id);
    const mine = await createTestTask(ctx, { projectId: project.id, entityId: asset.id, taskTypeId: assetTaskType, assignees: [people.vendor.id] });
    const notMine = await createTestTask(ctx, { projectId: project.id, entityId: (await createAssetEntity(ctx, project.id)).id, taskTypeId: assetTaskType });
    const res = await ctx.app.inject({ method: 'GET', url: `/api/data/tasks?project_id=${project.id}`, headers: bearer(people.vendor.token) });
    expect((res.json() as Array<{ id: string }>).map((t) => t.id)).toEqual([mine.id]);
    const artist = await ctx.app.inject({ method: 'GET', url: `/api/data/tasks?project_id=${project.id}`, headers: bearer(people.artist.token) });
    expect((artist.json() as Array<{ id: string }>).map((t) => t.id)).toEqual(expect.arrayContaining([mine.id, notMine.id]));
    const forbidden = await ctx.app.inject({ method: 'GET', url: `/api/data/tasks/${notMine.id}`, headers: bearer(people.vendor.token) });
    expect(forbidden.statusCode).toBe(403);
    for (const collection of ['comments', 'time-spents', 'notifications', 'events', 'day-offs']) {
      const denied = await ctx.app.inject({ method: 'GET', url: `/api/data/${collection}`, headers: bearer(people.manager.token) });
      expect(denied.statusCode, collection).toBe(403);
    }
    const files = await ctx.app.inject({ method: 'GET', url: '/api/data/working-files', headers: bearer(people.vendor.token) });
    expect(files.statusCode).toBe(403);
  });

  it('lets team members read their project and refuses outsiders', async () => {
    const member = await ctx.app.inject({ method: 'GET', url: `/api/data/projects/${project.id}`, headers: bearer(people.client.token) });
    expect(member.statusCode).toBe(200);
    expect(member.json()).toMatchObject({ id: project.id, project_status_name: 'Open', type: 'Project' });
    const outsider = await ctx.app.inject({ method: 'GET', url: `/api/data/projects/${project.id}`, headers: bearer(people['manager-out'].token) });
    expect(outsider.statusCode).toBe(403);
  });
});
