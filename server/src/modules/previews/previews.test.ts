import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createShotEntity, createTestTask, taskStatusId } from '../../../../test/support/factories.ts';
import { jpegImage, pngImage } from '../../../../test/support/media-fixtures.ts';
import { gazuUpload } from '../../../../test/support/upload-fixtures.ts';
import { waitFor } from '../../../../test/support/wait.ts';
import { loadConfig } from '../../platform/config.ts';
import { previewKeys } from '../../platform/storage/layout.ts';
import { call, eventsAbout, setupProduction, taskRow, type Caller, type Production } from '../tasks/tasks.fixtures.ts';

let ctx: TestContext;
let p: Production;
let wip: string;

beforeAll(async () => {
  // A tiny upload limit, so that the 413 needs no big body; no ffmpeg here (movie.test.ts has it).
  const defaults = loadConfig({});
  ctx = await createTestContext({ uploads: { ...defaults.uploads, maxFileBytes: 64 * 1024 }, ffmpegPath: '/nonexistent/ffmpeg' });
  p = await setupProduction(ctx);
  wip = await taskStatusId(ctx, 'wip');
});
afterAll(async () => {
  await ctx.close();
});

async function freshTask() {
  const shot = await createShotEntity(ctx, p.project.id);
  return { shot, task: await createTestTask(ctx, { projectId: p.project.id, entityId: shot.id, taskTypeId: p.layout.id, assignees: [p.artist.id] }) };
}

/** Gazu add_comment (JSON). */
async function comment(caller: Caller, taskId: string, text = 'new version') {
  const res = await call<{ id: string }>(ctx, caller, 'POST', `actions/tasks/${taskId}/comment`, {
    task_status_id: wip, comment: text, checklist: [], links: [], for_client: false,
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

type Preview = { id: string; revision: number; position: number; status: string; extension: string; width: number; height: number; [key: string]: unknown };

async function addPreview(caller: Caller, taskId: string, commentId: string, body: Record<string, unknown> = {}) {
  return call<Preview>(ctx, caller, 'POST', `actions/tasks/${taskId}/comments/${commentId}/add-preview`, body);
}

async function download(caller: Caller, path: string, headers: Record<string, string> = {}) {
  return ctx.app.inject({ method: 'GET', url: `/api/${path}`, headers: { ...bearer(caller.token), ...headers } });
}

describe('publish_preview as Gazu sends it (add_comment, add_preview, upload_preview_file, set_main_preview)', () => {
  it('turns an uploaded JPEG into a ready PNG preview with thumbnails, the task last preview and the main preview', async () => {
    const { shot, task } = await freshTask();
    const commentId = await comment(p.artist, task.id);
    const created = await addPreview(p.artist, task.id, commentId);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'PreviewFile', revision: 1, position: 1, status: 'processing', task_id: task.id, person_id: p.artist.id });
    expect(created.body.name).toHaveLength(13);

    const upload = await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${created.body.id}`, [{ name: 'layout_v001.jpg', data: await jpegImage(640, 360, '#3366cc') }]);
    expect(upload.status, JSON.stringify(upload.body)).toBe(201);
    expect(upload.body).toMatchObject({ id: created.body.id, extension: 'png', original_name: 'layout_v001', width: 640, height: 360, status: 'ready' });
    expect(upload.body).not.toHaveProperty('message');
    expect(upload.body).not.toHaveProperty('error');
    expect((await taskRow(ctx, task.id)).last_preview_file_id).toBe(created.body.id);

    const main = await call<{ id: string; preview_file_id: string; type: string }>(ctx, p.artist, 'PUT', `actions/preview-files/${created.body.id}/set-main-preview`, {});
    expect(main.status).toBe(200);
    expect(main.body).toMatchObject({ id: shot.id, type: 'Shot', preview_file_id: created.body.id });

    const events = (await eventsAbout(ctx, 'preview_file_id', created.body.id)).map((event) => event.name);
    expect(events).toEqual(['preview-file:new', 'preview-file:add-file', 'preview-file:set-main']);
    expect((await eventsAbout(ctx, 'shot_id', shot.id)).map((event) => event.name)).toContain('shot:update');
    const addFile = (await eventsAbout(ctx, 'preview_file_id', created.body.id))[1];
    expect(addFile?.data).toMatchObject({ comment_id: commentId, task_id: task.id, revision: 1, extension: 'png', status: 'ready' });

    const read = await call<Preview>(ctx, p.artist, 'GET', `data/preview-files/${created.body.id}`);
    expect(read.body).toMatchObject({ status: 'ready', extension: 'png', width: 640 });

    const sizes: Array<[string, number, number]> = [
      [`pictures/thumbnails/preview-files/${created.body.id}.png`, 150, 100],
      [`pictures/thumbnails-square/preview-files/${created.body.id}.png`, 100, 100],
      [`pictures/previews/preview-files/${created.body.id}.png`, 640, 360],
      [`pictures/originals/preview-files/${created.body.id}.png`, 640, 360],
    ];
    for (const [path, width, height] of sizes) {
      const res = await download(p.bystander, path);
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['content-security-policy']).toContain('sandbox');
      const meta = await sharp(res.rawPayload).metadata();
      expect([meta.format, meta.width, meta.height], path).toEqual(['png', width, height]);
    }
    // The JPEG itself is not kept: the PNG original stands for it.
    expect(await ctx.deps.storage.exists(previewKeys(created.body.id).source)).toBe(false);
    expect((await download(p.outsider, `pictures/thumbnails/preview-files/${created.body.id}.png`)).statusCode).toBe(403);
  });

  it('sets the main preview on upload when the project automates it', async () => {
    await ctx.db.updateTable('project').set({ is_set_preview_automated: true }).where('id', '=', p.project.id).execute();
    try {
      const { shot, task } = await freshTask();
      const preview = await addPreview(p.artist, task.id, await comment(p.artist, task.id));
      const upload = await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${preview.body.id}`, [{ name: 'a.png', data: await pngImage(32, 32, '#ff0000') }]);
      expect(upload.status).toBe(201);
      const entity = await ctx.db.selectFrom('entity').select('preview_file_id').where('id', '=', shot.id).executeTakeFirstOrThrow();
      expect(entity.preview_file_id).toBe(preview.body.id);
    } finally {
      await ctx.db.updateTable('project').set({ is_set_preview_automated: false }).where('id', '=', p.project.id).execute();
    }
  });
});

describe('preview revisions (§6.2)', () => {
  it('numbers revisions per task, adds positions to a comment revision, and refuses a taken revision', async () => {
    const { task } = await freshTask();
    const first = await comment(p.artist, task.id);
    const a = await addPreview(p.artist, task.id, first);
    expect(a.body).toMatchObject({ revision: 1, position: 1 });
    const b = await addPreview(p.artist, task.id, first);
    expect(b.body).toMatchObject({ revision: 1, position: 2 });

    const second = await comment(p.artist, task.id);
    const c = await addPreview(p.artist, task.id, second);
    expect(c.body).toMatchObject({ revision: 2, position: 1 });

    const third = await comment(p.artist, task.id);
    const taken = await addPreview(p.artist, task.id, third, { revision: 2 });
    expect(taken.status).toBe(400);
    expect(taken.body.message).toMatch(/Revision 2 already exists for this task/);
    const chosen = await addPreview(p.artist, task.id, third, { revision: 7 });
    expect(chosen.body).toMatchObject({ revision: 7, position: 1 });
    const next = await addPreview(p.artist, task.id, await comment(p.artist, task.id));
    expect(next.body).toMatchObject({ revision: 8, position: 1 });

    const extra = await call<Preview>(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comments/${third}/preview-files/${chosen.body.id}`, {});
    expect(extra.status).toBe(201);
    expect(extra.body).toMatchObject({ revision: 7, position: 2 });
    const links = await ctx.db.selectFrom('comment_preview_link').select('preview_file_id').where('comment_id', '=', third).execute();
    expect(links.map((link) => link.preview_file_id).sort()).toEqual([chosen.body.id, extra.body.id].sort());
  });

  it('allows one file per revision when the project says so', async () => {
    await ctx.db.updateTable('project').set({ is_single_preview_per_revision: true }).where('id', '=', p.project.id).execute();
    try {
      const { task } = await freshTask();
      const commentId = await comment(p.artist, task.id);
      expect((await addPreview(p.artist, task.id, commentId)).status).toBe(201);
      const second = await addPreview(p.artist, task.id, commentId);
      expect(second.status).toBe(400);
      expect(second.body.message).toMatch(/Only one preview file is allowed per revision/);
    } finally {
      await ctx.db.updateTable('project').set({ is_single_preview_per_revision: false }).where('id', '=', p.project.id).execute();
    }
  });

  it('lets task actors only add previews, on comments of that task', async () => {
    const { task } = await freshTask();
    const commentId = await comment(p.artist, task.id);
    expect((await addPreview(p.bystander, task.id, commentId)).status).toBe(403);
    expect((await addPreview(p.outsider, task.id, commentId)).status).toBe(403);
    // An actor of another task cannot reach this comment through it.
    expect((await addPreview(p.artist, p.task.id, commentId)).status).toBe(404);
    expect((await addPreview(p.manager, task.id, commentId)).status).toBe(201);
  });
});

describe('POST pictures/preview-files/<id>', () => {
  it('refuses a second upload, a wrong extension (removing the preview), fake pictures (415) and big files (413)', async () => {
    const { task } = await freshTask();
    const commentId = await comment(p.artist, task.id);
    const png = await pngImage(20, 20, '#00ff00');

    const once = await addPreview(p.artist, task.id, commentId);
    expect((await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${once.body.id}`, [{ name: 'x.png', data: png }])).status).toBe(201);
    const again = await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${once.body.id}`, [{ name: 'x.png', data: png }]);
    expect(again.status).toBe(400);

    const wrong = await addPreview(p.artist, task.id, commentId);
    const refused = await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${wrong.body.id}`, [{ name: 'notes.docx', data: Buffer.from('PK\u0003\u0004') }]);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('Wrong file format, extension: docx');
    expect(await ctx.db.selectFrom('preview_file').select('id').where('id', '=', wrong.body.id).executeTakeFirst()).toBeUndefined();

    const fake = await addPreview(p.artist, task.id, commentId);
    const html = await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${fake.body.id}`, [{ name: 'pretty.png', data: Buffer.from('<html><script>alert(1)</script></html>') }]);
    expect(html.status).toBe(415);
    const fakeMovie = await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${fake.body.id}`, [{ name: 'clip.mp4', data: Buffer.from('definitely not a movie at all') }]);
    expect(fakeMovie.status).toBe(415);
    expect(await ctx.deps.storage.exists(previewKeys(fake.body.id).source)).toBe(false);

    const big = await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${fake.body.id}`, [{ name: 'big.png', data: Buffer.concat([png, Buffer.alloc(80 * 1024)]) }]);
    expect(big.status).toBe(413);
    expect(await ctx.deps.storage.exists(previewKeys(fake.body.id).source)).toBe(false);
    // Refused uploads give the preview back: a good one still goes through.
    expect((await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${fake.body.id}`, [{ name: 'real.png', data: png }])).status).toBe(201);

    expect((await gazuUpload(ctx, p.bystander.token, `pictures/preview-files/${(await addPreview(p.artist, task.id, commentId)).body.id}`, [{ name: 'x.png', data: png }])).status).toBe(403);
  });

  it('keeps allow-listed production files as they are, downloadable', async () => {
    const { task } = await freshTask();
    const preview = await addPreview(p.artist, task.id, await comment(p.artist, task.id));
    const pdf = Buffer.from('%PDF-1.4\n% a tiny document\n');
    const upload = await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${preview.body.id}`, [{ name: 'board.pdf', data: pdf }]);
    expect(upload.body).toMatchObject({ extension: 'pdf', status: 'ready', original_name: 'board', file_size: pdf.length });
    const res = await download(p.artist, `pictures/originals/preview-files/${preview.body.id}.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(pdf)).toBe(true);
    const attachment = await download(p.artist, `pictures/originals/preview-files/${preview.body.id}/download`);
    expect(attachment.headers['content-disposition']).toBe(`attachment; filename="board.pdf"; filename*=UTF-8''board.pdf`);
  });

  it('keeps a movie as uploaded, marked not normalised, when the server has no ffmpeg; ranges are served', async () => {
    const { task } = await freshTask();
    const preview = await addPreview(p.artist, task.id, await comment(p.artist, task.id));
    // An MP4 header is all the content check needs; nothing decodes it without ffmpeg.
    const movie = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(2000, 7)]);
    const upload = await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${preview.body.id}`, [{ name: 'shot010.mov', data: movie }]);
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ status: 'ready', extension: 'mov', is_movie: true, data: { normalized: false } });
    const ranged = await download(p.artist, `movies/originals/preview-files/${preview.body.id}.mov`, { range: 'bytes=4-11' });
    expect(ranged.statusCode).toBe(206);
    expect(ranged.headers['content-range']).toBe(`bytes 4-11/${movie.length}`);
    expect(ranged.headers['content-type']).toBe('video/quicktime');
    expect(ranged.body).toBe('ftypisom');
    const tail = await download(p.artist, `movies/originals/preview-files/${preview.body.id}.mov`, { range: 'bytes=-10' });
    expect(tail.rawPayload.equals(movie.subarray(-10))).toBe(true);
    expect((await download(p.artist, `movies/originals/preview-files/${preview.body.id}.mov`, { range: 'bytes=99999-' })).statusCode).toBe(416);
    const whole = await download(p.artist, `movies/originals/preview-files/${preview.body.id}.mov`);
    expect(whole.rawPayload.equals(movie)).toBe(true);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    // Gazu's get_preview_file_url says pictures/originals for any extension but mp4.
    const asGazuAsks = await download(p.artist, `pictures/originals/preview-files/${preview.body.id}.mov`);
    expect(asGazuAsks.rawPayload.equals(movie)).toBe(true);
  });
});

describe('DELETE data/preview-files/<id>', () => {
  it('is for managers of the project and removes the stored files', async () => {
    const { shot, task } = await freshTask();
    const preview = await addPreview(p.artist, task.id, await comment(p.artist, task.id));
    await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${preview.body.id}`, [{ name: 'a.png', data: await pngImage(40, 30, '#123456') }]);
    await call(ctx, p.artist, 'PUT', `actions/preview-files/${preview.body.id}/set-main-preview`, {});
    const keys = previewKeys(preview.body.id);
    expect(await ctx.deps.storage.exists(keys.thumbnail)).toBe(true);

    expect((await call(ctx, p.artist, 'DELETE', `data/preview-files/${preview.body.id}`)).status).toBe(403);
    expect((await call(ctx, p.manager, 'DELETE', `data/preview-files/${preview.body.id}?force=True`)).status).toBe(204);
    expect((await call(ctx, p.manager, 'GET', `data/preview-files/${preview.body.id}`)).status).toBe(404);
    expect((await taskRow(ctx, task.id)).last_preview_file_id).toBeNull();
    const entity = await ctx.db.selectFrom('entity').select('preview_file_id').where('id', '=', shot.id).executeTakeFirstOrThrow();
    expect(entity.preview_file_id).toBeNull();

    ctx.deps.jobs.start();
    try {
      await waitFor(async () => !(await ctx.deps.storage.exists(keys.thumbnail)) && !(await ctx.deps.storage.exists(keys.original)), { what: 'the stored files to go' });
    } finally {
      await ctx.deps.jobs.stop();
    }
  });
});
