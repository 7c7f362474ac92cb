import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import {
  bearer, createAssetEntity, createProject, createTaskType, createTestTask, personWithToken, type TestPerson,
} from '../../../../test/support/factories.ts';

/** `GET data/tasks/<task_id>/previews` (#14): the task panel's revisions. */

let ctx: TestContext;
let artist: TestPerson & { token: string };
let outsider: TestPerson & { token: string };
let vendor: TestPerson & { token: string };
let taskId: string;
const previews: string[] = [];

async function get(url: string, token: string) {
  const res = await ctx.app.inject({ method: 'GET', url: `/api${url}`, headers: bearer(token) });
  return { status: res.statusCode, body: res.json() as Array<Record<string, unknown>> };
}

beforeAll(async () => {
  ctx = await createTestContext();
  artist = await personWithToken(ctx, 'user');
  outsider = await personWithToken(ctx, 'user');
  vendor = await personWithToken(ctx, 'vendor');
  const project = await createProject(ctx, { team: [{ id: artist.id }, { id: vendor.id }] });
  const asset = await createAssetEntity(ctx, project.id);
  const taskType = await createTaskType(ctx, { forEntity: 'Asset' });
  taskId = (await createTestTask(ctx, { projectId: project.id, entityId: asset.id, taskTypeId: taskType.id })).id;
  const other = await createTestTask(ctx, { projectId: project.id, entityId: asset.id, taskTypeId: (await createTaskType(ctx, { forEntity: 'Asset' })).id });
  for (const [task, revision, position] of [[taskId, 1, 1], [taskId, 2, 2], [taskId, 2, 1], [other.id, 3, 1]] as const) {
    const row = await ctx.db.insertInto('preview_file').values({ task_id: task, revision, position, extension: 'png', status: 'ready' }).returning('id').executeTakeFirstOrThrow();
    previews.push(row.id);
  }
});

afterAll(async () => {
  await ctx.close();
});

describe('data/tasks/<task_id>/previews', () => {
  it("lists the task's preview files, newest revision first, as preview file rows", async () => {
    const res = await get(`/data/tasks/${taskId}/previews`, artist.token);
    expect(res.status).toBe(200);
    expect(res.body.map((row) => [row.revision, row.position])).toEqual([[2, 1], [2, 2], [1, 1]]);
    expect(res.body[0]).toMatchObject({ id: previews[2], type: 'PreviewFile', task_id: taskId, extension: 'png', status: 'ready' });
  });

  it('refuses people outside the production and vendors off the entity; 404 for unknown or malformed tasks', async () => {
    expect((await get(`/data/tasks/${taskId}/previews`, outsider.token)).status).toBe(403);
    expect((await get(`/data/tasks/${taskId}/previews`, vendor.token)).status).toBe(403);
    expect((await get('/data/tasks/00000000-0000-4000-8000-000000000000/previews', artist.token)).status).toBe(404);
    expect((await get('/data/tasks/first-task/previews', artist.token)).status).toBe(404);
  });
});
