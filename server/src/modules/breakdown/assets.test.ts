import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createTaskType, createTestTask } from '../../../../test/support/factories.ts';
import { eventsNamed, production, UNKNOWN_ID } from './breakdown.test-support.ts';

let ctx: TestContext;
let p: Awaited<ReturnType<typeof production>>;
let projectId: string;
let character: string;
let prop: string;
let episodeId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  p = await production(ctx);
  projectId = p.project.id;
  [character, prop] = await Promise.all(['Character', 'Prop'].map(async (name) =>
    (await ctx.db.insertInto('entity_type').values({ name }).returning('id').executeTakeFirstOrThrow()).id));
  episodeId = (await p.manager.api.post(`data/projects/${projectId}/episodes`, { name: 'E01' })).json().id;
});
afterAll(async () => {
  await ctx.close();
});

const newAsset = (body: Record<string, unknown>, typeId = character) =>
  p.manager.api.post(`data/projects/${projectId}/asset-types/${typeId}/assets/new`, body);

describe('new_asset as Gazu sends it', () => {
  it('checks by name, then creates the asset (is_shared, episode as source) with an asset:new event', async () => {
    const check = await p.manager.api.get(`data/assets/all?project_id=${projectId}&name=Hero&entity_type_id=${character}`);
    expect(check.statusCode).toBe(200);
    expect(check.json()).toEqual([]);

    const res = await newAsset({ name: 'Hero', data: { height: 180 }, is_shared: true, description: 'lead', episode_id: episodeId });
    expect(res.statusCode).toBe(201);
    const asset = res.json();
    expect(asset).toMatchObject({
      name: 'Hero', type: 'Asset', entity_type_id: character, project_id: projectId, is_shared: true,
      source_id: episodeId, data: { height: 180 }, description: 'lead', created_by: p.manager.id,
    });
    expect((await eventsNamed(ctx, 'asset:new')).map((e) => e.data)).toContainEqual(
      { asset_id: asset.id, asset_type: character, project_id: projectId },
    );

    const found = await p.artist.api.get(`data/assets/all?project_id=${projectId}&name=Hero&entity_type_id=${character}`);
    expect(found.json()).toEqual([expect.objectContaining({ id: asset.id, type: 'Asset' })]);
  });

  it('always inserts: a second asset with the same name is another row', async () => {
    const first = (await newAsset({ name: 'Twin', data: {} })).json();
    const second = (await newAsset({ name: 'Twin', data: {} })).json();
    expect(second.id).not.toBe(first.id);
    expect(first).toMatchObject({ is_shared: false, source_id: null, description: '', data: {} });
  });

  it('refuses artists (403), unknown or temporal asset types (404) and bad bodies (400)', async () => {
    expect((await p.artist.api.post(`data/projects/${projectId}/asset-types/${character}/assets/new`, { name: 'X' })).statusCode).toBe(403);
    expect((await p.outsider.api.post(`data/projects/${projectId}/asset-types/${character}/assets/new`, { name: 'X' })).statusCode).toBe(403);
    expect((await newAsset({ name: 'X' }, UNKNOWN_ID)).statusCode).toBe(404);
    const shotType = (await ctx.db.selectFrom('entity_type').select('id').where('name', '=', 'Shot').executeTakeFirstOrThrow()).id;
    expect((await newAsset({ name: 'X' }, shotType)).statusCode).toBe(404);
    expect((await newAsset({ name: 'X' }, 'bad')).statusCode).toBe(404);
    expect((await newAsset({ data: {} })).statusCode).toBe(400);
    expect((await newAsset({ name: 'X', is_shared: 'sometimes' })).statusCode).toBe(400);
    expect((await newAsset({ name: 'X', episode_id: UNKNOWN_ID })).statusCode).toBe(404);
  });
});

describe('reading assets', () => {
  let hero: { id: string };
  let lamp: { id: string };
  let shotId: string;
  beforeAll(async () => {
    hero = (await p.manager.api.get(`data/assets/all?project_id=${projectId}&name=Hero`)).json()[0];
    lamp = (await newAsset({ name: 'Lamp', data: {} }, prop)).json();
    const sequence = (await p.manager.api.post(`data/projects/${projectId}/sequences`, { name: 'SQ01', episode_id: episodeId })).json();
    shotId = (await p.manager.api.post(`data/projects/${projectId}/shots`, { name: 'SH010', sequence_id: sequence.id })).json().id;
    await p.manager.api.put(`data/projects/${projectId}/entities/${shotId}/casting`, [{ asset_id: lamp.id, nb_occurences: 3 }]);
    const assetTaskType = await createTaskType(ctx, { forEntity: 'Asset' });
    await createTestTask(ctx, { projectId, entityId: lamp.id, taskTypeId: assetTaskType.id, assignees: [p.vendor.id] });
  });

  it('returns the full asset with tasks, project and type names and its episode', async () => {
    const res = await p.artist.api.get(`data/assets/${hero.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: hero.id, type: 'Asset', project_name: p.project.name, asset_type_id: character, asset_type_name: 'Character',
      episode_id: episodeId, tasks: [], casting_episode_ids: [], entities_out: [], entities_in: [],
    });
    expect(res.json()).not.toHaveProperty('source_id');
    const full = (await p.artist.api.get(`data/assets/${lamp.id}`)).json();
    expect(full).toMatchObject({ asset_type_name: 'Prop', episode_id: null, casting_episode_ids: [episodeId] });
    // Cast in the shot, hence in the shot's episode too.
    expect([...full.entities_in].sort()).toEqual([shotId, episodeId].sort());
    expect(full.tasks).toEqual([expect.objectContaining({ entity_id: lamp.id, assignees: [p.vendor.id] })]);
  });

  it('lists assets of a project, of a type, of an episode and of a shot', async () => {
    const all = (await p.artist.api.get(`data/projects/${projectId}/assets`)).json() as Array<{ name: string; type: string }>;
    expect(all.map((a) => a.name)).toEqual(['Hero', 'Lamp', 'Twin', 'Twin']);
    const props = (await p.artist.api.get(`data/projects/${projectId}/asset-types/${prop}/assets`)).json() as Array<{ id: string }>;
    expect(props.map((a) => a.id)).toEqual([lamp.id]);
    const shared = (await p.artist.api.get(`data/projects/${projectId}/assets?is_shared=true`)).json() as Array<{ id: string }>;
    expect(shared.map((a) => a.id)).toEqual([hero.id]);
    const ofEpisode = (await p.artist.api.get(`data/assets?source_id=${episodeId}`)).json() as Array<{ id: string }>;
    expect(ofEpisode.map((a) => a.id)).toEqual([hero.id]);
    const castInEpisode = (await p.artist.api.get(`data/assets/all?episode_id=${episodeId}`)).json() as Array<{ id: string }>;
    expect(castInEpisode.map((a) => a.id)).toEqual([hero.id, lamp.id]);
    const inShot = await p.artist.api.get(`data/shots/${shotId}/assets`);
    expect(inShot.json()).toEqual([expect.objectContaining({ id: lamp.id, type: 'Asset' })]);
  });

  it('scopes project-less lists to the caller\'s projects and vendors to their assigned assets', async () => {
    const other = await production(ctx);
    const otherType = (await ctx.db.insertInto('entity_type').values({ name: 'Vehicle' }).returning('id').executeTakeFirstOrThrow()).id;
    await other.manager.api.post(`data/projects/${other.project.id}/asset-types/${otherType}/assets/new`, { name: 'Hero' });
    expect((await p.artist.api.get('data/assets/all?name=Hero')).json()).toHaveLength(1);
    expect((await p.admin.api.get('data/assets/all?name=Hero')).json()).toHaveLength(2);
    const vendorAssets = (await p.vendor.api.get(`data/projects/${projectId}/assets`)).json() as Array<{ id: string }>;
    expect(vendorAssets.map((a) => a.id)).toEqual([lamp.id]);
    expect((await p.vendor.api.get(`data/assets/${hero.id}`)).statusCode).toBe(403);
    expect((await p.outsider.api.get(`data/projects/${projectId}/assets`)).statusCode).toBe(403);
    expect((await p.artist.api.get(`data/assets/all?project_id=${projectId}&entity_type_id=nope`)).statusCode).toBe(400);
  });

  it('answers 404 for unknown, malformed and non-asset ids', async () => {
    for (const path of [`data/assets/${UNKNOWN_ID}`, 'data/assets/nope', `data/assets/${shotId}`, `data/shots/${lamp.id}/assets`]) {
      expect((await p.manager.api.get(path)).statusCode, path).toBe(404);
    }
  });

  it('lists the asset types used by a project and by a shot\'s casting', async () => {
    const used = await p.artist.api.get(`data/projects/${projectId}/asset-types`);
    expect(used.json().map((t: { name: string }) => t.name)).toEqual(['Character', 'Prop']);
    expect(used.json()[0]).toMatchObject({ id: character, type: 'AssetType' });
    const cast = await p.artist.api.get(`data/shots/${shotId}/asset-types`);
    expect(cast.json()).toEqual([expect.objectContaining({ id: prop, name: 'Prop', type: 'AssetType' })]);
    expect((await p.outsider.api.get(`data/projects/${projectId}/asset-types`)).statusCode).toBe(403);
  });
});
