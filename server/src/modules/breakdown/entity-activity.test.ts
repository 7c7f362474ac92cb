import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import {
  bearer, createAssetEntity, createProject, createShotEntity, createTaskType, createTestTask, personWithToken, type TestPerson,
} from '../../../../test/support/factories.ts';

/** `data/entities/<id>/preview-files` and `.../time-spents` (#14): what was made on an entity, any kind. */

let ctx: TestContext;
let artist: TestPerson & { token: string };
let outsider: TestPerson & { token: string };
let vendor: TestPerson & { token: string };
let shotId: string;
let otherShotId: string;
const previews: string[] = [];

async function get(url: string, token: string) {
  const res = await ctx.app.inject({ method: 'GET', url: `/api${url}`, headers: bearer(token) });
  return { status: res.statusCode, body: res.json() as Array<Record<string, unknown>> & Record<string, unknown> };
}

beforeAll(async () => {
  ctx = await createTestContext();
  artist = await personWithToken(ctx, 'user');
  outsider = await personWithToken(ctx, 'user');
  vendor = await personWithToken(ctx, 'vendor');
  const project = await createProject(ctx, { team: [{ id: artist.id }, { id: vendor.id }] });
  shotId = (await createShotEntity(ctx, project.id)).id;
  otherShotId = (await createShotEntity(ctx, project.id)).id;
  const animation = await createTaskType(ctx, { name: 'B Animation', forEntity: 'Shot' });
  const layout = await createTaskType(ctx, { name: 'A Layout', forEntity: 'Shot' });
  const animTask = await createTestTask(ctx, { projectId: project.id, entityId: shotId, taskTypeId: animation.id });
  const layoutTask = await createTestTask(ctx, { projectId: project.id, entityId: shotId, taskTypeId: layout.id });
  const otherTask = await createTestTask(ctx, { projectId: project.id, entityId: otherShotId, taskTypeId: layout.id });
  for (const [taskId, revision] of [[animTask.id, 1], [layoutTask.id, 1], [layoutTask.id, 2], [otherTask.id, 1]] as const) {
    const row = await ctx.db.insertInto('preview_file')
      .values({ task_id: taskId, revision, name: `v${revision}`, extension: 'png', person_id: artist.id, status: 'ready' })
      .returning('id').executeTakeFirstOrThrow();
    previews.push(row.id);
  }
  await ctx.db.insertInto('time_spent').values([
    { task_id: animTask.id, person_id: artist.id, date: '2026-03-02', duration: 120 },
    { task_id: layoutTask.id, person_id: artist.id, date: '2026-03-04', duration: 60 },
    { task_id: otherTask.id, person_id: artist.id, date: '2026-03-05', duration: 30 },
  ]).execute();
  await createAssetEntity(ctx, project.id);
});

afterAll(async () => {
  await ctx.close();
});

describe('entity activity', () => {
  it("lists the entity's previews by task type name, newest revision first, in Zou's presented shape", async () => {
    const res = await get(`/data/entities/${shotId}/preview-files`, artist.token);
    expect(res.status).toBe(200);
    expect(res.body.map((row) => row.id)).toEqual([previews[2], previews[1], previews[0]]);
    expect(Object.keys(res.body[0]).sort()).toEqual([
      'created_at', 'extension', 'file_size', 'id', 'name', 'original_name', 'person_id', 'position', 'revision', 'status', 'task_id',
      'token_in', 'token_out', 'validation_status',
    ]);
  });

  it("lists the time spent on the entity's tasks, latest day first", async () => {
    const res = await get(`/data/entities/${shotId}/time-spents`, artist.token);
    expect(res.status).toBe(200);
    expect(res.body.map((row) => [row.date, row.duration, row.type])).toEqual([['2026-03-04', 60, 'TimeSpent'], ['2026-03-02', 120, 'TimeSpent']]);
  });

  it('refuses people outside the production and vendors off their entities; 404 for unknown entities', async () => {
    for (const path of ['preview-files', 'time-spents']) {
      expect((await get(`/data/entities/${shotId}/${path}`, outsider.token)).status, path).toBe(403);
      expect((await get(`/data/entities/${shotId}/${path}`, vendor.token)).status, path).toBe(403);
      expect((await get(`/data/entities/00000000-0000-4000-8000-000000000000/${path}`, artist.token)).status, path).toBe(404);
      expect((await get(`/data/entities/not-an-id/${path}`, artist.token)).status, path).toBe(404);
    }
  });
});
