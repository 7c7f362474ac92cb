import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createProject, createShotEntity, createTestTask, personWithToken } from '../../../../test/support/factories.ts';
import { call, eventsAbout, setupProduction, type Caller, type Production } from '../tasks/tasks.fixtures.ts';
import { createEpisode, insertPreview, newPlaylist } from './playlists.fixtures.ts';

/** Playlists over HTTP: shapes, roles, entries and their revisions, lists, errors. */

let ctx: TestContext;
let p: Production;

beforeAll(async () => {
  ctx = await createTestContext();
  p = await setupProduction(ctx);
});
afterAll(async () => {
  await ctx.close();
});

type Entry = { entity_id: string; preview_file_id: string | null };
type PlaylistBody = { id: string; name: string; type: string; shots: Entry[]; created_by: string | null; for_client: boolean; episode_id: string | null; project_id: string };

describe('creating a playlist', () => {
  it('lets supervisors and managers create one, with Zou\'s row shape and an event', async () => {
    const res = await call<PlaylistBody>(ctx, p.supervisor, 'POST', 'data/playlists/', {
      name: 'Anim dailies', project_id: p.project.id, for_entity: 'shot', for_client: false, is_for_all: false,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      type: 'Playlist', name: 'Anim dailies', project_id: p.project.id, episode_id: null, task_type_id: null,
      for_client: false, for_entity: 'shot', is_for_all: false, is_daily: false, created_by: p.supervisor.id, shots: [],
    });
    expect((await eventsAbout(ctx, 'playlist_id', res.body.id)).map((event) => event.name)).toEqual(['playlist:new']);
    expect((await call(ctx, p.manager, 'POST', 'data/playlists', { name: 'Client review', project_id: p.project.id, for_client: true, is_daily: true })).status).toBe(201);
  });

  it.each([['artist'], ['client'], ['vendor'], ['outsider']] as const)('refuses the %s with 403', async (who) => {
    const res = await call(ctx, p[who], 'POST', 'data/playlists', { name: `By ${who}`, project_id: p.project.id });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: true, message: expect.any(String) });
  });

  it('answers 404 for an unknown production, 400 for unknown keys, a bad kind or a taken name, 422 for a foreign episode', async () => {
    expect((await call(ctx, p.admin, 'POST', 'data/playlists', { name: 'x', project_id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    const unknown = await call(ctx, p.manager, 'POST', 'data/playlists', { name: 'x', project_id: p.project.id, colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ message: expect.any(String) });
    expect((await call(ctx, p.manager, 'POST', 'data/playlists', { name: 'x', project_id: p.project.id, for_entity: 'task' })).status).toBe(400);
    await newPlaylist(ctx, p.manager, p.project.id, { name: 'Taken' });
    const taken = await call(ctx, p.manager, 'POST', 'data/playlists', { name: 'Taken', project_id: p.project.id });
    expect(taken.status).toBe(400);
    expect(taken.body).toMatchObject({ message: 'A record with the same unique values already exists.' });
    const other = await createProject(ctx);
    const foreign = await createEpisode(ctx, other.id);
    const wrong = await call(ctx, p.manager, 'POST', 'data/playlists', { name: 'Ep', project_id: p.project.id, episode_id: foreign.id });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ error: true, message: 'No episode of this production has this id.' });
  });
});

describe('who sees which playlists', () => {
  let studio: { id: string };
  let forClient: { id: string };
  beforeAll(async () => {
    studio = await newPlaylist(ctx, p.manager, p.project.id, { name: 'Studio only' });
    forClient = await newPlaylist(ctx, p.manager, p.project.id, { name: 'For the client', for_client: true });
  });

  const idsSeenBy = async (caller: Caller, query = '') => {
    const res = await call<PlaylistBody[]>(ctx, caller, 'GET', `data/playlists${query}`);
    expect(res.status).toBe(200);
    return res.body.map((row) => row.id);
  };

  it('shows artists and supervisors the production\'s playlists, clients the client ones, outsiders none', async () => {
    for (const caller of [p.artist, p.supervisor, p.manager, p.admin]) expect(await idsSeenBy(caller)).toEqual(expect.arrayContaining([studio.id, forClient.id]));
    const seenByClient = await idsSeenBy(p.client);
    expect(seenByClient).toContain(forClient.id);
    expect(seenByClient).not.toContain(studio.id);
    expect(await idsSeenBy(p.outsider)).toEqual([]);
    expect((await call(ctx, p.vendor, 'GET', 'data/playlists')).status).toBe(403);
  });

  it('finds a playlist by project and name (Gazu\'s get_playlist_by_name), and pages like Zou', async () => {
    expect(await idsSeenBy(p.artist, `?project_id=${p.project.id}&name=studio%20ONLY`)).toEqual([studio.id]);
    const page = await call<{ data: unknown[]; total: number; nb_pages: number; limit: number; offset: number; page: number }>(ctx, p.artist, 'GET', `data/playlists?project_id=${p.project.id}&page=1&limit=2`);
    expect(page.body).toMatchObject({ limit: 2, offset: 0, page: 1 });
    expect(page.body.data).toHaveLength(2);
    expect(page.body.nb_pages).toBe(Math.ceil(page.body.total / 2));
    expect((await call(ctx, p.artist, 'GET', 'data/playlists?project_id=nope')).status).toBe(400);
    expect((await call(ctx, p.artist, 'GET', 'data/playlists?for_client=maybe')).status).toBe(400);
    expect((await call(ctx, p.artist, 'GET', 'data/playlists?page=one')).status).toBe(400);
  });

  it('opens a playlist for its readers; a client gets 404 for a studio one, a vendor or outsider 403', async () => {
    expect((await call(ctx, p.artist, 'GET', `data/playlists/${studio.id}`)).status).toBe(200);
    expect((await call(ctx, p.client, 'GET', `data/playlists/${forClient.id}`)).status).toBe(200);
    expect((await call(ctx, p.client, 'GET', `data/playlists/${studio.id}`)).status).toBe(404);
    expect((await call(ctx, p.vendor, 'GET', `data/playlists/${studio.id}`)).status).toBe(403);
    expect((await call(ctx, p.outsider, 'GET', `data/playlists/${studio.id}`)).status).toBe(403);
    expect((await call(ctx, p.artist, 'GET', 'data/playlists/not-an-id')).status).toBe(404);
    expect((await call(ctx, p.artist, 'GET', `data/projects/${p.project.id}/playlists/${studio.id}`)).status).toBe(200);
    const other = await createProject(ctx, { team: [{ id: p.artist.id }] });
    expect((await call(ctx, p.artist, 'GET', `data/projects/${other.id}/playlists/${studio.id}`)).status).toBe(404);
  });

  it('lists a production\'s playlists 20 a page and an episode\'s (main, all, an episode), clients the client ones', async () => {
    const project = await createProject(ctx, { team: [{ id: p.manager.id }, { id: p.client.id }] });
    const episode = await createEpisode(ctx, project.id);
    for (let index = 0; index < 22; index += 1) await newPlaylist(ctx, p.manager, project.id, { name: `P${String(index).padStart(2, '0')}` });
    const inEpisode = await newPlaylist(ctx, p.manager, project.id, { name: 'Ep review', episode_id: episode.id, for_client: true });
    const forAll = await newPlaylist(ctx, p.manager, project.id, { name: 'All assets', is_for_all: true, episode_id: 'all' });
    const first = await call<Array<{ id: string; name: string; shots?: unknown }>>(ctx, p.manager, 'GET', `data/projects/${project.id}/playlists?sort_by=name`);
    expect(first.body).toHaveLength(20);
    expect(first.body[0]).toMatchObject({ name: 'All assets', type: 'Playlist' });
    expect(first.body[0]).not.toHaveProperty('shots');
    const second = await call<unknown[]>(ctx, p.manager, 'GET', `data/projects/${project.id}/playlists?page=2&sort_by=name`);
    expect(second.body).toHaveLength(4);
    const ofEpisode = await call<Array<{ id: string }>>(ctx, p.manager, 'GET', `data/projects/${project.id}/episodes/${episode.id}/playlists`);
    expect(ofEpisode.body.map((row) => row.id)).toEqual([inEpisode.id]);
    const all = await call<Array<{ id: string }>>(ctx, p.manager, 'GET', `data/projects/${project.id}/episodes/all/playlists`);
    expect(all.body.map((row) => row.id)).toEqual([forAll.id]);
    const main = await call<Array<{ id: string }>>(ctx, p.manager, 'GET', `data/projects/${project.id}/episodes/main/playlists?page=2`);
    expect(main.body).toHaveLength(2);
    expect((await call<Array<{ id: string }>>(ctx, p.client, 'GET', `data/projects/${project.id}/playlists`)).body.map((row) => row.id)).toEqual([inEpisode.id]);
    expect((await call(ctx, p.manager, 'GET', `data/projects/${project.id}/episodes/${p.shot.id}/playlists`)).status).toBe(404);
    expect((await call(ctx, p.artist, 'GET', `data/projects/${project.id}/playlists`)).status).toBe(403);
  });
});

describe('entries and their revisions', () => {
  let rev1: { id: string };
  let rev2: { id: string };
  let rev2b: { id: string };
  let animRev: { id: string };
  beforeAll(async () => {
    rev1 = await insertPreview(ctx, p.task.id, { revision: 1 });
    rev2 = await insertPreview(ctx, p.task.id, { revision: 2 });
    rev2b = await insertPreview(ctx, p.task.id, { revision: 2, position: 2 });
    animRev = await insertPreview(ctx, p.animTask.id, { revision: 1, extension: 'mp4', isMovie: true, status: 'processing' });
  });

  it('adds an entity with its latest revision by default, a chosen one otherwise, never the same couple twice', async () => {
    const playlist = await newPlaylist(ctx, p.supervisor, p.project.id);
    const latest = await call<PlaylistBody>(ctx, p.supervisor, 'POST', `actions/playlists/${playlist.id}/add-entity`, { entity_id: p.shot.id });
    expect(latest.status, JSON.stringify(latest.body)).toBe(200);
    // The animation preview is the newest row, but revision 2 of layout is the highest revision.
    expect(latest.body.shots).toEqual([{ entity_id: p.shot.id, preview_file_id: rev2.id }]);
    const chosen = await call<PlaylistBody>(ctx, p.supervisor, 'POST', `actions/playlists/${playlist.id}/add-entity`, { entity_id: p.shot.id, preview_file_id: rev1.id });
    expect(chosen.body.shots.map((entry) => entry.preview_file_id)).toEqual([rev2.id, rev1.id]);
    const again = await call<PlaylistBody>(ctx, p.supervisor, 'POST', `data/playlists/${playlist.id}/add-entity`, { entity_id: p.shot.id, preview_file_id: rev1.id });
    expect(again.body.shots).toHaveLength(2);
    const none = await call<PlaylistBody>(ctx, p.supervisor, 'POST', `actions/playlists/${playlist.id}/add-entity`, { entity_id: p.asset.id, preview_file_id: '' });
    expect(none.body.shots[2]).toEqual({ entity_id: p.asset.id, preview_file_id: null });
  });

  it('takes the default revision from the playlist\'s task type when it has one', async () => {
    const playlist = await newPlaylist(ctx, p.manager, p.project.id, { task_type_id: p.animation.id });
    const res = await call<PlaylistBody>(ctx, p.manager, 'POST', `actions/playlists/${playlist.id}/add-entities`, { entities: [{ entity_id: p.shot.id }] });
    expect(res.body.shots).toEqual([{ entity_id: p.shot.id, preview_file_id: animRev.id }]);
  });

  it('refuses entities of another production and previews of another entity (422), and non-editors (403)', async () => {
    const playlist = await newPlaylist(ctx, p.supervisor, p.project.id);
    const other = await createProject(ctx);
    const foreign = await createShotEntity(ctx, other.id);
    const res = await call(ctx, p.supervisor, 'POST', `actions/playlists/${playlist.id}/add-entity`, { entity_id: foreign.id });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: true, message: expect.stringContaining('No entity of this production') });
    const wrongPreview = await call(ctx, p.supervisor, 'POST', `actions/playlists/${playlist.id}/add-entity`, { entity_id: p.asset.id, preview_file_id: rev1.id });
    expect(wrongPreview.status).toBe(422);
    expect((await call(ctx, p.supervisor, 'POST', `actions/playlists/${playlist.id}/add-entity`, { entity_id: 'x' })).status).toBe(400);
    expect((await call(ctx, p.artist, 'POST', `actions/playlists/${playlist.id}/add-entity`, { entity_id: p.shot.id })).status).toBe(403);
    const otherSupervisor = await personWithToken(ctx, 'supervisor');
    await ctx.db.insertInto('project_person_link').values({ project_id: p.project.id, person_id: otherSupervisor.id }).execute();
    expect((await call(ctx, otherSupervisor, 'POST', `actions/playlists/${playlist.id}/add-entity`, { entity_id: p.shot.id })).status).toBe(403);
    expect((await call(ctx, p.manager, 'POST', `actions/playlists/${playlist.id}/add-entity`, { entity_id: p.shot.id })).status).toBe(200);
    expect((await call(ctx, p.manager, 'POST', 'actions/playlists/00000000-0000-4000-8000-000000000000/add-entity', { entity_id: p.shot.id })).status).toBe(404);
  });

  it('opens a playlist with each entry\'s entity, chosen revision, task status and revisions by task type', async () => {
    const playlist = await newPlaylist(ctx, p.manager, p.project.id);
    await call(ctx, p.manager, 'POST', `actions/playlists/${playlist.id}/add-entities`, { entities: [{ entity_id: p.shot.id, preview_file_id: rev2.id }, { entity_id: p.asset.id }] });
    const open = await call<{ shots: Array<Record<string, unknown>>; build_jobs: unknown[] }>(ctx, p.artist, 'GET', `data/playlists/${playlist.id}`);
    expect(open.status).toBe(200);
    const [shot, asset] = open.body.shots;
    expect(shot).toMatchObject({
      id: p.shot.id, entity_id: p.shot.id, name: p.shot.name, entity_type_name: 'Shot', parent_id: p.shot.sequence_id,
      preview_file_id: rev2.id, preview_file_revision: 2, preview_file_extension: 'png', preview_file_status: 'ready',
      preview_file_task_id: p.task.id, task_type_id: p.layout.id, task_status_id: expect.any(String),
      preview_file_previews: [expect.objectContaining({ id: rev2b.id, position: 2 })],
    });
    const byTaskType = shot!.preview_files as Record<string, Array<{ id: string; revision: number }>>;
    expect(byTaskType[p.layout.id]!.map((revision) => revision.revision)).toEqual([2, 1]);
    expect(byTaskType[p.animation.id]!.map((revision) => revision.id)).toEqual([animRev.id]);
    expect(asset).toMatchObject({ id: p.asset.id, preview_files: {} });
    expect(asset).not.toHaveProperty('preview_file_id');
    expect(open.body.build_jobs).toEqual([]);
  });

  it('answers an entity\'s revisions by task type, with annotations, to its production\'s team', async () => {
    const res = await call<Record<string, Array<{ id: string; revision: number; previews: Array<{ id: string }>; annotations: unknown }>>>(ctx, p.client, 'GET', `data/playlists/entities/${p.shot.id}/preview-files`);
    expect(res.status).toBe(200);
    expect(res.body[p.layout.id]).toEqual([
      expect.objectContaining({ id: rev2.id, revision: 2, annotations: [], previews: [expect.objectContaining({ id: rev2b.id })] }),
      expect.objectContaining({ id: rev1.id, revision: 1, previews: [] }),
    ]);
    expect((await call(ctx, p.outsider, 'GET', `data/playlists/entities/${p.shot.id}/preview-files`)).status).toBe(403);
    expect((await call(ctx, p.vendor, 'GET', `data/playlists/entities/${p.shot.id}/preview-files`)).status).toBe(403);
    expect((await call(ctx, p.artist, 'GET', 'data/playlists/entities/00000000-0000-4000-8000-000000000000/preview-files')).status).toBe(404);
  });

  it('replaces the entries with PUT, accepting back what GET answered, ignoring the production', async () => {
    const playlist = await newPlaylist(ctx, p.supervisor, p.project.id);
    await call(ctx, p.supervisor, 'POST', `actions/playlists/${playlist.id}/add-entities`, { entities: [{ entity_id: p.shot.id }, { entity_id: p.asset.id }] });
    const opened = (await call<Record<string, unknown> & { shots: Array<Record<string, unknown>> }>(ctx, p.supervisor, 'GET', `data/playlists/${playlist.id}`)).body;
    const other = await createProject(ctx);
    const res = await call<PlaylistBody>(ctx, p.supervisor, 'PUT', `data/playlists/${playlist.id}`, {
      ...opened, name: 'Renamed', project_id: other.id, shots: [...opened.shots].reverse(),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ name: 'Renamed', project_id: p.project.id });
    expect(res.body.shots).toEqual([{ entity_id: p.asset.id, preview_file_id: null }, { entity_id: p.shot.id, preview_file_id: rev2.id }]);
    const bad = await call(ctx, p.supervisor, 'PUT', `data/playlists/${playlist.id}`, { shots: [{ entity_id: p.shot.id, preview_file_id: '00000000-0000-4000-8000-000000000000' }] });
    expect(bad.status).toBe(422);
    expect((await call(ctx, p.artist, 'PUT', `data/playlists/${playlist.id}`, { name: 'Mine' })).status).toBe(403);
    expect((await call(ctx, p.supervisor, 'PUT', `data/playlists/${playlist.id}`, { name: '' })).status).toBe(400);
  });

  it('removes an entity\'s entries or one of them, and moves an entry', async () => {
    const playlist = await newPlaylist(ctx, p.supervisor, p.project.id);
    const ids = [p.shot.id, p.asset.id];
    await call(ctx, p.supervisor, 'POST', `actions/playlists/${playlist.id}/add-entities`, {
      entities: [{ entity_id: ids[0], preview_file_id: rev1.id }, { entity_id: ids[1] }, { entity_id: ids[0], preview_file_id: rev2.id }],
    });
    const moved = await call<PlaylistBody>(ctx, p.supervisor, 'POST', `actions/playlists/${playlist.id}/reorder`, { entity_id: p.shot.id, preview_file_id: rev2.id, position: 0 });
    expect(moved.body.shots.map((entry) => entry.preview_file_id)).toEqual([rev2.id, rev1.id, null]);
    const last = await call<PlaylistBody>(ctx, p.supervisor, 'POST', `data/playlists/${playlist.id}/reorder`, { entity_id: p.asset.id, position: 99 });
    expect(last.body.shots.at(-1)).toEqual({ entity_id: p.asset.id, preview_file_id: null });
    const one = await call<PlaylistBody>(ctx, p.supervisor, 'POST', `actions/playlists/${playlist.id}/remove-entity`, { entity_id: p.shot.id, preview_file_id: rev1.id });
    expect(one.body.shots).toEqual([{ entity_id: p.shot.id, preview_file_id: rev2.id }, { entity_id: p.asset.id, preview_file_id: null }]);
    const all = await call<PlaylistBody>(ctx, p.supervisor, 'POST', `actions/playlists/${playlist.id}/remove-entity`, { entity_id: p.shot.id });
    expect(all.body.shots).toEqual([{ entity_id: p.asset.id, preview_file_id: null }]);
    expect((await call(ctx, p.supervisor, 'POST', `actions/playlists/${playlist.id}/remove-entity`, { entity_id: p.shot.id })).status).toBe(404);
    expect((await call(ctx, p.supervisor, 'POST', `actions/playlists/${playlist.id}/reorder`, { entity_id: p.shot.id, position: 0 })).status).toBe(404);
    expect((await call(ctx, p.supervisor, 'POST', `actions/playlists/${playlist.id}/reorder`, { entity_id: p.asset.id, position: -1 })).status).toBe(400);
  });

  it('keeps an entry when its preview is deleted, without a revision, and drops it with its entity', async () => {
    const shot = await createShotEntity(ctx, p.project.id);
    const task = await createTestTask(ctx, { projectId: p.project.id, entityId: shot.id, taskTypeId: p.layout.id });
    const preview = await insertPreview(ctx, task.id);
    const playlist = await newPlaylist(ctx, p.manager, p.project.id);
    await call(ctx, p.manager, 'POST', `actions/playlists/${playlist.id}/add-entities`, { entities: [{ entity_id: shot.id }, { entity_id: p.asset.id }] });
    await ctx.db.deleteFrom('preview_file').where('id', '=', preview.id).execute();
    const read = async () => (await call<PlaylistBody[]>(ctx, p.manager, 'GET', `data/playlists?id=${playlist.id}`)).body[0]!.shots;
    expect(await read()).toEqual([{ entity_id: shot.id, preview_file_id: null }, { entity_id: p.asset.id, preview_file_id: null }]);
    await ctx.db.deleteFrom('task').where('entity_id', '=', shot.id).execute();
    await ctx.db.deleteFrom('entity').where('id', '=', shot.id).execute();
    expect(await read()).toEqual([{ entity_id: p.asset.id, preview_file_id: null }]);
  });
});

describe('temporary playlists', () => {
  it('answers each task\'s entity with its latest revision, storing nothing', async () => {
    const before = await ctx.db.selectFrom('playlist').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await call<Array<Record<string, unknown>>>(ctx, p.artist, 'POST', `data/projects/${p.project.id}/playlists/temp?sort=true`, { task_ids: [p.task.id, p.animTask.id] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toHaveLength(2);
    expect(res.body[0]).toMatchObject({ id: p.shot.id, name: p.shot.name, sequence_id: p.shot.sequence_id, preview_file_task_id: p.task.id, preview_file_revision: 2 });
    expect(res.body[1]).toMatchObject({ id: p.shot.id, preview_file_task_id: p.animTask.id, preview_file_extension: 'mp4' });
    const after = await ctx.db.selectFrom('playlist').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const other = await createProject(ctx, { team: [{ id: p.artist.id }] });
    expect((await call(ctx, p.artist, 'POST', `data/projects/${other.id}/playlists/temp`, { task_ids: [p.task.id] })).status).toBe(422);
    expect((await call(ctx, p.outsider, 'POST', `data/projects/${p.project.id}/playlists/temp`, { task_ids: [p.task.id] })).status).toBe(403);
    expect((await call(ctx, p.artist, 'POST', `data/projects/${p.project.id}/playlists/temp`, { task_ids: ['x'] })).status).toBe(400);
    expect((await call<unknown[]>(ctx, p.artist, 'POST', `data/projects/${p.project.id}/playlists/temp`, { task_ids: [] })).body).toEqual([]);
  });

  it('lets a vendor make one of the tasks of entities assigned to them only', async () => {
    const shot = await createShotEntity(ctx, p.project.id);
    const own = await createTestTask(ctx, { projectId: p.project.id, entityId: shot.id, taskTypeId: p.layout.id, assignees: [p.vendor.id] });
    const mine = await call<Array<{ id: string }>>(ctx, p.vendor, 'POST', `data/projects/${p.project.id}/playlists/temp`, { task_ids: [own.id] });
    expect(mine.status).toBe(200);
    expect(mine.body.map((entry) => entry.id)).toEqual([shot.id]);
    expect((await call(ctx, p.vendor, 'POST', `data/projects/${p.project.id}/playlists/temp`, { task_ids: [own.id, p.task.id] })).status).toBe(403);
  });
});

describe('deleting a playlist', () => {
  it('lets managers and the creating supervisor delete it (204), not artists', async () => {
    const playlist = await newPlaylist(ctx, p.supervisor, p.project.id);
    expect((await call(ctx, p.artist, 'DELETE', `data/playlists/${playlist.id}`)).status).toBe(403);
    expect((await call(ctx, p.client, 'DELETE', `data/playlists/${playlist.id}`)).status).toBe(404);
    const gone = await ctx.app.inject({ method: 'DELETE', url: `/api/data/playlists/${playlist.id}`, headers: { authorization: `Bearer ${p.supervisor.token}` } });
    expect(gone.statusCode).toBe(204);
    expect(gone.body).toBe('');
    expect((await call(ctx, p.supervisor, 'GET', `data/playlists/${playlist.id}`)).status).toBe(404);
    expect((await eventsAbout(ctx, 'playlist_id', playlist.id)).map((event) => event.name)).toEqual(['playlist:new', 'playlist:delete']);
    const audit = await ctx.db.selectFrom('audit_event').select('action').where('object_id', '=', playlist.id).orderBy('id').execute();
    expect(audit.map((row) => row.action)).toEqual(['create', 'delete']);
  });
});

describe('the OpenAPI document', () => {
  type Operation = { responses: Record<string, unknown>; tags?: string[] };
  it('documents every playlist route with its success and error responses', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
    const routes: Array<[string, string, string]> = [
      ['/api/data/playlists', 'get', '200'], ['/api/data/playlists', 'post', '201'],
      ['/api/data/playlists/{playlist_id}', 'get', '200'], ['/api/data/playlists/{playlist_id}', 'put', '200'], ['/api/data/playlists/{playlist_id}', 'delete', '204'],
      ['/api/data/projects/{project_id}/playlists', 'get', '200'], ['/api/data/projects/{project_id}/episodes/{episode_id}/playlists', 'get', '200'],
      ['/api/data/projects/{project_id}/playlists/{playlist_id}', 'get', '200'], ['/api/data/playlists/entities/{entity_id}/preview-files', 'get', '200'],
      ['/api/actions/playlists/{playlist_id}/add-entity', 'post', '200'], ['/api/actions/playlists/{playlist_id}/add-entities', 'post', '200'],
      ['/api/actions/playlists/{playlist_id}/remove-entity', 'post', '200'], ['/api/actions/playlists/{playlist_id}/reorder', 'post', '200'],
      ['/api/data/playlists/{playlist_id}/add-entity', 'post', '200'], ['/api/data/playlists/{playlist_id}/remove-entity', 'post', '200'],
      ['/api/data/playlists/{playlist_id}/reorder', 'post', '200'], ['/api/data/projects/{project_id}/playlists/temp', 'post', '200'],
      ['/api/data/playlists/{playlist_id}/entity-previews', 'get', '200'], ['/api/data/playlists/{playlist_id}/notify-clients', 'post', '200'],
      ['/api/data/playlists/{playlist_id}/build/mp4', 'post', '200'], ['/api/data/playlists/{playlist_id}/build/mp4', 'get', '200'],
      ['/api/data/playlists/{playlist_id}/build-movie', 'post', '200'], ['/api/data/playlists/{playlist_id}/jobs', 'get', '200'],
      ['/api/data/playlists/{playlist_id}/jobs/{build_job_id}', 'get', '200'], ['/api/data/playlists/{playlist_id}/jobs/{build_job_id}', 'delete', '204'],
      ['/api/data/playlists/build-jobs/{build_job_id}', 'get', '200'], ['/api/data/playlists/build-jobs/{build_job_id}', 'delete', '204'],
      ['/api/data/projects/{project_id}/build-jobs', 'get', '200'], ['/api/data/playlists/{playlist_id}/jobs/{build_job_id}/build/mp4', 'get', '200'],
      ['/api/data/playlists/{playlist_id}/build-jobs/{build_job_id}/download', 'get', '200'], ['/api/data/playlists/{playlist_id}/download/zip', 'get', '200'],
      ['/api/data/playlists/{playlist_id}/share', 'post', '201'], ['/api/data/playlists/{playlist_id}/share', 'get', '200'],
      ['/api/data/playlists/{playlist_id}/share/{token}', 'delete', '200'], ['/api/shared/playlists/{token}', 'get', '200'],
    ];
    for (const [path, method, success] of routes) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation?.tags).toContain('playlists');
      for (const code of [success, '400', '403', '404', '422']) expect(operation?.responses[code], `${method} ${path} ${code}`).toBeDefined();
    }
  });
});
