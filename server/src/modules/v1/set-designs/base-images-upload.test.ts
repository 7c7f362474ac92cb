import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../platform/db/database.ts';
import { buildApp } from '../../../platform/http/app.ts';
import { createDeps } from '../../../platform/server.ts';
import { createTestContext, type TestContext } from '../../../../../test/support/test-app.ts';
import { bearer, personWithToken } from '../../../../../test/support/factories.ts';
import { jpegImage, multipartBody, noisyPng, zipOf } from '../../../../../test/support/media-fixtures.ts';
import { createOrganization, createShotType, createSubject, v1, type Caller } from '../../../../../test/support/set-design-factories.ts';
import { waitFor } from '../../../../../test/support/wait.ts';

interface TaskBody {
  id: string;
  status: string;
  progress: number;
  total_items: number;
  processed_items: number;
  images_processed: number;
  images_skipped: number;
  error_message: string | null;
  started_at: string | null;
  completed_at: string | null;
  created_at: string;
  subject_id: string;
  set_design_id: string;
  owner_id: string;
  result_data: { processed: Array<{ file: string; slug: string }>; skipped: Array<{ file: string; reason: string }> } | null;
}

let ctx: TestContext;
let owner: Caller;
let outsider: Caller;
let organizationId: string;
let otherOrganizationId: string;
let subjectId: string;
let setDesignId: string;
const shotTypes: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  [owner, outsider] = await Promise.all([personWithToken(ctx), personWithToken(ctx)]);
  organizationId = await createOrganization(ctx, owner);
  otherOrganizationId = await createOrganization(ctx, outsider);
  subjectId = await createSubject(ctx, owner, organizationId);
  for (const slug of ['front_full_body', 'side_left', 'back', 'close_up']) shotTypes[slug] = await createShotType(ctx, owner, slug, organizationId);
  setDesignId = (await v1<{ id: string }>(ctx, owner, 'POST', `/set-designs/?organization_id=${organizationId}`, { name: 'Zipped' })).body.id;
});
afterAll(async () => {
  await ctx.close();
});

async function upload(zip: Buffer, caller: Caller = owner, options: { subject?: string; design?: string; org?: string } = {}) {
  const { payload, headers } = multipartBody('file', 'images.zip', zip);
  const url = `/api/v1/set-designs/${options.design ?? setDesignId}/base-images/upload?subject_id=${options.subject ?? subjectId}&organization_id=${options.org ?? organizationId}`;
  const res = await ctx.app.inject({ method: 'POST', url, headers: { ...headers, ...bearer(caller.token) }, payload });
  return { status: res.statusCode, body: res.json() as TaskBody };
}

const poll = (taskId: string, caller: Caller = owner) => v1<TaskBody>(ctx, caller, 'GET', `/set-designs/upload-tasks/${taskId}`);

async function untilFinished(taskId: string): Promise<TaskBody> {
  return waitFor(async () => {
    const task = (await poll(taskId)).body;
    return task.status === 'COMPLETED' || task.status === 'FAILED' ? task : undefined;
  }, { timeoutMs: 25_000, what: `upload task ${taskId} to finish` });
}

async function sampleZip(seed: number) {
  return zipOf([
    { name: 'front_full_body.png', data: await noisyPng(500, 700, seed) },
    { name: 'poses/', directory: true },
    { name: 'poses/side_left.jpg', data: await jpegImage(640, 480, '#336699') },
    { name: 'BACK.PNG', data: await noisyPng(400, 400, seed + 1) },
    { name: 'readme.txt', data: Buffer.from('shot list') },
    { name: 'unknown_pose.png', data: await noisyPng(50, 50, seed + 2) },
    { name: '__MACOSX/._front_full_body.png', data: Buffer.from('resource fork') },
    { name: 'front_full_body.jpeg', data: await jpegImage(100, 100, '#000000') },
  ]);
}

describe('ZIP upload of base images', () => {
  it('answers at once with a PENDING task, then a job processes the images while the progress moves', async () => {
    const zip = await sampleZip(1);
    const accepted = await upload(zip);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'PENDING', progress: 0, total_items: 0, processed_items: 0, images_processed: 0, images_skipped: 0,
      error_message: null, started_at: null, completed_at: null, result_data: null, subject_id: subjectId, set_design_id: setDesignId, owner_id: owner.id,
    });

    // Record every progress tick, and poll the API on each one as a web page would.
    const ticks: number[] = [];
    const polled: Array<Promise<TaskBody>> = [];
    const stopListening = ctx.deps.events.onEvent((event) => {
      if (event.name !== 'set-design:upload-task-progress' || event.data.id !== accepted.body.id) return;
      ticks.push(Number(event.data.progress));
      polled.push(poll(accepted.body.id).then((res) => res.body));
    });
    ctx.deps.jobs.start();
    const done = await untilFinished(accepted.body.id);
    stopListening();
    await ctx.deps.jobs.stop();

    expect(done).toMatchObject({ status: 'COMPLETED', progress: 100, total_items: 7, processed_items: 7, images_processed: 3, images_skipped: 4, error_message: null });
    expect(done.started_at).not.toBeNull();
    expect(done.completed_at).not.toBeNull();
    expect(done.result_data?.processed.map((p) => p.slug).sort()).toEqual(['back', 'front_full_body', 'side_left']);
    expect(done.result_data?.skipped).toEqual(expect.arrayContaining([
      { file: 'readme.txt', reason: expect.stringMatching(/not an image file name/) },
      { file: 'unknown_pose.png', reason: 'no shot type with slug "unknown_pose"' },
      { file: '__MACOSX/._front_full_body.png', reason: 'hidden or system file' },
      { file: 'front_full_body.jpeg', reason: expect.stringMatching(/already the "front_full_body" image/) },
    ]));
    // Progress moved through intermediate values, and a poller saw the task PROCESSING midway.
    expect(ticks[0]).toBe(0);
    expect(ticks.some((value) => value > 0 && value < 100)).toBe(true);
    expect(ticks).toEqual([...ticks].sort((a, b) => a - b));
    const seen = await Promise.all(polled);
    expect(seen.some((task) => task.status === 'PROCESSING' && task.progress > 0 && task.progress < 100)).toBe(true);

    const front = await v1<{ image_media: { width: number; height: number; extension: string } }>(ctx, owner, 'GET',
      `/set-designs/${setDesignId}/base-image?subject_id=${subjectId}&shot_type_id=${shotTypes.front_full_body}&organization_id=${organizationId}`);
    expect(front).toMatchObject({ status: 200, body: { image_media: { width: 500, height: 700, extension: 'png' } } });
    const side = await v1<{ image_media: { extension: string } }>(ctx, owner, 'GET',
      `/set-designs/${setDesignId}/base-image?subject_id=${subjectId}&shot_type_id=${shotTypes.side_left}&organization_id=${organizationId}`);
    expect(side.body.image_media.extension).toBe('jpg');
    // The uploaded archive is not kept once processed.
    expect(await readdir(path.join(ctx.config.dataDir, 'files', 'uploads', 'set-design-zips'))).toEqual([]);
  });

  it('replaces the previous base image of a slot, and finds the latest task of a set design and subject', async () => {
    const before = await v1<{ id: string; image_media: { id: string } }>(ctx, owner, 'GET',
      `/set-designs/${setDesignId}/base-image?subject_id=${subjectId}&shot_type_id=${shotTypes.front_full_body}&organization_id=${organizationId}`);
    const accepted = await upload(await zipOf([{ name: 'front_full_body.png', data: await noisyPng(64, 32, 99) }]));
    ctx.deps.jobs.start();
    const done = await untilFinished(accepted.body.id);
    await ctx.deps.jobs.stop();
    expect(done).toMatchObject({ status: 'COMPLETED', images_processed: 1, total_items: 1 });
    const after = await v1<{ id: string; image_media: { id: string; width: number } }>(ctx, owner, 'GET',
      `/set-designs/${setDesignId}/base-image?subject_id=${subjectId}&shot_type_id=${shotTypes.front_full_body}&organization_id=${organizationId}`);
    expect(after.body.id).toBe(before.body.id);
    expect(after.body.image_media.id).not.toBe(before.body.image_media.id);
    expect(after.body.image_media.width).toBe(64);
    // Other slots are left as they were.
    expect((await v1(ctx, owner, 'GET', `/set-designs/${setDesignId}/base-image?subject_id=${subjectId}&shot_type_id=${shotTypes.back}&organization_id=${organizationId}`)).status).toBe(200);

    const latest = await v1<TaskBody>(ctx, owner, 'GET', `/set-designs/${setDesignId}/base-images/upload-task?subject_id=${subjectId}&organization_id=${organizationId}`);
    expect(latest).toMatchObject({ status: 200, body: { id: accepted.body.id, status: 'COMPLETED' } });
  });

  it('answers 404, 422 and 401 where it should', async () => {
    const zip = await zipOf([{ name: 'back.png', data: await noisyPng(8, 8, 5) }]);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await poll(missing)).status).toBe(404);
    expect(await poll(missing)).toEqual({ status: 404, body: { detail: 'Upload task not found' } });
    expect((await upload(zip, owner, { design: missing })).status).toBe(404);
    expect((await upload(zip, owner, { subject: missing })).body).toEqual({ detail: 'Subject not found' });
    // A member of another organization learns nothing.
    expect((await upload(zip, outsider, { org: otherOrganizationId })).status).toBe(404);
    expect((await upload(zip, outsider)).body).toEqual({ detail: 'Organization not found' });
    const latest = await v1<TaskBody>(ctx, owner, 'GET', `/set-designs/${setDesignId}/base-images/upload-task?subject_id=${subjectId}&organization_id=${organizationId}`);
    expect((await poll(latest.body.id, outsider)).status).toBe(404);
    expect((await v1(ctx, outsider, 'GET', `/set-designs/${setDesignId}/base-images/upload-task?subject_id=${subjectId}&organization_id=${otherOrganizationId}`)).status).toBe(404);
    const otherSubject = await createSubject(ctx, owner, organizationId, 'Nobody uploaded');
    expect(await v1(ctx, owner, 'GET', `/set-designs/${setDesignId}/base-images/upload-task?subject_id=${otherSubject}&organization_id=${organizationId}`)).toEqual({
      status: 404,
      body: { detail: 'Upload task not found' },
    });

    const noSubject = await ctx.app.inject({
      method: 'POST', url: `/api/v1/set-designs/${setDesignId}/base-images/upload?organization_id=${organizationId}`,
      headers: { ...multipartBody('file', 'a.zip', zip).headers, ...bearer(owner.token) }, payload: multipartBody('file', 'a.zip', zip).payload,
    });
    expect(noSubject.statusCode).toBe(422);
    expect(noSubject.json().detail[0]).toMatchObject({ type: 'missing', loc: ['query', 'subject_id'] });
    const wrongField = multipartBody('archive', 'a.zip', zip);
    const noFile = await ctx.app.inject({
      method: 'POST', url: `/api/v1/set-designs/${setDesignId}/base-images/upload?subject_id=${subjectId}&organization_id=${organizationId}`,
      headers: { ...wrongField.headers, ...bearer(owner.token) }, payload: wrongField.payload,
    });
    expect(noFile.statusCode).toBe(422);
    expect(noFile.json()).toEqual({ detail: [{ loc: ['body', 'file'], msg: 'Field required', type: 'missing' }] });
    const json = await v1(ctx, owner, 'POST', `/set-designs/${setDesignId}/base-images/upload?subject_id=${subjectId}&organization_id=${organizationId}`, { file: 'x' });
    expect(json.status).toBe(422);
    const anonymous = await ctx.app.inject({ method: 'GET', url: `/api/v1/set-designs/upload-tasks/${missing}` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('resumes a job left pending by a stopped server when a new server starts, and runs it once', async () => {
    const accepted = await upload(await zipOf([{ name: 'close_up.png', data: await noisyPng(32, 32, 7) }]));
    expect(ctx.deps.jobs.isStarted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await poll(accepted.body.id)).body.status).toBe('PENDING');

    // "Restart": another server process on the same database and storage, with its own worker.
    const handle = openDatabase(ctx.databaseUrl, { max: 4 });
    const deps = await createDeps(ctx.config, handle);
    const second = await buildApp(deps, { logger: false });
    await second.ready();
    try {
      deps.jobs.start();
      const done = await untilFinished(accepted.body.id);
      expect(done).toMatchObject({ status: 'COMPLETED', images_processed: 1 });
    } finally {
      await deps.jobs.stop();
      await second.close();
      await handle.close();
    }
    const jobs = await ctx.db.selectFrom('job').selectAll().where('queue', '=', 'set-design.base-images-zip').execute();
    const job = jobs.find((row) => (row.payload as { task_id?: string }).task_id === accepted.body.id);
    expect(job).toMatchObject({ state: 'completed', attempts: 1 });
    const audit = await ctx.db.selectFrom('audit_event').select('after').where('action', '=', 'upload-base-images').execute();
    expect(audit.filter((row) => (row.after as { task_id?: string }).task_id === accepted.body.id)).toHaveLength(1);
  });
});
