import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createTaskType, createTestTask, linkProjectTaskTypes } from '../../../../test/support/factories.ts';
import { eventsNamed, production, UNKNOWN_ID } from './breakdown.test-support.ts';

let ctx: TestContext;
let p: Awaited<ReturnType<typeof production>>;
let projectId: string;
let episodeId: string;
let sequenceId: string;
let shot1: string;
let shot2: string;
let hero: string;
let lamp: string;
let set: string;

beforeAll(async () => {
  ctx = await createTestContext();
  p = await production(ctx);
  projectId = p.project.id;
  const api = p.manager.api;
  const [character, prop, environment] = await Promise.all(['Character', 'Prop', 'Environment'].map(async (name) =>
    (await ctx.db.insertInto('entity_type').values({ name }).returning('id').executeTakeFirstOrThrow()).id));
  episodeId = (await api.post(`data/projects/${projectId}/episodes`, { name: 'E01' })).json().id;
  sequenceId = (await api.post(`data/projects/${projectId}/sequences`, { name: 'SQ01', episode_id: episodeId })).json().id;
  shot1 = (await api.post(`data/projects/${projectId}/shots`, { name: 'SH010', sequence_id: sequenceId })).json().id;
  shot2 = (await api.post(`data/projects/${projectId}/shots`, { name: 'SH020', sequence_id: sequenceId })).json().id;
  hero = (await api.post(`data/projects/${projectId}/asset-types/${character}/assets/new`, { name: 'Hero' })).json().id;
  lamp = (await api.post(`data/projects/${projectId}/asset-types/${prop}/assets/new`, { name: 'Lamp' })).json().id;
  set = (await api.post(`data/projects/${projectId}/asset-types/${environment}/assets/new`, { name: 'Kitchen' })).json().id;
});
afterAll(async () => {
  await ctx.close();
});

const castingPath = (entityId: string) => `data/projects/${projectId}/entities/${entityId}/casting`;
const nbOut = async (id: string) =>
  (await ctx.db.selectFrom('entity').select('nb_entities_out').where('id', '=', id).executeTakeFirstOrThrow()).nb_entities_out;

describe('update_shot_casting / get_shot_casting', () => {
  it('replaces a shot casting, counts it, casts the assets in the episode and emits shot:casting-update', async () => {
    const body = [{ asset_id: hero, nb_occurences: 1 }, { asset_id: lamp, nb_occurences: 3, label: 'fixed' }];
    const res = await p.manager.api.put(castingPath(shot1), body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(body);
    expect(await nbOut(shot1)).toBe(2);

    const read = await p.artist.api.get(castingPath(shot1));
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual([
      expect.objectContaining({ asset_id: hero, asset_name: 'Hero', asset_type_name: 'Character', nb_occurences: 1, label: '', is_shared: false, project_id: projectId }),
      expect.objectContaining({ asset_id: lamp, asset_name: 'Lamp', asset_type_name: 'Prop', nb_occurences: 3, label: 'fixed' }),
    ]);

    const episodeCasting = (await p.artist.api.get(castingPath(episodeId))).json() as Array<{ asset_id: string }>;
    expect(episodeCasting.map((c) => c.asset_id).sort()).toEqual([hero, lamp].sort());
    expect(await nbOut(episodeId)).toBe(2);

    const events = (await eventsNamed(ctx, 'shot:casting-update')).map((e) => e.data);
    expect(events).toContainEqual({
      shot_id: shot1, nb_entities_out: 2, added_asset_ids: [hero, lamp].sort(), removed_asset_ids: [], project_id: projectId,
    });
  });

  it('round-trips: a second update diffs against the first and drops unused assets from the episode', async () => {
    await p.manager.api.put(castingPath(shot2), [{ asset_id: hero, nb_occurences: 2 }]);
    const res = await p.manager.api.put(castingPath(shot1), [{ asset_id: set, nb_occurences: 1 }]);
    expect(res.statusCode).toBe(200);
    expect((await p.artist.api.get(castingPath(shot1))).json().map((c: { asset_id: string }) => c.asset_id)).toEqual([set]);
    // Hero stays in the episode (still cast in SH020); the lamp leaves it.
    const episodeAssets = ((await p.artist.api.get(castingPath(episodeId))).json() as Array<{ asset_id: string }>).map((c) => c.asset_id);
    expect(episodeAssets.sort()).toEqual([hero, set].sort());
    expect(await nbOut(episodeId)).toBe(2);
    const last = (await eventsNamed(ctx, 'shot:casting-update')).map((e) => e.data).at(-1);
    expect(last).toEqual({ shot_id: shot1, nb_entities_out: 1, added_asset_ids: [set], removed_asset_ids: [hero, lamp].sort(), project_id: projectId });
  });

  it('answers the sequence casting by shot, the cast-in of an asset and the asset-type casting', async () => {
    const sequence = await p.artist.api.get(`data/projects/${projectId}/sequences/${sequenceId}/casting`);
    expect(sequence.statusCode).toBe(200);
    expect(Object.keys(sequence.json()).sort()).toEqual([shot1, shot2].sort());
    expect(sequence.json()[shot2]).toEqual([
      expect.objectContaining({ asset_id: hero, name: 'Hero', asset_name: 'Hero', sequence_name: 'SQ01', nb_occurences: 2 }),
    ]);

    const castIn = await p.artist.api.get(`data/assets/${hero}/cast-in`);
    expect(castIn.json()).toEqual([
      expect.objectContaining({ shot_id: shot2, shot_name: 'SH020', sequence_name: 'SQ01', episode_id: episodeId, episode_name: 'E01', nb_occurences: 2 }),
    ]);

    await p.manager.api.put(castingPath(set), [{ asset_id: lamp, nb_occurences: 4 }]);
    const environmentType = (await ctx.db.selectFrom('entity').select('entity_type_id').where('id', '=', set).executeTakeFirstOrThrow()).entity_type_id;
    const byType = await p.artist.api.get(`data/projects/${projectId}/asset-types/${environmentType}/casting`);
    expect(byType.json()).toEqual({ [set]: [expect.objectContaining({ asset_id: lamp, asset_name: 'Lamp', nb_occurences: 4 })] });
    expect((await eventsNamed(ctx, 'asset:casting-update')).map((e) => e.data)).toContainEqual(
      { asset_id: set, nb_entities_out: 1, added_asset_ids: [lamp], removed_asset_ids: [], project_id: projectId },
    );
    const lampCastIn = (await p.artist.api.get(`data/assets/${lamp}/cast-in`)).json();
    expect(lampCastIn).toEqual([expect.objectContaining({ asset_id: set, asset_name: 'Kitchen', asset_type_name: 'Environment', nb_occurences: 4 })]);
  });

  it('removing an asset from the episode removes it from the episode\'s shots', async () => {
    await p.manager.api.put(castingPath(episodeId), [{ asset_id: set, nb_occurences: 1 }]);
    expect((await p.artist.api.get(castingPath(shot2))).json()).toEqual([]);
    expect(await nbOut(shot2)).toBe(0);
    expect((await eventsNamed(ctx, 'episode:casting-update')).map((e) => e.data)).toContainEqual(
      { episode_id: episodeId, nb_entities_out: 1, added_asset_ids: [], removed_asset_ids: [hero], project_id: projectId },
    );
  });

  it('refreshes nb_assets_ready on the shot tasks from the assets\' ready_for step', async () => {
    const [layout, animation] = [await createTaskType(ctx, { forEntity: 'Shot' }), await createTaskType(ctx, { forEntity: 'Shot' })];
    await linkProjectTaskTypes(ctx, projectId, [layout.id, animation.id]);
    const task = await createTestTask(ctx, { projectId, entityId: shot2, taskTypeId: layout.id });
    await ctx.db.updateTable('entity').set({ ready_for: animation.id }).where('id', '=', hero).execute();
    await p.manager.api.put(castingPath(shot2), [{ asset_id: hero, nb_occurences: 1 }, { asset_id: lamp, nb_occurences: 1 }]);
    const row = await ctx.db.selectFrom('task').select('nb_assets_ready').where('id', '=', task.id).executeTakeFirstOrThrow();
    expect(row.nb_assets_ready).toBe(1);
  });

  it('refuses bad bodies, other roles, vendors, foreign entities and unknown ids', async () => {
    const notArray = await p.manager.api.put(castingPath(shot1), { asset_id: hero, nb_occurences: 1 });
    expect(notArray.statusCode).toBe(400);
    expect(notArray.json()).toEqual({ error: true, message: 'Request body must be a JSON array' });
    expect((await p.manager.api.put(castingPath(shot1), [{ asset_id: 'x', nb_occurences: 1 }])).statusCode).toBe(400);
    expect((await p.artist.api.put(castingPath(shot1), [])).statusCode).toBe(403);
    expect((await p.outsider.api.put(castingPath(shot1), [])).statusCode).toBe(403);
    expect((await p.vendor.api.get(castingPath(shot1))).statusCode).toBe(403);
    expect((await p.outsider.api.get(castingPath(shot1))).statusCode).toBe(403);
    expect((await p.manager.api.get(castingPath(UNKNOWN_ID))).statusCode).toBe(404);
    expect((await p.manager.api.get(castingPath('nope'))).statusCode).toBe(404);
    const other = await production(ctx);
    const foreignEpisode = (await other.manager.api.post(`data/projects/${other.project.id}/episodes`, { name: 'X' })).json().id;
    expect((await p.manager.api.get(castingPath(foreignEpisode))).statusCode).toBe(403);
    expect((await p.manager.api.get(`data/assets/${shot1}/cast-in`)).statusCode).toBe(404);
  });
});
