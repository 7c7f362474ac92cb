import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createTaskType, createTestTask, taskStatusId } from '../../../../test/support/factories.ts';
import { production, UNKNOWN_ID } from './breakdown.test-support.ts';
import { FragmentCache } from './with-tasks.cache.ts';
import { assetsWithTasksJson, shotsWithTasksJson } from './with-tasks.repository.ts';

let ctx: TestContext;
let p: Awaited<ReturnType<typeof production>>;
let projectId: string;
const ids: Record<string, string> = {};

async function entityType(name: string): Promise<string> {
  const row = await ctx.db.selectFrom('entity_type').select('id').where('name', '=', name).executeTakeFirst();
  return row?.id ?? (await ctx.db.insertInto('entity_type').values({ name }).returning('id').executeTakeFirstOrThrow()).id;
}

async function entity(name: string, type: string, values: { parent?: string; data?: unknown; nbFrames?: number } = {}): Promise<string> {
  const row = await ctx.db
    .insertInto('entity')
    .values({
      name, project_id: projectId, entity_type_id: await entityType(type), parent_id: values.parent ?? null,
      data: values.data === undefined ? null : JSON.stringify(values.data), nb_frames: values.nbFrames ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const get = (token: string, url: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'GET', url: `/api/${url}`, headers: { ...bearer(token), ...headers } });

/**
 * A tv show: episode E02 with SQ010, a top-level SQ020 and SQ005; shots inserted out of order;
 * the vendor is assigned to one task of SH020 only.
 */
beforeAll(async () => {
  ctx = await createTestContext();
  p = await production(ctx);
  projectId = p.project.id;
  ids.e02 = await entity('E02', 'Episode');
  ids.sq010 = await entity('SQ010', 'Sequence', { parent: ids.e02 });
  ids.sq020 = await entity('SQ020', 'Sequence');
  ids.sq005 = await entity('SQ005', 'Sequence');
  ids.sh020 = await entity('SH020', 'Shot', { parent: ids.sq020, data: { frame_in: 1001, frame_out: 1048, camera: 'A' }, nbFrames: 48 });
  ids.sh010 = await entity('SH010', 'Shot', { parent: ids.sq020 });
  ids.sh_ep = await entity('SH001', 'Shot', { parent: ids.sq010 });
  ids.sh_top = await entity('SH030', 'Shot', { parent: ids.sq005 });
  ids.prop = await entity('Lamp', 'Prop');
  ids.chair = await entity('Chair', 'Prop');
  ids.hero = await entity('Hero', 'Character');
  const animation = await createTaskType(ctx, { name: 'Animation', forEntity: 'Shot' });
  const layout = await createTaskType(ctx, { name: 'Layout', forEntity: 'Shot' });
  const modeling = await createTaskType(ctx, { name: 'Modeling', forEntity: 'Asset' });
  ids.animation = animation.id;
  ids.layout = layout.id;
  const task = (entityId: string, taskTypeId: string, assignees: string[] = [], status = 'todo') =>
    createTestTask(ctx, { projectId, entityId, taskTypeId, assignees, status });
  ids.animTask = (await task(ids.sh020, animation.id, [p.artist.id, p.vendor.id], 'wip')).id;
  ids.layoutTask = (await task(ids.sh020, layout.id, [p.artist.id])).id;
  await task(ids.sh010, animation.id, [p.artist.id]);
  await task(ids.sh_ep, animation.id);
  ids.propTask = (await task(ids.prop, modeling.id, [p.artist.id])).id;
  await ctx.db
    .updateTable('task')
    .set({ start_date: '2026-03-01T09:30:00.123456', due_date: '2026-03-10T18:00:00', estimation: 960, priority: 2, retake_count: 1 })
    .where('id', '=', ids.animTask)
    .execute();
});
afterAll(async () => {
  await ctx.close();
});

interface Shot {
  id: string;
  name: string;
  sequence_name: string | null;
  episode_name: string | null;
  tasks: Array<Record<string, unknown>>;
}

describe('GET data/shots/with-tasks', () => {
  it('lists the shots with their tasks, ordered by episode, sequence and shot name', async () => {
    const res = await get(p.artist.token, `data/shots/with-tasks?project_id=${projectId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const shots: Shot[] = res.json();
    // Top-level sequences (no episode) first, then episode E02.
    expect(shots.map((s) => [s.episode_name, s.sequence_name, s.name])).toEqual([
      [null, 'SQ005', 'SH030'],
      [null, 'SQ020', 'SH010'],
      [null, 'SQ020', 'SH020'],
      ['E02', 'SQ010', 'SH001'],
    ]);
    const sh020 = shots.find((s) => s.id === ids.sh020);
    expect(sh020).toEqual({
      id: ids.sh020, name: 'SH020', description: null, nb_frames: 48, frame_in: 1001, frame_out: 1048,
      data: { frame_in: 1001, frame_out: 1048, camera: 'A' }, canceled: false, parent_id: ids.sq020, sequence_name: 'SQ020',
      episode_id: null, episode_name: null, preview_file_id: null, tasks: expect.any(Array),
    });
    expect(sh020?.tasks).toHaveLength(2);
    expect(sh020?.tasks.find((t) => t.id === ids.animTask)).toEqual({
      id: ids.animTask, task_type_id: ids.animation, task_status_id: await taskStatusId(ctx, 'wip'),
      assignees: [p.artist.id, p.vendor.id].sort(), priority: 2, estimation: 960, duration: 0,
      start_date: '2026-03-01T09:30:00', due_date: '2026-03-10T18:00:00', last_comment_date: null, retake_count: 1,
    });
    expect(shots.find((s) => s.id === ids.sh_top)?.tasks).toEqual([]);
    expect(shots.find((s) => s.id === ids.sh_ep)).toMatchObject({ episode_id: ids.e02, episode_name: 'E02', frame_in: null });
  });

  it('narrows to a sequence or to an episode', async () => {
    const bySequence: Shot[] = (await get(p.manager.token, `data/shots/with-tasks?project_id=${projectId}&sequence_id=${ids.sq020}`)).json();
    expect(bySequence.map((s) => s.name)).toEqual(['SH010', 'SH020']);
    const byEpisode: Shot[] = (await get(p.manager.token, `data/shots/with-tasks?project_id=${projectId}&episode_id=${ids.e02}`)).json();
    expect(byEpisode.map((s) => s.id)).toEqual([ids.sh_ep]);
  });

  it('refuses people outside the team (403) and answers 404 for unknown or malformed projects', async () => {
    expect((await get(p.outsider.token, `data/shots/with-tasks?project_id=${projectId}`)).statusCode).toBe(403);
    expect((await get(p.manager.token, `data/shots/with-tasks?project_id=${UNKNOWN_ID}`)).statusCode).toBe(404);
    expect((await get(p.manager.token, 'data/shots/with-tasks?project_id=nope')).statusCode).toBe(404);
    expect((await get(p.manager.token, 'data/shots/with-tasks')).statusCode).toBe(400);
    expect((await get(p.admin.token, `data/shots/with-tasks?project_id=${projectId}`)).statusCode).toBe(200);
  });

  it('shows a vendor only the shots, and the tasks, assigned to him', async () => {
    const shots: Shot[] = (await get(p.vendor.token, `data/shots/with-tasks?project_id=${projectId}`)).json();
    expect(shots.map((s) => s.id)).toEqual([ids.sh020]);
    expect(shots[0]?.tasks.map((t) => t.id)).toEqual([ids.animTask]);
  });
});

describe('GET data/assets/with-tasks', () => {
  it('lists the assets ordered by asset type then name, with their tasks; filters on an asset type', async () => {
    const res = await get(p.artist.token, `data/assets/with-tasks?project_id=${projectId}`);
    expect(res.statusCode).toBe(200);
    const assets: Array<{ id: string; name: string; asset_type_name: string; entity_type_id: string; tasks: unknown[] }> = res.json();
    expect(assets.map((a) => [a.asset_type_name, a.name])).toEqual([['Character', 'Hero'], ['Prop', 'Chair'], ['Prop', 'Lamp']]);
    expect(assets.find((a) => a.id === ids.prop)).toMatchObject({
      entity_type_id: await entityType('Prop'), canceled: false, data: null, preview_file_id: null, description: null,
      tasks: [expect.objectContaining({ id: ids.propTask, assignees: [p.artist.id] })],
    });
    const props: Array<{ name: string }> = (await get(p.artist.token, `data/assets/with-tasks?project_id=${projectId}&asset_type_id=${await entityType('Prop')}`)).json();
    expect(props.map((a) => a.name)).toEqual(['Chair', 'Lamp']);
    expect((await get(p.vendor.token, `data/assets/with-tasks?project_id=${projectId}`)).json()).toEqual([]);
    expect((await get(p.outsider.token, `data/assets/with-tasks?project_id=${projectId}`)).statusCode).toBe(403);
  });
});

describe('revalidation with ETag and If-None-Match', () => {
  const url = () => `data/shots/with-tasks?project_id=${projectId}`;

  it('answers 304 without a body while nothing changed, and a new ETag after a status change', async () => {
    const first = await get(p.artist.token, url());
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get(p.manager.token, url(), { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect((await get(p.manager.token, url(), { 'if-none-match': `"other", W/${etag}` })).statusCode).toBe(304);
    // Another scope has its own validator.
    expect((await get(p.manager.token, `${url()}&sequence_id=${ids.sq020}`, { 'if-none-match': etag })).statusCode).toBe(200);

    const comment = await ctx.app.inject({
      method: 'POST', url: `/api/actions/tasks/${ids.layoutTask}/comment`, headers: bearer(p.artist.token),
      payload: { task_status_id: await taskStatusId(ctx, 'wfa'), comment: 'Ready for review' },
    });
    expect(comment.statusCode).toBe(201);
    const changed = await get(p.artist.token, url(), { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    const layout = (changed.json() as Shot[]).flatMap((s) => s.tasks).find((t) => t.id === ids.layoutTask);
    expect(layout).toMatchObject({ task_status_id: await taskStatusId(ctx, 'wfa'), last_comment_date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/) });
  });

  it('changes the ETag when someone is assigned or unassigned', async () => {
    const before = (await get(p.manager.token, url())).headers.etag as string;
    await ctx.db.insertInto('assignations').values({ task_id: ids.layoutTask, person_id: p.manager.id }).execute();
    const assigned = (await get(p.manager.token, url())).headers.etag as string;
    expect(assigned).not.toBe(before);
    await ctx.db.deleteFrom('assignations').where('task_id', '=', ids.layoutTask).where('person_id', '=', p.manager.id).execute();
    expect((await get(p.manager.token, url())).headers.etag).not.toBe(assigned);
  });

  it('gives vendors a validator of their own', async () => {
    const member = (await get(p.artist.token, url())).headers.etag as string;
    const vendor = await get(p.vendor.token, url(), { 'if-none-match': member });
    expect(vendor.statusCode).toBe(200);
    expect(vendor.headers.etag).not.toBe(member);
  });
});

describe('fragments', () => {
  it('assembles, from fragments cached or not, the same table as the one-statement query', async () => {
    for (let i = 0; i < 2; i += 1) {
      const shots = await get(p.artist.token, `data/shots/with-tasks?project_id=${projectId}`);
      expect(shots.json()).toEqual(JSON.parse(await shotsWithTasksJson(ctx.db, { projectId })));
      const episode = await get(p.artist.token, `data/shots/with-tasks?project_id=${projectId}&episode_id=${ids.e02}`);
      expect(episode.json()).toEqual(JSON.parse(await shotsWithTasksJson(ctx.db, { projectId, episodeId: ids.e02 })));
      const assets = await get(p.artist.token, `data/assets/with-tasks?project_id=${projectId}`);
      expect(assets.json()).toEqual(JSON.parse(await assetsWithTasksJson(ctx.db, { projectId })));
    }
  });

  it('sends gzip from the deflated fragments, byte for byte the plain table, cached or not, after a change, and brotli for a client without gzip', async () => {
    const url = `data/shots/with-tasks?project_id=${projectId}`;
    const check = async () => {
      const plain = await get(p.artist.token, url);
      expect(plain.headers['content-encoding']).toBeUndefined();
      const gzip = await get(p.artist.token, url, { 'accept-encoding': 'gzip, deflate, br' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.headers.vary).toMatch(/accept-encoding/i);
      expect(gzip.headers.etag).toBe(plain.headers.etag);
      // gunzipSync checks the trailer's CRC-32 and length against what it inflated.
      expect(gunzipSync(gzip.rawPayload).equals(plain.rawPayload)).toBe(true);
      expect(gzip.rawPayload.byteLength).toBeLessThan(plain.rawPayload.byteLength);
      const br = await get(p.artist.token, url, { 'accept-encoding': 'br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    };
    await check();
    await check();
    await ctx.db.updateTable('task').set({ priority: 3 }).where('id', '=', ids.layoutTask).execute();
    await check();
    // A scope with no shot at all is the empty array, in gzip too.
    const empty = await get(p.artist.token, `data/shots/with-tasks?project_id=${projectId}&sequence_id=${ids.sq020}`, { 'accept-encoding': 'gzip' });
    expect(JSON.parse(gunzipSync(empty.rawPayload).toString('utf8'))).toEqual((await get(p.artist.token, `data/shots/with-tasks?project_id=${projectId}&sequence_id=${ids.sq020}`)).json());
  });

  it('keeps the most recently used fragments within its budget', () => {
    const bytes = (text: string) => Buffer.from(text);
    const cache = new FragmentCache(40);
    cache.set('a', bytes('x'.repeat(10)));
    cache.set('b', bytes('y'.repeat(10)));
    expect(cache.get('a')?.toString()).toBe('x'.repeat(10));
    cache.set('c', bytes('z'.repeat(10)));
    cache.set('d', bytes('w'.repeat(10)));
    cache.set('e', bytes('v'.repeat(10)));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(40);
    cache.set('big', bytes('q'.repeat(11)));
    expect(cache.get('big')).toBeUndefined();
    const off = new FragmentCache(0);
    off.set('a', bytes('x'));
    expect(off.get('a')).toBeUndefined();
  });
});

describe('OpenAPI', () => {
  it('documents both routes with their 200 and 304 answers', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/data/shots/with-tasks', '/api/data/assets/with-tasks']) {
      expect(Object.keys(doc.paths[path]?.get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '304']));
    }
  });
});
