import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import {
  bearer, createAssetEntity, createProject, createTaskType, entityTypeId, personWithToken, type TestPerson,
} from '../../../../test/support/factories.ts';

/** `POST actions/projects/<pid>/task-types/<ttid>/create-tasks/<entity_type>` (#14): episodes, sequences, asset types by name. */

let ctx: TestContext;
let manager: TestPerson & { token: string };
let artist: TestPerson & { token: string };
let projectId: string;
const ids = { ep1: '', ep2: '', sq1: '', sq2: '', sq3: '' };

async function entity(name: string, kind: 'Episode' | 'Sequence', parentId: string | null = null): Promise<string> {
  const row = await ctx.db.insertInto('entity')
    .values({ name, project_id: projectId, entity_type_id: await entityTypeId(ctx, kind), parent_id: parentId })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function create(taskTypeId: string, entityType: string, options: { token?: string; body?: unknown; query?: string } = {}) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/actions/projects/${projectId}/task-types/${taskTypeId}/create-tasks/${entityType}${options.query ?? ''}`,
    headers: bearer(options.token ?? manager.token),
    ...(options.body === undefined ? {} : { payload: options.body as object }),
  });
  return { status: res.statusCode, body: res.json() as Array<{ entity_id: string; task_type_id: string; project_id: string }> };
}

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await personWithToken(ctx, 'manager');
  artist = await personWithToken(ctx, 'user');
  projectId = (await createProject(ctx, { team: [{ id: manager.id }, { id: artist.id }] })).id;
  ids.ep1 = await entity('EP01', 'Episode');
  ids.ep2 = await entity('EP02', 'Episode');
  ids.sq1 = await entity('SQ01', 'Sequence', ids.ep1);
  ids.sq2 = await entity('SQ02', 'Sequence', ids.ep1);
  ids.sq3 = await entity('SQ03', 'Sequence', ids.ep2);
});

afterAll(async () => {
  await ctx.close();
});

describe('create-tasks/<entity_type>', () => {
  it('creates one task per sequence of the project, once, or of one episode', async () => {
    const layout = await createTaskType(ctx, { forEntity: 'Sequence' });
    const first = await create(layout.id, 'sequence');
    expect(first.status).toBe(201);
    expect(first.body.map((task) => task.entity_id).sort()).toEqual([ids.sq1, ids.sq2, ids.sq3].sort());
    expect(first.body[0]).toMatchObject({ task_type_id: layout.id, project_id: projectId });
    expect(await create(layout.id, 'sequence')).toEqual({ status: 201, body: [] });

    const storyboard = await createTaskType(ctx, { forEntity: 'Sequence' });
    const ofEpisode = await create(storyboard.id, 'Sequence', { query: `?episode_id=${ids.ep1}` });
    expect(ofEpisode.body.map((task) => task.entity_id).sort()).toEqual([ids.sq1, ids.sq2].sort());
  });

  it('creates tasks for the episodes given in the body only', async () => {
    const edit = await createTaskType(ctx, { forEntity: 'Episode' });
    const res = await create(edit.id, 'episode', { body: [ids.ep2] });
    expect(res.status).toBe(201);
    expect(res.body.map((task) => task.entity_id)).toEqual([ids.ep2]);
  });

  it('takes an asset type by name: its assets only', async () => {
    const character = await createAssetEntity(ctx, projectId, { assetType: 'Character' });
    await createAssetEntity(ctx, projectId, { assetType: 'Prop' });
    const modeling = await createTaskType(ctx, { forEntity: 'Asset' });
    const res = await create(modeling.id, 'character');
    expect(res.status).toBe(201);
    expect(res.body.map((task) => task.entity_id)).toEqual([character.id]);
  });

  it('refuses unknown entity types (404), artists (403) and task types of another kind (400)', async () => {
    const layout = await createTaskType(ctx, { forEntity: 'Sequence' });
    const unknown = await create(layout.id, 'spaceship');
    expect(unknown.status).toBe(404);
    expect((await create(layout.id, 'sequence', { token: artist.token })).status).toBe(403);
    const shotType = await createTaskType(ctx, { forEntity: 'Shot' });
    expect((await create(shotType.id, 'sequence')).status).toBe(400);
    const tasks = await ctx.db.selectFrom('task').select('id').where('task_type_id', 'in', [layout.id, shotType.id]).execute();
    expect(tasks).toEqual([]);
  });
});
