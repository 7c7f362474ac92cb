import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createAssetEntity, createTaskType, createTestTask } from '../../../../test/support/factories.ts';
import { eventsNamed, production, UNKNOWN_ID } from './breakdown.test-support.ts';

let ctx: TestContext;
let p: Awaited<ReturnType<typeof production>>;
let projectId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  p = await production(ctx);
  projectId = p.project.id;
});
afterAll(async () => {
  await ctx.close();
});

describe('new_episode / new_sequence / new_shot as Gazu sends them', () => {
  it('creates an episode once: the existence check, then a get-or-create POST answering 201 both times', async () => {
    const check = await p.manager.api.get(`data/episodes?project_id=${projectId}&name=E01`);
    expect(check.statusCode).toBe(200);
    expect(check.json()).toEqual([]);

    const first = await p.manager.api.post(`data/projects/${projectId}/episodes`, { name: 'E01' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ name: 'E01', type: 'Episode', project_id: projectId, parent_id: null, status: 'running', canceled: false });
    const again = await p.manager.api.post(`data/projects/${projectId}/episodes`, { name: 'E01' });
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);

    const created = (await eventsNamed(ctx, 'episode:new')).filter((e) => (e.data as { episode_id: string }).episode_id === first.json().id);
    expect(created).toHaveLength(1);

    const byName = await p.manager.api.get(`data/episodes?project_id=${projectId}&name=E01`);
    expect(byName.json()).toEqual([expect.objectContaining({ id: first.json().id, type: 'Episode' })]);
    const one = await p.artist.api.get(`data/episodes/${first.json().id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: first.json().id, type: 'Episode', project_name: p.project.name });
  });

  it('creates sequences in an episode and at the top of the project, each only once', async () => {
    const episode = (await p.manager.api.post(`data/projects/${projectId}/episodes`, { name: 'E02' })).json();
    expect((await p.manager.api.get(`data/sequences?episode_id=${episode.id}&name=SQ01`)).json()).toEqual([]);

    const inEpisode = await p.manager.api.post(`data/projects/${projectId}/sequences`, { name: 'SQ01', episode_id: episode.id });
    expect(inEpisode.statusCode).toBe(201);
    expect(inEpisode.json()).toMatchObject({ name: 'SQ01', type: 'Sequence', parent_id: episode.id });
    const repeated = await p.manager.api.post(`data/projects/${projectId}/sequences`, { name: 'SQ01', episode_id: episode.id });
    expect(repeated.json().id).toBe(inEpisode.json().id);

    // NULL parents collide too: a top-level sequence is created once.
    expect((await eventsNamed(ctx, 'sequence:new')).map((e) => e.data)).toEqual([{ sequence_id: inEpisode.json().id, project_id: projectId }]);
    const top = await p.manager.api.post(`data/projects/${projectId}/sequences`, { name: 'SQ01' });
    const topAgain = await p.manager.api.post(`data/projects/${projectId}/sequences`, { name: 'SQ01' });
    expect(top.json().id).not.toBe(inEpisode.json().id);
    expect(topAgain.json().id).toBe(top.json().id);

    const found = await p.manager.api.get(`data/sequences?episode_id=${episode.id}&name=SQ01`);
    expect(found.json()).toEqual([expect.objectContaining({ id: inEpisode.json().id, type: 'Sequence' })]);
    const full = await p.artist.api.get(`data/sequences/${inEpisode.json().id}`);
    expect(full.json()).toMatchObject({ project_name: p.project.name, episode_id: episode.id, episode_name: 'E02' });
    const ofEpisode = await p.artist.api.get(`data/episodes/${episode.id}/sequences`);
    expect(ofEpisode.json().map((s: { id: string }) => s.id)).toEqual([inEpisode.json().id]);
  });

  it('creates a shot with frames and metadata, emits shot:new with its episode, and finds it by name', async () => {
    const episode = (await p.manager.api.post(`data/projects/${projectId}/episodes`, { name: 'E03' })).json();
    const sequence = (await p.manager.api.post(`data/projects/${projectId}/sequences`, { name: 'SQ10', episode_id: episode.id })).json();
    expect((await p.manager.api.get(`data/shots/all?sequence_id=${sequence.id}&name=SH010`)).json()).toEqual([]);

    const body = { name: 'SH010', data: { frame_in: 1001, frame_out: 1048, fps: '24' }, sequence_id: sequence.id, nb_frames: 48, description: 'opening' };
    const res = await p.manager.api.post(`data/projects/${projectId}/shots`, body);
    expect(res.statusCode).toBe(201);
    const shot = res.json();
    expect(shot).toMatchObject({
      name: 'SH010', type: 'Shot', parent_id: sequence.id, project_id: projectId, nb_frames: 48, description: 'opening',
      data: { frame_in: 1001, frame_out: 1048, fps: '24' }, created_by: p.manager.id, canceled: false,
    });
    expect(shot.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);

    const events = (await eventsNamed(ctx, 'shot:new')).filter((e) => (e.data as { shot_id: string }).shot_id === shot.id);
    expect(events).toEqual([{ data: { shot_id: shot.id, episode_id: episode.id, project_id: projectId }, project_id: projectId }]);

    const again = await p.manager.api.post(`data/projects/${projectId}/shots`, { ...body, nb_frames: 12 });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ id: shot.id, nb_frames: 48 });

    const byName = await p.artist.api.get(`data/shots/all?sequence_id=${sequence.id}&name=SH010`);
    expect(byName.statusCode).toBe(200);
    expect(byName.json()).toEqual([expect.objectContaining({ id: shot.id, type: 'Shot', project_name: p.project.name, sequence_name: 'SQ10' })]);
    // name is a case-insensitive match, like Zou's ILIKE.
    expect((await p.artist.api.get(`data/shots/all?sequence_id=${sequence.id}&name=sh010`)).json()).toHaveLength(1);
  });

  it('creates one row for ten concurrent identical shot creations', async () => {
    const sequence = (await p.manager.api.post(`data/projects/${projectId}/sequences`, { name: 'SQ_RACE' })).json();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => p.manager.api.post(`data/projects/${projectId}/shots`, { name: 'SH_RACE', sequence_id: sequence.id, data: {} })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    const rows = await ctx.db.selectFrom('entity').select('id').where('parent_id', '=', sequence.id).where('name', '=', 'SH_RACE').execute();
    expect(rows).toHaveLength(1);
    const events = (await eventsNamed(ctx, 'shot:new')).filter((e) => (e.data as { shot_id: string }).shot_id === rows[0]!.id);
    expect(events).toHaveLength(1);
    const audit = await ctx.db.selectFrom('audit_event').select(['action', 'actor_id', 'object_type'])
      .where('object_id', '=', rows[0]!.id).execute();
    expect(audit).toEqual([{ action: 'create', actor_id: p.manager.id, object_type: 'shot' }]);
  });
});

describe('creation failures', () => {
  let sequenceId: string;
  beforeAll(async () => {
    sequenceId = (await p.manager.api.post(`data/projects/${projectId}/sequences`, { name: 'SQ_FAIL' })).json().id;
  });

  it('refuses artists and managers outside the team (403)', async () => {
    expect((await p.artist.api.post(`data/projects/${projectId}/shots`, { name: 'X', sequence_id: sequenceId })).statusCode).toBe(403);
    expect((await p.outsider.api.post(`data/projects/${projectId}/shots`, { name: 'X', sequence_id: sequenceId })).statusCode).toBe(403);
    expect((await p.artist.api.post(`data/projects/${projectId}/episodes`, { name: 'E99' })).statusCode).toBe(403);
    expect((await p.vendor.api.post(`data/projects/${projectId}/sequences`, { name: 'SQ99' })).statusCode).toBe(403);
    const admin = await p.admin.api.post(`data/projects/${projectId}/shots`, { name: 'BY_ADMIN', sequence_id: sequenceId });
    expect(admin.statusCode).toBe(201);
  });

  it('answers 404 for unknown or malformed projects and sequences of another project', async () => {
    const unknown = await p.admin.api.post(`data/projects/${UNKNOWN_ID}/shots`, { name: 'X' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: true, message: expect.stringMatching(/^404 Not Found/) });
    expect((await p.admin.api.post('data/projects/not-a-uuid/shots', { name: 'X' })).statusCode).toBe(404);
    const other = await production(ctx);
    const foreign = (await other.manager.api.post(`data/projects/${other.project.id}/sequences`, { name: 'SQ_OTHER' })).json();
    expect((await p.manager.api.post(`data/projects/${projectId}/shots`, { name: 'X', sequence_id: foreign.id })).statusCode).toBe(404);
  });

  it('answers 400 for bad bodies', async () => {
    const missing = await p.manager.api.post(`data/projects/${projectId}/shots`, { sequence_id: sequenceId });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: true, data: { errors: [expect.objectContaining({ field: 'name' })] } });
    expect((await p.manager.api.post(`data/projects/${projectId}/shots`, { name: '' })).statusCode).toBe(400);
    expect((await p.manager.api.post(`data/projects/${projectId}/shots`, { name: 'X', sequence_id: 'nope' })).statusCode).toBe(400);
    expect((await p.manager.api.post(`data/projects/${projectId}/shots`, { name: 'X', nb_frames: 'many' })).statusCode).toBe(400);
    expect((await p.manager.api.post(`data/projects/${projectId}/sequences`, { name: 'X', episode_id: 12 })).statusCode).toBe(400);
  });
});

describe('reading shots', () => {
  let shot: { id: string; parent_id: string };
  let taskId: string;
  beforeAll(async () => {
    const episode = (await p.manager.api.post(`data/projects/${projectId}/episodes`, { name: 'E_READ' })).json();
    const sequence = (await p.manager.api.post(`data/projects/${projectId}/sequences`, { name: 'SQ_READ', episode_id: episode.id })).json();
    for (const name of ['SH030', 'SH010', 'SH020']) {
      await p.manager.api.post(`data/projects/${projectId}/shots`, { name, sequence_id: sequence.id, data: { frame_in: 1, frame_out: 24, fps: 25 } });
    }
    shot = (await p.manager.api.get(`data/shots/all?sequence_id=${sequence.id}&name=SH010`)).json()[0];
    const taskType = await createTaskType(ctx, { forEntity: 'Shot' });
    taskId = (await createTestTask(ctx, { projectId, entityId: shot.id, taskTypeId: taskType.id, assignees: [p.artist.id, p.vendor.id] })).id;
  });

  it('returns the full shot with its tasks, names, frames and casting ids', async () => {
    const res = await p.artist.api.get(`data/shots/${shot.id}`);
    expect(res.statusCode).toBe(200);
    const full = res.json();
    expect(full).toMatchObject({
      id: shot.id, type: 'Shot', name: 'SH010', project_name: p.project.name, sequence_id: shot.parent_id,
      sequence_name: 'SQ_READ', episode_name: 'E_READ', frame_in: 1, frame_out: 24, fps: 25,
      entities_out: [], entities_in: [], data: { frame_in: 1, frame_out: 24, fps: 25 },
    });
    expect(full.tasks).toEqual([
      expect.objectContaining({ id: taskId, entity_id: shot.id, assignees: [p.artist.id, p.vendor.id].sort(), is_subscribed: false, priority: 0 }),
    ]);
  });

  it('lists shots, sequences and episodes as bare arrays ordered by name', async () => {
    const sequenceShots = await p.artist.api.get(`data/sequences/${shot.parent_id}/shots`);
    expect(sequenceShots.json().map((s: { name: string }) => s.name)).toEqual(['SH010', 'SH020', 'SH030']);
    expect(sequenceShots.json()[0]).toMatchObject({ type: 'Shot', project_name: p.project.name, sequence_name: 'SQ_READ' });

    const projectShots = (await p.artist.api.get(`data/projects/${projectId}/shots`)).json() as Array<{ name: string; type: string }>;
    expect(projectShots.every((s) => s.type === 'Shot')).toBe(true);
    expect(projectShots.map((s) => s.name)).toEqual(expect.arrayContaining(['SH010', 'SH020', 'SH030', 'SH010']));

    const sequences = (await p.artist.api.get(`data/projects/${projectId}/sequences`)).json() as Array<{ type: string }>;
    expect(sequences.length).toBeGreaterThan(2);
    expect(sequences.every((s) => s.type === 'Sequence')).toBe(true);
    const episodes = (await p.artist.api.get(`data/projects/${projectId}/episodes`)).json() as Array<{ name: string }>;
    expect(episodes.map((e) => e.name)).toEqual(['E01', 'E02', 'E03', 'E_READ']);

    const episodeId = (await p.artist.api.get(`data/sequences/${shot.parent_id}`)).json().episode_id;
    const episodeShots = (await p.artist.api.get(`data/episodes/${episodeId}/shots`)).json() as Array<{ name: string }>;
    expect(episodeShots.map((s) => s.name)).toEqual(['SH010', 'SH020', 'SH030']);
  });

  it('filters data/shots/all on other entity columns and validates their values', async () => {
    const filtered = await p.artist.api.get(`data/shots/all?sequence_id=${shot.parent_id}&canceled=false&nb_frames=7`);
    expect(filtered.json()).toEqual([]);
    const byIds = await p.artist.api.get(`data/shots/all?project_id=${projectId}&id=${encodeURIComponent(JSON.stringify([shot.id]))}`);
    expect(byIds.json().map((s: { id: string }) => s.id)).toEqual([shot.id]);
    const ignored = await p.artist.api.get(`data/shots/all?sequence_id=${shot.parent_id}&name=SH010&relations=true&whatever=1`);
    expect(ignored.json()).toHaveLength(1);

    const badUuid = await p.artist.api.get(`data/shots/all?project_id=${projectId}&parent_id=xyz`);
    expect(badUuid.statusCode).toBe(400);
    expect(badUuid.json()).toMatchObject({ error: true, message: 'Invalid UUID value: xyz' });
    expect((await p.artist.api.get(`data/shots/all?project_id=${projectId}&canceled=maybe`)).statusCode).toBe(400);
    expect((await p.artist.api.get(`data/shots/all?sequence_id=${UNKNOWN_ID}`)).statusCode).toBe(404);
  });

  it('keeps project-less listings to admins', async () => {
    expect((await p.manager.api.get('data/shots/all')).statusCode).toBe(403);
    expect((await p.manager.api.get('data/sequences?name=SQ01')).statusCode).toBe(403);
    expect((await p.manager.api.get('data/episodes')).statusCode).toBe(403);
    const all = await p.admin.api.get('data/shots/all?name=SH010');
    expect(all.statusCode).toBe(200);
    expect(all.json().length).toBeGreaterThanOrEqual(2);
    expect((await p.outsider.api.get(`data/shots/all?project_id=${projectId}`)).statusCode).toBe(403);
  });

  it('answers 404 for unknown ids, malformed ids and ids of another kind', async () => {
    const asset = await createAssetEntity(ctx, projectId);
    for (const path of [`data/shots/${UNKNOWN_ID}`, 'data/shots/not-a-uuid', `data/shots/${asset.id}`, `data/sequences/${shot.id}`,
      `data/episodes/${shot.parent_id}`, `data/projects/${UNKNOWN_ID}/shots`, 'data/projects/xyz/sequences']) {
      const res = await p.admin.api.get(path);
      expect(res.statusCode, path).toBe(404);
    }
  });

  it('refuses team outsiders (403) and scopes vendors to the shots assigned to them', async () => {
    expect((await p.outsider.api.get(`data/shots/${shot.id}`)).statusCode).toBe(403);
    expect((await p.outsider.api.get(`data/projects/${projectId}/shots`)).statusCode).toBe(403);

    const vendorShots = (await p.vendor.api.get(`data/projects/${projectId}/shots`)).json() as Array<{ id: string }>;
    expect(vendorShots.map((s) => s.id)).toEqual([shot.id]);
    const vendorSequences = (await p.vendor.api.get(`data/projects/${projectId}/sequences`)).json() as Array<{ id: string }>;
    expect(vendorSequences.map((s) => s.id)).toEqual([shot.parent_id]);
    expect((await p.vendor.api.get(`data/shots/${shot.id}`)).statusCode).toBe(200);
    const other = (await p.manager.api.get(`data/shots/all?sequence_id=${shot.parent_id}&name=SH020`)).json()[0];
    expect((await p.vendor.api.get(`data/shots/${other.id}`)).statusCode).toBe(403);
    expect((await p.vendor.api.get(`data/sequences/${shot.parent_id}/shots`)).json().map((s: { id: string }) => s.id)).toEqual([shot.id]);
  });
});
