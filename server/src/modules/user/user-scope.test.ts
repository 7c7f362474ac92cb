import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createProject, createTestTask, entityTypeId } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createEntity, productionSetup } from '../time-spents/test-fixtures.ts';

let ctx: TestContext;
let setup: Awaited<ReturnType<typeof productionSetup>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  setup = await productionSetup(ctx);
  const { project, artist, otherArtist, sequence, shot, asset, animation, modeling } = setup;
  const episode = await createEntity(ctx, { projectId: project.id, kind: 'Episode', name: 'E01' });
  const epSequence = await createEntity(ctx, { projectId: project.id, kind: 'Sequence', name: 'SQ_E', parentId: episode.id });
  const epShot = await createEntity(ctx, { projectId: project.id, kind: 'Shot', name: 'SH_E', parentId: epSequence.id });
  const idleShot = await createEntity(ctx, { projectId: project.id, kind: 'Shot', name: 'SH_IDLE', parentId: sequence.id });
  const idleAsset = await createEntity(ctx, { projectId: project.id, kind: 'Asset', assetType: 'Vehicle' });
  Object.assign(ids, { episode: episode.id, epSequence: epSequence.id, epShot: epShot.id, idleShot: idleShot.id, idleAsset: idleAsset.id });
  ids.shotTask = (await createTestTask(ctx, { projectId: project.id, entityId: shot.id, taskTypeId: animation.id, assignees: [artist.id] })).id;
  ids.otherShotTask = (await createTestTask(ctx, { projectId: project.id, entityId: shot.id, taskTypeId: animation.id, name: 'other', assignees: [otherArtist.id] })).id;
  ids.epShotTask = (await createTestTask(ctx, { projectId: project.id, entityId: epShot.id, taskTypeId: animation.id, assignees: [artist.id] })).id;
  ids.assetTask = (await createTestTask(ctx, { projectId: project.id, entityId: asset.id, taskTypeId: modeling.id, assignees: [artist.id] })).id;
  await createTestTask(ctx, { projectId: project.id, entityId: idleAsset.id, taskTypeId: modeling.id, assignees: [otherArtist.id] });
  ids.characterType = await entityTypeId(ctx, 'Character');
  ids.vehicleType = await entityTypeId(ctx, 'Vehicle');
  const closed = await createProject(ctx, { status: 'Closed', team: [{ id: artist.id }] });
  const closedSequence = await createEntity(ctx, { projectId: closed.id, kind: 'Sequence' });
  const closedShot = await createEntity(ctx, { projectId: closed.id, kind: 'Shot', parentId: closedSequence.id });
  await createTestTask(ctx, { projectId: closed.id, entityId: closedShot.id, taskTypeId: animation.id, assignees: [artist.id] });
  ids.closedProject = closed.id;
  ids.closedSequence = closedSequence.id;
});
afterAll(async () => {
  await ctx.close();
});

const get = (url: string, token = setup.artist.token) => ctx.app.inject({ method: 'GET', url: `/api/data/user/${url}`, headers: bearer(token) });
const idsOf = async (url: string) => ((await get(url)).json() as Array<{ id: string }>).map((row) => row.id).sort();

describe('gazu.user user-scope reads', () => {
  it('lists asset types and assets of a project where the caller has tasks', async () => {
    const types = await get(`projects/${setup.project.id}/asset-types`);
    expect(types.statusCode).toBe(200);
    expect(types.json()).toEqual([expect.objectContaining({ id: ids.characterType, name: 'Character', type: 'AssetType' })]);
    const assets = await get(`projects/${setup.project.id}/asset-types/${ids.characterType}/assets`);
    expect(assets.json()).toEqual([expect.objectContaining({ id: setup.asset.id, type: 'Asset', project_id: setup.project.id })]);
    expect(await idsOf(`projects/${setup.project.id}/asset-types/${ids.vehicleType}/assets`)).toEqual([]);
  });

  it('lists sequences, episodes and shots through the shots the caller works on', async () => {
    expect(await idsOf(`projects/${setup.project.id}/sequences`)).toEqual([setup.sequence.id, ids.epSequence].sort());
    const episodes = await get(`projects/${setup.project.id}/episodes`);
    expect(episodes.json()).toEqual([expect.objectContaining({ id: ids.episode, type: 'Episode', name: 'E01' })]);
    const shots = await get(`sequences/${setup.sequence.id}/shots`);
    expect(shots.json()).toEqual([expect.objectContaining({ id: setup.shot.id, type: 'Shot', parent_id: setup.sequence.id })]);
    expect(await idsOf(`sequences/${setup.sequence.id}/scenes`)).toEqual([]);
  });

  it("lists the caller's tasks and their task types on an entity", async () => {
    const tasks = await get(`shots/${setup.shot.id}/tasks`);
    expect(tasks.json()).toEqual([expect.objectContaining({ id: ids.shotTask, type: 'Task', entity_id: setup.shot.id })]);
    expect(await idsOf(`assets/${setup.asset.id}/tasks`)).toEqual([ids.assetTask]);
    const types = await get(`assets/${setup.asset.id}/task-types`);
    expect(types.json()).toEqual([expect.objectContaining({ id: setup.modeling.id, type: 'TaskType', name: setup.modeling.name })]);
    expect(await idsOf(`sequences/${setup.sequence.id}/tasks`)).toEqual([]);
  });

  it('hides closed projects', async () => {
    expect(await idsOf(`projects/${ids.closedProject}/sequences`)).toEqual([]);
    expect(await idsOf(`sequences/${ids.closedSequence}/shots`)).toEqual([]);
  });

  it('answers 404 for unknown or malformed ids and for an entity of another kind', async () => {
    for (const url of [
      'projects/00000000-0000-4000-8000-000000000000/sequences',
      'projects/nope/asset-types',
      `projects/${setup.project.id}/asset-types/${setup.project.id}/assets`,
      `shots/${setup.asset.id}/tasks`,
      `assets/${setup.shot.id}/task-types`,
      `sequences/${setup.shot.id}/shots`,
    ]) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
  });
});
