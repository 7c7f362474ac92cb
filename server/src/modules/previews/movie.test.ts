import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createShotEntity, createTestTask, taskStatusId } from '../../../../test/support/factories.ts';
import { gazuUpload, hasFfmpeg, testMovie } from '../../../../test/support/upload-fixtures.ts';
import { waitFor } from '../../../../test/support/wait.ts';
import { previewKeys } from '../../platform/storage/layout.ts';
import { call, eventsAbout, setupProduction, type Production } from '../tasks/tasks.fixtures.ts';
import { MOVIE_QUEUE } from './movie-normalize.job.ts';

/** Preview movies normalised by ffmpeg in the background job (skipped where ffmpeg is not installed). */

const ffmpeg = await hasFfmpeg();
const run = promisify(execFile);

let ctx: TestContext;
let p: Production;
let wip: string;

beforeAll(async () => {
  if (!ffmpeg) return;
  ctx = await createTestContext();
  p = await setupProduction(ctx);
  wip = await taskStatusId(ctx, 'wip');
});
afterAll(async () => {
  await ctx?.close();
});

type Preview = { id: string; status: string; extension: string; width: number; height: number; duration: number; file_size: number; data: Record<string, unknown> };

async function newPreview() {
  const shot = await createShotEntity(ctx, p.project.id);
  const task = await createTestTask(ctx, { projectId: p.project.id, entityId: shot.id, taskTypeId: p.layout.id, assignees: [p.artist.id] });
  const comment = await call<{ id: string }>(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comment`, { task_status_id: wip, comment: 'anim pass' });
  const preview = await call<Preview>(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comments/${comment.body.id}/add-preview`, {});
  return { shot, task, preview: preview.body };
}

async function jobOf(previewId: string) {
  return ctx.db.selectFrom('job').select(['state', 'last_error']).where('queue', '=', MOVIE_QUEUE)
    .where((eb) => eb('payload', '@>', JSON.stringify({ preview_file_id: previewId }))).executeTakeFirstOrThrow();
}

async function readPreview(id: string) {
  return (await call<Preview>(ctx, p.artist, 'GET', `data/preview-files/${id}`)).body;
}

describe.skipIf(!ffmpeg)('preview movies with ffmpeg', () => {
  it('normalises an uploaded QuickTime movie into an H.264 MP4 with a poster frame, processing then ready', async () => {
    const { preview } = await newPreview();
    const upload = await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${preview.id}`, [{ name: 'anim_v001.mov', data: await testMovie('mov') }]);
    expect(upload.status, JSON.stringify(upload.body)).toBe(201);
    expect(upload.body).toMatchObject({ status: 'processing', extension: 'mp4', is_movie: true, original_name: 'anim_v001' });
    expect(upload.body).not.toHaveProperty('message');
    // No worker yet: the job waits, durable, and the preview says so.
    expect((await jobOf(preview.id)).state).toBe('pending');
    expect((await readPreview(preview.id)).status).toBe('processing');

    ctx.deps.jobs.start();
    try {
      await waitFor(async () => (await readPreview(preview.id)).status !== 'processing', { timeoutMs: 60_000, what: 'the movie to be processed' });
    } finally {
      await ctx.deps.jobs.stop();
    }
    const ready = await readPreview(preview.id);
    expect(ready).toMatchObject({ status: 'ready', extension: 'mp4', width: 64, height: 48, data: { normalized: true } });
    expect(ready.duration).toBeGreaterThan(0.8);
    expect(ready.duration).toBeLessThan(1.3);
    expect((await jobOf(preview.id)).state).toBe('completed');
    expect((await eventsAbout(ctx, 'preview_file_id', preview.id)).map((event) => event.name)).toContain('preview-file:update');

    const movie = await ctx.app.inject({ method: 'GET', url: `/api/movies/originals/preview-files/${preview.id}.mp4`, headers: bearer(p.artist.token) });
    expect(movie.statusCode).toBe(200);
    expect(movie.headers['content-type']).toBe('video/mp4');
    expect(Number(movie.headers['content-length'])).toBe(ready.file_size);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rushes-movie-check-'));
    try {
      const file = path.join(dir, 'out.mp4');
      await writeFile(file, movie.rawPayload);
      const probe = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,pix_fmt', '-of', 'csv=p=0', file]);
      expect(probe.stdout.trim()).toBe('h264,yuv420p');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const poster = await ctx.app.inject({ method: 'GET', url: `/api/pictures/thumbnails/preview-files/${preview.id}.png`, headers: bearer(p.artist.token) });
    expect((await sharp(poster.rawPayload).metadata()).width).toBe(150);
    // The normalised movie replaces the upload.
    expect(await ctx.deps.storage.exists(previewKeys(preview.id).source)).toBe(false);

    const main = await call<{ preview_file_id: string }>(ctx, p.artist, 'PUT', `actions/preview-files/${preview.id}/set-main-preview`, { frame_number: 6 });
    expect(main.status).toBe(200);
    expect(main.body.preview_file_id).toBe(preview.id);
    const beyond = await call(ctx, p.artist, 'PUT', `actions/preview-files/${preview.id}/set-main-preview`, { frame_number: 5000 });
    expect(beyond.status).toBe(400);
  });

  it('marks a movie ffmpeg cannot read broken, with the error kept', async () => {
    const { preview } = await newPreview();
    const garbage = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypqt  '), Buffer.alloc(4096, 0x5a)]);
    const upload = await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${preview.id}`, [{ name: 'broken.mov', data: garbage }]);
    expect(upload.body).toMatchObject({ status: 'processing' });
    ctx.deps.jobs.start();
    try {
      await waitFor(async () => (await readPreview(preview.id)).status !== 'processing', { timeoutMs: 60_000, what: 'the movie to fail' });
    } finally {
      await ctx.deps.jobs.stop();
    }
    const broken = await readPreview(preview.id);
    expect(broken.status).toBe('broken');
    expect(String(broken.data.error)).toMatch(/ffprobe|ffmpeg|video stream/i);
  });

  it('keeps a movie as uploaded with normalize=false, and still makes its pictures', async () => {
    const { preview } = await newPreview();
    const webm = await testMovie('mkv');
    const upload = await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${preview.id}?normalize=false`, [{ name: 'take.mkv', data: webm }]);
    expect(upload.body).toMatchObject({ status: 'processing', extension: 'mkv' });
    ctx.deps.jobs.start();
    try {
      await waitFor(async () => (await readPreview(preview.id)).status === 'ready', { timeoutMs: 60_000, what: 'the pictures' });
    } finally {
      await ctx.deps.jobs.stop();
    }
    expect((await readPreview(preview.id)).data).toMatchObject({ normalized: false });
    const movie = await ctx.app.inject({ method: 'GET', url: `/api/movies/originals/preview-files/${preview.id}.mkv`, headers: bearer(p.artist.token) });
    expect(movie.rawPayload.equals(webm)).toBe(true);
    expect(await ctx.deps.storage.exists(previewKeys(preview.id).thumbnail)).toBe(true);
  });
});
