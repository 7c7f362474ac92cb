import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createTaskType, personWithToken, taskStatusId, uniqueSuffix } from '../../../../test/support/factories.ts';

/**
 * The studio-settings collections (#14): `data/hardware-items`, `data/custom-actions`,
 * `data/status-automations` and `data/preview-background-files`, with Zou's shapes, who may list and
 * read them, and bad input. Writes by role are in crud.permissions.test.ts.
 */

let ctx: TestContext;
const tokens: Record<'admin' | 'manager' | 'supervisor' | 'artist' | 'vendor', string> = { admin: '', manager: '', supervisor: '', artist: '', vendor: '' };

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
async function call(method: Method, url: string, payload?: unknown, as: keyof typeof tokens = 'admin') {
  const res = await ctx.app.inject({ method, url: `/api${url}`, headers: bearer(tokens[as]), ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: res.body ? (res.json() as Record<string, unknown> & Array<Record<string, unknown>>) : undefined };
}

beforeAll(async () => {
  ctx = await createTestContext();
  tokens.admin = (await personWithToken(ctx, 'admin')).token;
  tokens.manager = (await personWithToken(ctx, 'manager')).token;
  tokens.supervisor = (await personWithToken(ctx, 'supervisor')).token;
  tokens.artist = (await personWithToken(ctx, 'user')).token;
  tokens.vendor = (await personWithToken(ctx, 'vendor')).token;
});

afterAll(async () => {
  await ctx.close();
});

describe('data/hardware-items', () => {
  it('creates an item with Zou\'s defaults and lists it to admins only, filtered and paginated', async () => {
    const name = `Wacom ${uniqueSuffix()}`;
    const created = await call('POST', '/data/hardware-items', { name, short_name: 'WAC' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'HardwareItem', name, short_name: 'WAC', archived: false, monthly_cost: 0, inventory_amount: 0 });
    expect(Object.keys(created.body!).sort()).toEqual(
      ['archived', 'created_at', 'id', 'inventory_amount', 'monthly_cost', 'name', 'short_name', 'type', 'updated_at'],
    );
    await call('POST', '/data/hardware-items', { name: `Render node ${uniqueSuffix()}`, short_name: 'RN', monthly_cost: 90 });

    const filtered = await call('GET', `/data/hardware-items?name=${encodeURIComponent(name)}`);
    expect(filtered.body!.map((row) => row.id)).toEqual([created.body!.id]);
    const page = await call('GET', '/data/hardware-items?page=1&limit=1');
    expect(page.body).toMatchObject({ total: 2, nb_pages: 2, limit: 1, page: 1 });
    expect((page.body!.data as unknown[]).length).toBe(1);

    for (const role of ['manager', 'artist', 'vendor'] as const) {
      expect((await call('GET', '/data/hardware-items', undefined, role)).status, role).toBe(403);
      expect((await call('GET', `/data/hardware-items/${created.body!.id}`, undefined, role)).status, role).toBe(403);
    }
  });

  it('refuses a second item of the same name, a missing short name and unknown keys with 400', async () => {
    const name = `Tablet ${uniqueSuffix()}`;
    expect((await call('POST', '/data/hardware-items', { name, short_name: 'T' })).status).toBe(201);
    const twice = await call('POST', '/data/hardware-items', { name, short_name: 'T' });
    expect(twice.status).toBe(400);
    expect(twice.body).toMatchObject({ error: true });
    const noShortName = await call('POST', '/data/hardware-items', { name: `Screen ${uniqueSuffix()}` });
    expect(noShortName.status).toBe(400);
    const unknownKey = await call('POST', '/data/hardware-items', { name: `Mouse ${uniqueSuffix()}`, short_name: 'M', colour: 'red' });
    expect(unknownKey).toEqual({ status: 400, body: { error: true, message: "'colour' is an invalid keyword argument for HardwareItem" } });
  });
});

describe('data/custom-actions', () => {
  it('creates an action (entity_type "all", not ajax), listed to everyone but vendors, each row to admins', async () => {
    const created = await call('POST', '/data/custom-actions', { name: 'Send to farm', url: 'https://farm.studio.test/submit' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'CustomAction', name: 'Send to farm', url: 'https://farm.studio.test/submit', entity_type: 'all', is_ajax: false });

    for (const role of ['manager', 'supervisor', 'artist'] as const) {
      const list = await call('GET', '/data/custom-actions', undefined, role);
      expect(list.status, role).toBe(200);
      expect(list.body!.map((row) => row.name), role).toContain('Send to farm');
      expect((await call('GET', `/data/custom-actions/${created.body!.id}`, undefined, role)).status, role).toBe(403);
    }
    expect((await call('GET', '/data/custom-actions', undefined, 'vendor')).status).toBe(403);
    expect((await call('GET', `/data/custom-actions/${created.body!.id}`)).status).toBe(200);
  });

  it('refuses an action without a name, on create and on update, with Zou\'s words', async () => {
    const message = "The 'name' field is required and cannot be None.";
    expect(await call('POST', '/data/custom-actions', { url: 'https://x.studio.test' })).toMatchObject({ status: 400, body: { error: true, message } });
    expect(await call('POST', '/data/custom-actions', { name: null })).toMatchObject({ status: 400, body: { error: true, message } });
    const created = await call('POST', '/data/custom-actions', { name: 'Open in RV' });
    expect(await call('PUT', `/data/custom-actions/${created.body!.id}`, { name: null })).toMatchObject({ status: 400, body: { message } });
    const renamed = await call('PUT', `/data/custom-actions/${created.body!.id}`, { name: 'Open in mrViewer', is_ajax: true });
    expect(renamed).toMatchObject({ status: 200, body: { name: 'Open in mrViewer', is_ajax: true } });
  });
});

describe('data/status-automations', () => {
  it('stores an automation between two task types, filterable by its input, and deletes it', async () => {
    const modeling = await createTaskType(ctx, { forEntity: 'Asset' });
    const rigging = await createTaskType(ctx, { forEntity: 'Asset' });
    const done = await taskStatusId(ctx, 'done');
    const todo = await taskStatusId(ctx, 'todo');
    const created = await call('POST', '/data/status-automations', {
      entity_type: 'asset', in_task_type_id: modeling.id, in_task_status_id: done, out_task_type_id: rigging.id, out_task_status_id: todo,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: 'StatusAutomation', entity_type: 'asset', in_task_type_id: modeling.id, in_task_status_id: done, out_field_type: 'status',
      out_task_type_id: rigging.id, out_task_status_id: todo, import_last_revision: false, archived: false,
    });
    const readyFor = await call('POST', '/data/status-automations', { in_task_type_id: rigging.id, in_task_status_id: done, out_field_type: 'ready_for', out_task_type_id: modeling.id });
    expect(readyFor).toMatchObject({ status: 201, body: { entity_type: 'asset', out_field_type: 'ready_for', out_task_status_id: null } });

    const byInput = await call('GET', `/data/status-automations?in_task_type_id=${modeling.id}`, undefined, 'supervisor');
    expect(byInput.status).toBe(200);
    expect(byInput.body!.map((row) => row.id)).toEqual([created.body!.id]);
    expect((await call('GET', '/data/status-automations', undefined, 'vendor')).status).toBe(403);

    const event = await ctx.db.selectFrom('api_event').select('data').where('name', '=', 'status-automation:new').executeTakeFirst();
    expect(event?.data).toMatchObject({ status_automation_id: created.body!.id });

    expect((await call('DELETE', `/data/status-automations/${created.body!.id}`)).status).toBe(204);
    const gone = await call('GET', `/data/status-automations/${created.body!.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body!.message).toMatch(/^404 Not Found/);
  });

  it('refuses an unknown out_field_type, malformed and unknown task types with 400', async () => {
    const badField = await call('POST', '/data/status-automations', { out_field_type: 'priority' });
    expect(badField.status).toBe(400);
    expect(badField.body).toMatchObject({ error: true });
    const malformed = await call('POST', '/data/status-automations', { in_task_type_id: 'modeling' });
    expect(malformed.status).toBe(400);
    const unknown = await call('POST', '/data/status-automations', { in_task_type_id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(400);
    expect(await ctx.db.selectFrom('status_automation').select('id').where('in_task_type_id', '=', '00000000-0000-4000-8000-000000000000').execute()).toEqual([]);
  });
});

describe('data/preview-background-files', () => {
  it('keeps one default: a new or updated default unsets the previous one', async () => {
    const first = await call('POST', '/data/preview-background-files/', { name: `Studio ${uniqueSuffix()}`, is_default: true });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ type: 'PreviewBackgroundFile', is_default: true, archived: false, file_size: 0, extension: null });
    const second = await call('POST', '/data/preview-background-files', { name: `Sunset ${uniqueSuffix()}`, is_default: true });
    expect(second.body).toMatchObject({ is_default: true });
    expect((await call('GET', `/data/preview-background-files/${first.body!.id}`)).body).toMatchObject({ is_default: false });

    expect((await call('PUT', `/data/preview-background-files/${first.body!.id}`, { is_default: true })).body).toMatchObject({ is_default: true });
    const defaults = await call('GET', '/data/preview-background-files?is_default=true', undefined, 'artist');
    expect(defaults.status).toBe(200);
    expect(defaults.body!.map((row) => row.id)).toEqual([first.body!.id]);
    expect((await call('GET', `/data/preview-background-files/${second.body!.id}`, undefined, 'vendor')).body).toMatchObject({ is_default: false });
  });

  it("refuses a name already taken, with Zou's words", async () => {
    const name = `Forest ${uniqueSuffix()}`;
    const created = await call('POST', '/data/preview-background-files', { name });
    expect(created.status).toBe(201);
    expect(await call('POST', '/data/preview-background-files', { name })).toEqual({
      status: 400, body: { error: true, message: 'A preview background file with similar name already exists', data: null },
    });
    const other = await call('POST', '/data/preview-background-files', { name: `Desert ${uniqueSuffix()}` });
    expect((await call('PUT', `/data/preview-background-files/${other.body!.id}`, { name })).status).toBe(400);
    expect((await call('PUT', `/data/preview-background-files/${created.body!.id}`, { name, archived: true })).body).toMatchObject({ archived: true });
  });
});
