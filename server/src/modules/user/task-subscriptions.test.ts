import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import {
  bearer, createAssetEntity, createProject, createTaskType, createTestTask, personWithToken, type TestPerson,
} from '../../../../test/support/factories.ts';

/**
 * Task watches (`data/user/tasks/<id>/subscribed`, `actions/user/tasks/<id>/subscribe|unsubscribe`,
 * the routes the Kitsu web client calls) and `actions/user/notifications/mark-all-as-read` (#14).
 */

let ctx: TestContext;
let artist: TestPerson & { token: string };
let outsider: TestPerson & { token: string };
let vendor: TestPerson & { token: string };
let manager: TestPerson & { token: string };
let taskId: string;

async function call(method: 'GET' | 'POST' | 'DELETE', url: string, token: string) {
  const res = await ctx.app.inject({ method, url: `/api${url}`, headers: bearer(token), ...(method === 'POST' ? { payload: {} } : {}) });
  return { status: res.statusCode, body: res.body ? (res.json() as unknown) : undefined };
}

beforeAll(async () => {
  ctx = await createTestContext();
  artist = await personWithToken(ctx, 'user');
  outsider = await personWithToken(ctx, 'user');
  vendor = await personWithToken(ctx, 'vendor');
  manager = await personWithToken(ctx, 'manager');
  const project = await createProject(ctx, { team: [{ id: artist.id }, { id: vendor.id }, { id: manager.id }] });
  const asset = await createAssetEntity(ctx, project.id);
  const taskType = await createTaskType(ctx, { forEntity: 'Asset' });
  taskId = (await createTestTask(ctx, { projectId: project.id, entityId: asset.id, taskTypeId: taskType.id })).id;
});

afterAll(async () => {
  await ctx.close();
});

describe('task watches', () => {
  it('watches a task once, shows it in the full task, and stops watching', async () => {
    expect(await call('GET', `/data/user/tasks/${taskId}/subscribed`, artist.token)).toEqual({ status: 200, body: false });

    const first = await call('POST', `/actions/user/tasks/${taskId}/subscribe`, artist.token);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ type: 'Subscription', person_id: artist.id, task_id: taskId, entity_id: null, task_type_id: null });
    expect(Object.keys(first.body as object).sort()).toEqual(['created_at', 'entity_id', 'id', 'person_id', 'task_id', 'task_type_id', 'type', 'updated_at']);
    const again = await call('POST', `/actions/user/tasks/${taskId}/subscribe`, artist.token);
    expect(again).toMatchObject({ status: 201, body: { id: (first.body as { id: string }).id } });
    const rows = await ctx.db.selectFrom('subscription').select('id').where('task_id', '=', taskId).where('person_id', '=', artist.id).execute();
    expect(rows).toHaveLength(1);

    expect(await call('GET', `/data/user/tasks/${taskId}/subscribed`, artist.token)).toEqual({ status: 200, body: true });
    expect((await call('GET', `/data/tasks/${taskId}/full`, artist.token)).body).toMatchObject({ is_subscribed: true });
    // Another person's watch is theirs: the manager does not watch the task.
    expect(await call('GET', `/data/user/tasks/${taskId}/subscribed`, manager.token)).toEqual({ status: 200, body: false });

    expect((await call('DELETE', `/actions/user/tasks/${taskId}/unsubscribe`, artist.token)).status).toBe(204);
    expect(await call('GET', `/data/user/tasks/${taskId}/subscribed`, artist.token)).toEqual({ status: 200, body: false });
    expect((await call('DELETE', `/actions/user/tasks/${taskId}/unsubscribe`, artist.token)).status).toBe(204);
    const audit = await ctx.db.selectFrom('audit_event').select('action').where('object_type', '=', 'subscription').where('actor_id', '=', artist.id).orderBy('created_at').execute();
    expect(audit.map((row) => row.action)).toEqual(['create', 'delete']);
  });

  it('refuses people outside the production and vendors off their entities, and unknown or malformed tasks', async () => {
    for (const [method, url] of [['GET', `/data/user/tasks/${taskId}/subscribed`], ['POST', `/actions/user/tasks/${taskId}/subscribe`], ['DELETE', `/actions/user/tasks/${taskId}/unsubscribe`]] as const) {
      expect((await call(method, url, outsider.token)).status, `${method} ${url} outsider`).toBe(403);
      expect((await call(method, url, vendor.token)).status, `${method} ${url} vendor`).toBe(403);
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-task']) {
        const res = await call(method, url.replace(taskId, id), artist.token);
        expect(res.status, `${method} ${id}`).toBe(404);
        expect(res.body).toMatchObject({ error: true });
      }
    }
    expect(await ctx.db.selectFrom('subscription').select('id').where('person_id', 'in', [outsider.id, vendor.id]).execute()).toEqual([]);
  });
});

describe('actions/user/notifications/mark-all-as-read', () => {
  it("marks every unread notification of the caller read, nobody else's, and says so once", async () => {
    const values = (personId: string) => ({ person_id: personId, author_id: manager.id, task_id: taskId, type: 'comment' });
    await ctx.db.insertInto('notification').values([values(artist.id), values(artist.id), values(outsider.id)]).execute();

    expect(await call('POST', '/actions/user/notifications/mark-all-as-read', artist.token)).toEqual({ status: 200, body: { success: true } });
    const rows = await ctx.db.selectFrom('notification').select(['person_id', 'read']).execute();
    expect(rows.filter((row) => row.person_id === artist.id).map((row) => row.read)).toEqual([true, true]);
    expect(rows.filter((row) => row.person_id === outsider.id).map((row) => row.read)).toEqual([false]);

    expect(await call('POST', '/actions/user/notifications/mark-all-as-read', artist.token)).toEqual({ status: 200, body: { success: true } });
    const events = await ctx.db.selectFrom('api_event').select('data').where('name', '=', 'notification:all-read').execute();
    expect(events.map((event) => event.data)).toEqual([{ person_id: artist.id }]);
  });
});
