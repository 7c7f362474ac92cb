import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createShotEntity, createTestTask, taskStatusId } from '../../../../test/support/factories.ts';
import { pngImage } from '../../../../test/support/media-fixtures.ts';
import { gazuUpload, testMovie } from '../../../../test/support/upload-fixtures.ts';
import { waitFor } from '../../../../test/support/wait.ts';
import { playlistBuildKey, previewKeys } from '../../platform/storage/layout.ts';
import { call, setupProduction, type Production } from '../tasks/tasks.fixtures.ts';
import { insertPreview, newPlaylist } from './playlists.fixtures.ts';

/** Playlist movie builds with the real ffmpeg in the job queue, their downloads, and ZIP downloads. */

const run = promisify(execFile);

let ctx: TestContext;
let p: Production;
let wip: string;
let movie: Buffer;
let dir: string;

beforeAll(async () => {
  ctx = await createTestContext();
  p = await setupProduction(ctx);
  wip = await taskStatusId(ctx, 'wip');
  movie = await testMovie('mov');
  dir = await mkdtemp(path.join(os.tmpdir(), 'rushes-playlist-test-'));
  await ctx.db.updateTable('project').set({ resolution: '160x120', fps: '24' }).where('id', '=', p.project.id).execute();
  ctx.deps.jobs.start();
}, 60_000);
afterAll(async () => {
  await ctx?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

type Build = { id: string; status: string; progress: number; error: string | null; duration: number | null; file_size: number | null; playlist_id: string };
type Preview = { id: string; status: string; duration: number };

/** A shot with a published revision: a movie (normalised by the movie job) or a picture. */
async function publishedShot(kind: 'movie' | 'picture') {
  const shot = await createShotEntity(ctx, p.project.id);
  const task = await createTestTask(ctx, { projectId: p.project.id, entityId: shot.id, taskTypeId: p.layout.id, assignees: [p.artist.id] });
  const comment = await call<{ id: string }>(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comment`, { task_status_id: wip, comment: 'for review' });
  const preview = await call<Preview>(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comments/${comment.body.id}/add-preview`, {});
  const file = kind === 'movie' ? { name: 'anim.mov', data: movie } : { name: 'frame.png', data: await pngImage(80, 60, '#3366cc') };
  const upload = await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${preview.body.id}`, [file]);
  expect(upload.status, JSON.stringify(upload.body)).toBe(201);
  return { shot, task, previewId: preview.body.id };
}

async function readyPreview(id: string): Promise<Preview> {
  return waitFor(async () => {
    const row = (await call<Preview>(ctx, p.artist, 'GET', `data/preview-files/${id}`)).body;
    return row.status === 'processing' ? undefined : row;
  }, { timeoutMs: 60_000, what: 'the preview to be processed' });
}

const getBuild = async (buildId: string) => (await call<Build>(ctx, p.artist, 'GET', `data/playlists/build-jobs/${buildId}`)).body;

async function probe(file: string) {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height:format=duration', '-of', 'json', file]);
  const parsed = JSON.parse(stdout) as { streams: Array<{ codec_name: string; width: number; height: number }>; format: { duration: string } };
  return { ...parsed.streams[0]!, duration: Number(parsed.format.duration) };
}

describe('building a playlist movie', () => {
  it('concatenates 10 entries into one H.264 MP4 as long as their sum, with progress along the way', async () => {
    const shots = [];
    for (let index = 0; index < 10; index += 1) shots.push(await publishedShot(index % 5 === 4 ? 'picture' : 'movie'));
    const previews = await Promise.all(shots.map((shot) => readyPreview(shot.previewId)));
    expect(previews.every((preview) => preview.status === 'ready')).toBe(true);
    const playlist = await newPlaylist(ctx, p.supervisor, p.project.id, { name: 'Ten shots' });
    await call(ctx, p.supervisor, 'POST', `actions/playlists/${playlist.id}/add-entities`, { entities: shots.map((shot) => ({ entity_id: shot.shot.id })) });

    expect((await call(ctx, p.artist, 'POST', `data/playlists/${playlist.id}/build/mp4`)).status).toBe(403);
    const started = await call<Build>(ctx, p.supervisor, 'POST', `data/playlists/${playlist.id}/build/mp4?still_duration=1.5`);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body).toMatchObject({ type: 'BuildJob', status: 'running', progress: 0, playlist_id: playlist.id, job_type: 'movie' });
    const again = await call(ctx, p.manager, 'POST', `data/playlists/${playlist.id}/build-movie`, {});
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: true, message: 'A build is already in progress for this playlist' });

    const seen = new Set<number>();
    const done = await waitFor(async () => {
      const build = await getBuild(started.body.id);
      seen.add(build.progress);
      return build.status === 'running' ? undefined : build;
    }, { timeoutMs: 120_000, intervalMs: 10, what: 'the build to end' });
    expect(done.error).toBeNull();
    expect(done).toMatchObject({ status: 'succeeded', progress: 1 });
    expect([...seen].some((value) => value > 0 && value < 1), `progress seen: ${[...seen].join(', ')}`).toBe(true);

    const expected = previews.reduce((sum, preview) => sum + (preview.duration > 0 ? preview.duration : 1.5), 0);
    const download = await ctx.app.inject({ method: 'GET', url: `/api/data/playlists/${playlist.id}/jobs/${done.id}/build/mp4`, headers: bearer(p.artist.token) });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('video/mp4');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename=".*_ten_shots\.mp4"/);
    expect(download.rawPayload.length).toBe(done.file_size);
    const file = path.join(dir, 'build.mp4');
    await writeFile(file, download.rawPayload);
    const facts = await probe(file);
    expect(facts).toMatchObject({ codec_name: 'h264', width: 160, height: 120 });
    expect(Math.abs(facts.duration - expected), `built ${facts.duration}s, entries ${expected}s`).toBeLessThan(0.35);
    expect(Math.abs((done.duration ?? 0) - facts.duration)).toBeLessThan(0.05);

    const gazuPath = await ctx.app.inject({ method: 'GET', url: `/api/data/playlists/${playlist.id}/build-jobs/${done.id}/download`, headers: bearer(p.client.token) });
    // The client is not shown a studio playlist's builds.
    expect(gazuPath.statusCode).toBe(404);
    const opened = await call<{ build_jobs: Build[] }>(ctx, p.artist, 'GET', `data/playlists/${playlist.id}`);
    expect(opened.body.build_jobs.map((build) => build.id)).toEqual([done.id]);
    const listed = await call<Build[]>(ctx, p.manager, 'GET', `data/projects/${p.project.id}/build-jobs`);
    expect(listed.body.map((build) => build.id)).toContain(done.id);
    expect((await call(ctx, p.artist, 'GET', `data/projects/${p.project.id}/build-jobs`)).status).toBe(403);

    // Deleting the build deletes its movie (storage cleanup job).
    expect((await call(ctx, p.artist, 'DELETE', `data/playlists/build-jobs/${done.id}`)).status).toBe(403);
    const removed = await ctx.app.inject({ method: 'DELETE', url: `/api/data/playlists/${playlist.id}/jobs/${done.id}`, headers: bearer(p.supervisor.token) });
    expect(removed.statusCode).toBe(204);
    await waitFor(async () => !(await ctx.deps.storage.exists(playlistBuildKey(done.id))), { timeoutMs: 20_000, what: 'the movie to be deleted' });
    expect((await call(ctx, p.artist, 'GET', `data/playlists/${playlist.id}/jobs/${done.id}`)).status).toBe(404);
  }, 240_000);

  it('refuses a playlist without revisions (400) or with a broken one (422), and answers 400 before the end', async () => {
    const empty = await newPlaylist(ctx, p.manager, p.project.id);
    await call(ctx, p.manager, 'POST', `actions/playlists/${empty.id}/add-entity`, { entity_id: p.asset.id });
    const none = await call(ctx, p.manager, 'POST', `data/playlists/${empty.id}/build/mp4`);
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ error: true, message: expect.stringContaining('no movie or picture revision') });

    const shot = await createShotEntity(ctx, p.project.id);
    const task = await createTestTask(ctx, { projectId: p.project.id, entityId: shot.id, taskTypeId: p.layout.id });
    const broken = await insertPreview(ctx, task.id, { extension: 'mp4', isMovie: true, status: 'broken', revision: 3 });
    const playlist = await newPlaylist(ctx, p.manager, p.project.id);
    await call(ctx, p.manager, 'POST', `actions/playlists/${playlist.id}/add-entity`, { entity_id: shot.id, preview_file_id: broken.id });
    const refused = await call(ctx, p.manager, 'GET', `data/playlists/${playlist.id}/build/mp4`);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ message: `The preview of ${shot.name} (revision 3) is broken: choose another revision or wait for it.` });
    expect((await call(ctx, p.manager, 'POST', 'data/playlists/00000000-0000-4000-8000-000000000000/build/mp4')).status).toBe(404);
  });

  it('ends failed, saying which entry, when a revision\'s movie cannot be read', async () => {
    const { shot, previewId } = await publishedShot('movie');
    await readyPreview(previewId);
    const stored = (await call<{ data: { normalized?: boolean } }>(ctx, p.artist, 'GET', `data/preview-files/${previewId}`)).body;
    const key = stored.data.normalized ? previewKeys(previewId).movie : previewKeys(previewId).source;
    await ctx.deps.storage.put(key, Readable.from([Buffer.alloc(2048, 0x41)]));
    const playlist = await newPlaylist(ctx, p.supervisor, p.project.id);
    await call(ctx, p.supervisor, 'POST', `actions/playlists/${playlist.id}/add-entity`, { entity_id: shot.id });
    const started = await call<Build>(ctx, p.supervisor, 'POST', `data/playlists/${playlist.id}/build-movie`, {});
    const failed = await waitFor(async () => {
      const build = await getBuild(started.body.id);
      return build.status === 'running' ? undefined : build;
    }, { timeoutMs: 60_000, what: 'the build to fail' });
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain(`The preview of ${shot.name} (revision 1) could not be read`);
    const early = await call(ctx, p.supervisor, 'GET', `data/playlists/${playlist.id}/jobs/${started.body.id}/build/mp4`);
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({ error: true, message: 'Build is not finished' });
  }, 120_000);
});

describe('downloading a playlist\'s previews as a ZIP', () => {
  it('streams every file of the chosen revisions, readable by unzip, for managers, supervisors and clients of client playlists', async () => {
    const movieShot = await publishedShot('movie');
    const pictureShot = await publishedShot('picture');
    await readyPreview(movieShot.previewId);
    await readyPreview(pictureShot.previewId);
    const playlist = await newPlaylist(ctx, p.manager, p.project.id, { for_client: true, name: 'Client ZIP' });
    await call(ctx, p.manager, 'POST', `actions/playlists/${playlist.id}/add-entities`, { entities: [{ entity_id: movieShot.shot.id }, { entity_id: pictureShot.shot.id }, { entity_id: p.asset.id }] });

    expect((await call(ctx, p.artist, 'GET', `data/playlists/${playlist.id}/download/zip`)).status).toBe(403);
    const response = await ctx.app.inject({ method: 'GET', url: `/api/data/playlists/${playlist.id}/download/zip`, headers: bearer(p.client.token) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(/_Client_ZIP\.zip"/);
    const file = path.join(dir, 'playlist.zip');
    await writeFile(file, response.rawPayload);
    const test = await run('unzip', ['-t', file]);
    expect(test.stdout).toContain('No errors detected');
    const listing = (await run('unzip', ['-Z1', file])).stdout.trim().split('\n').sort();
    expect(listing).toHaveLength(2);
    expect(listing.some((name) => name.includes(movieShot.shot.name) && name.endsWith('_v1.mp4'))).toBe(true);
    expect(listing.some((name) => name.includes(pictureShot.shot.name) && name.endsWith('_v1.png'))).toBe(true);
    const extracted = (await run('unzip', ['-p', file, listing.find((name) => name.endsWith('.png'))!], { encoding: 'buffer' })).stdout;
    const original = await ctx.app.inject({ method: 'GET', url: `/api/pictures/originals/preview-files/${pictureShot.previewId}.png`, headers: bearer(p.manager.token) });
    expect(Buffer.compare(extracted, original.rawPayload)).toBe(0);
  }, 120_000);
});

describe('without ffmpeg', () => {
  it('refuses a build with a message that says so', async () => {
    const bare = await createTestContext({ ffmpegPath: '/nonexistent/ffmpeg' });
    try {
      const q = await setupProduction(bare);
      await insertPreview(bare, q.task.id);
      const playlist = await newPlaylist(bare, q.manager, q.project.id);
      await call(bare, q.manager, 'POST', `actions/playlists/${playlist.id}/add-entity`, { entity_id: q.shot.id });
      const res = await call(bare, q.manager, 'POST', `data/playlists/${playlist.id}/build/mp4`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: true, message: expect.stringContaining('needs ffmpeg') });
    } finally {
      await bare.close();
    }
  });
});
