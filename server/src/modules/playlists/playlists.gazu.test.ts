import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, taskStatusId } from '../../../../test/support/factories.ts';
import { pngImage } from '../../../../test/support/media-fixtures.ts';
import { gazuUpload } from '../../../../test/support/upload-fixtures.ts';
import { waitFor } from '../../../../test/support/wait.ts';
import { setupProduction, type Caller, type Production } from '../tasks/tasks.fixtures.ts';
import { createEpisode } from './playlists.fixtures.ts';

/**
 * gazu.playlist replayed: for each function of gazu/playlist.py, the request Gazu makes (path as its
 * client joins it, the body it sends, Python booleans in query strings) and the keys it reads back.
 */

let ctx: TestContext;
let p: Production;

beforeAll(async () => {
  ctx = await createTestContext();
  p = await setupProduction(ctx);
  ctx.deps.jobs.start();
});
afterAll(async () => {
  await ctx.close();
});

type Json = Record<string, unknown> & { id: string };

/** Gazu's raw client: `data/` helpers, urlencoded params, status mapping to exceptions. */
function gazu(caller: Caller) {
  const send = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => {
    const response = await ctx.app.inject({ method, url: `/api/${path.replace(/^\/+|\/+$/g, '')}`, headers: bearer(caller.token), ...(body === undefined ? {} : { payload: body as object }) });
    // Gazu raises on these statuses; any other is returned as a success.
    if ([400, 401, 403, 404, 405, 413, 422, 500, 502].includes(response.statusCode)) throw new Error(`Gazu error ${response.statusCode}: ${response.body}`);
    return response;
  };
  const query = (params: Record<string, string | number | boolean>) =>
    new URLSearchParams(Object.entries(params).map(([key, value]) => [key, typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value)])).toString();
  return {
    fetchAll: async <T = Json[]>(path: string, params?: Record<string, string | number | boolean>) => (await send('GET', `data/${path}${params ? `?${query(params)}` : ''}`)).json() as T,
    fetchFirst: async (path: string, params: Record<string, string>) => ((await send('GET', `data/${path}?${query(params)}`)).json() as Json[])[0],
    fetchOne: async <T = Json>(model: string, id: string) => (await send('GET', `data/${model}/${id}`)).json() as T,
    get: async <T = Json>(path: string) => (await send('GET', path)).json() as T,
    post: async <T = Json>(path: string, body: unknown) => (await send('POST', path, body)).json() as T,
    put: async (path: string, body: unknown) => (await send('PUT', path, body)).json() as Json,
    delete: async (path: string) => (await send('DELETE', path)).body,
    download: async (path: string) => (await send('GET', path)).rawPayload,
  };
}

const sortByName = <T extends Record<string, unknown>>(rows: T[]) => [...rows].sort((a, b) => String(a.name ?? '').localeCompare(String(b.name ?? '')));

describe('gazu.playlist', () => {
  it('drives every function of playlist.py the way Gazu calls it', async () => {
    const supervisor = gazu(p.supervisor);
    const manager = gazu(p.manager);
    const episode = await createEpisode(ctx, p.project.id);

    // A published picture revision on the shot's layout task (Gazu's publish_preview).
    const wip = await taskStatusId(ctx, 'wip');
    const artist = gazu(p.artist);
    const comment = await artist.post(`actions/tasks/${p.task.id}/comment`, { task_status_id: wip, comment: 'v1', checklist: [], links: [], for_client: false, person_id: '', created_at: '' });
    const preview = await artist.post(`actions/tasks/${p.task.id}/comments/${comment.id}/add-preview`, {});
    expect((await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${preview.id}`, [{ name: 'layout.png', data: await pngImage(64, 48, '#aa3300') }])).status).toBe(201);

    // new_playlist: get_playlist_by_name (fetch_first), then POST data/playlists/ when none.
    const body = { name: 'Layout dailies', project_id: p.project.id, for_entity: 'shot', for_client: true, is_for_all: false, episode_id: episode.id };
    expect(await supervisor.fetchFirst('playlists', { project_id: p.project.id, name: 'Layout dailies' })).toBeUndefined();
    const created = await supervisor.post('data/playlists/', body);
    expect(created).toMatchObject({ id: expect.any(String), name: 'Layout dailies', episode_id: episode.id, for_client: true, shots: [] });
    expect(await supervisor.fetchFirst('playlists', { project_id: p.project.id, name: 'Layout dailies' })).toMatchObject({ id: created.id });

    // all_playlists, all_playlists_for_project (page=1), all_playlists_for_episode: lists with names.
    expect(sortByName(await manager.fetchAll('playlists')).map((row) => row.id)).toContain(created.id);
    expect((await manager.fetchAll('projects/' + p.project.id + '/playlists', { page: 1 })).map((row) => row.name)).toContain('Layout dailies');
    expect((await gazu(p.client).fetchAll(`projects/${p.project.id}/episodes/${episode.id}/playlists`)).map((row) => row.id)).toEqual([created.id]);

    // get_entity_preview_files, then add_entity_to_playlist: Gazu picks the newest first file of a task type.
    const previewFiles = await supervisor.get<Record<string, Array<{ id: string; created_at: string }>>>(`data/playlists/entities/${p.shot.id}/preview-files`);
    const newest = Object.values(previewFiles).map((files) => files[0]!).sort((a, b) => b.created_at.localeCompare(a.created_at))[0]!;
    expect(newest.id).toBe(preview.id);
    const added = await supervisor.post<Json & { shots: Array<{ entity_id: string; preview_file_id: string }> }>(`actions/playlists/${created.id}/add-entity`, { entity_id: p.shot.id, preview_file_id: newest.id });
    expect(added.shots).toEqual([{ entity_id: p.shot.id, preview_file_id: preview.id }]);
    await supervisor.post(`actions/playlists/${created.id}/add-entity`, { entity_id: p.asset.id });

    // get_playlist and all_shots_for_playlist (fetch_one, sorted by name).
    const playlist = await supervisor.fetchOne<Json & { shots: Array<Record<string, unknown>> }>('playlists', created.id);
    expect(sortByName(playlist.shots).map((shot) => shot.name)).toEqual([p.asset.name, p.shot.name].sort());
    expect(playlist.shots[0]).toMatchObject({ entity_id: p.shot.id, preview_file_id: preview.id, preview_file_extension: 'png' });

    // update_entity_preview then remove_entity_from_playlist: Gazu edits the dict it holds and PUTs it whole.
    const edited = { ...added, shots: added.shots.map((entry) => ({ ...entry, preview_file_id: preview.id })) };
    await supervisor.put(`data/playlists/${created.id}`, edited);
    const kept = { ...playlist, shots: playlist.shots.filter((entry) => entry.entity_id !== p.asset.id) };
    const updated = await supervisor.put(`data/playlists/${created.id}`, kept);
    expect(updated.shots).toEqual([{ entity_id: p.shot.id, preview_file_id: preview.id }]);

    // update_playlist: the whole dict, changed keys applied.
    expect(await supervisor.put(`data/playlists/${created.id}`, { ...updated, name: 'Layout dailies v2' })).toMatchObject({ name: 'Layout dailies v2' });

    // get_entity_previews (fetch_all of playlists/<id>/entity-previews).
    expect((await supervisor.fetchAll(`playlists/${created.id}/entity-previews`)).map((row) => row.entity_id)).toEqual([p.shot.id]);

    // generate_temp_playlist.
    const temp = await supervisor.post<Json[]>(`data/projects/${p.project.id}/playlists/temp`, { task_ids: [p.task.id] });
    expect(temp[0]).toMatchObject({ id: p.shot.id, preview_file_id: preview.id });

    // build_playlist_movie, get_build_job, all_build_jobs_for_project, download_playlist_build, remove_build_job.
    const job = await supervisor.post(`data/playlists/${created.id}/build-movie`, {});
    expect(job).toMatchObject({ id: expect.any(String), status: 'running' });
    const built = await waitFor(async () => {
      const row = await supervisor.fetchOne<Json & { status: string }>('playlists/build-jobs', job.id);
      return row.status === 'running' ? undefined : row;
    }, { timeoutMs: 60_000, what: 'the build' });
    expect(built.status).toBe('succeeded');
    expect((await manager.fetchAll(`projects/${p.project.id}/build-jobs`)).map((row) => row.id)).toContain(job.id);
    const movie = await gazu(p.client).download(`data/playlists/${created.id}/build-jobs/${job.id}/download`);
    expect(movie.subarray(4, 8).toString('latin1')).toBe('ftyp');

    // download_playlist_zip.
    const zip = await gazu(p.client).download(`data/playlists/${created.id}/download/zip`);
    expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

    // notify_clients_playlist_ready: managers; the client gets a playlist-ready notification.
    expect(await manager.post(`data/playlists/${created.id}/notify-clients`, {})).toMatchObject({ status: 'success', notified: 1 });
    const row = await ctx.db.selectFrom('notification').selectAll().where('playlist_id', '=', created.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ person_id: p.client.id, type: 'playlist-ready', author_id: p.manager.id });

    expect(await supervisor.delete(`data/playlists/build-jobs/${job.id}`)).toBe('');

    // delete_playlist: 204, an empty text.
    expect(await supervisor.delete(`data/playlists/${created.id}`)).toBe('');
    await expect(supervisor.fetchOne('playlists', created.id)).rejects.toThrow(/404/);
  }, 120_000);

  it('shares a playlist: new_share_link, all_share_links_for_playlist, remove_share_link', async () => {
    const manager = gazu(p.manager);
    const playlist = await manager.post('data/playlists/', { name: 'Shared', project_id: p.project.id, for_entity: 'shot', for_client: false, is_for_all: false });
    const link = await manager.post<Json & { token: string }>(`data/playlists/${playlist.id}/share`, { can_comment: true, expiration_date: '2999-01-31', password: 'pw-for-guests' });
    expect(link).toMatchObject({ token: expect.any(String), can_comment: true, has_password: true });
    expect((await manager.fetchAll<Array<{ token: string }>>(`playlists/${playlist.id}/share`)).map((row) => row.token)).toEqual([link.token]);
    expect(await manager.delete(`data/playlists/${playlist.id}/share/${link.token}`)).toContain('"is_active":false');
    expect(await manager.fetchAll(`playlists/${playlist.id}/share`)).toEqual([]);
  });

  it('raises NotAllowed (403) for an artist creating a playlist', async () => {
    await expect(gazu(p.artist).post('data/playlists/', { name: 'Mine', project_id: p.project.id, for_entity: 'shot', for_client: false, is_for_all: false })).rejects.toThrow(/403/);
  });
});
