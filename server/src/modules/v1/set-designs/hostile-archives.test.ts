import { randomBytes } from 'node:crypto';
import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../platform/config.ts';
import { createTestContext, type TestContext } from '../../../../../test/support/test-app.ts';
import { bearer, personWithToken } from '../../../../../test/support/factories.ts';
import { multipartBody, noisyPng, renameEntries, understateSizes, zipOf } from '../../../../../test/support/media-fixtures.ts';
import { createShotType, createSubject, v1, type Caller } from '../../../../../test/support/set-design-factories.ts';
import { waitFor } from '../../../../../test/support/wait.ts';

interface TaskBody { id: string; status: string; error_message: string | null; images_processed: number }

const KB = 1024;
let ctx: TestContext;
let owner: Caller;
let subjectId: string;
let setDesignId: string;
let goodPng: Buffer;

beforeAll(async () => {
  const uploads = loadConfig({}).uploads;
  ctx = await createTestContext({
    uploads: { ...uploads, fetchAllowPrivateNetworks: true, maxZipBytes: 200 * KB, maxZipEntries: 20, maxZipUncompressedBytes: 1024 * KB, maxImageBytes: 512 * KB },
  });
  ctx.deps.jobs.start();
  owner = await personWithToken(ctx);
  subjectId = await createSubject(ctx, owner);
  await createShotType(ctx, owner, 'front_full_body');
  await createShotType(ctx, owner, 'evil');
  setDesignId = (await v1<{ id: string }>(ctx, owner, 'POST', '/set-designs/', { name: 'Target' })).body.id;
  goodPng = await noisyPng(40, 40, 3);
});
afterAll(async () => {
  await ctx.close();
});

async function upload(zip: Buffer) {
  const { payload, headers } = multipartBody('file', 'images.zip', zip);
  const res = await ctx.app.inject({
    method: 'POST', url: `/api/v1/set-designs/${setDesignId}/base-images/upload?subject_id=${subjectId}`, headers: { ...headers, ...bearer(owner.token) }, payload,
  });
  return { status: res.statusCode, body: res.json() as TaskBody };
}

async function refusedWith(zip: Buffer, message: RegExp): Promise<void> {
  const accepted = await upload(zip);
  expect(accepted.status).toBe(200);
  const done = await waitFor(async () => {
    const task = (await v1<TaskBody>(ctx, owner, 'GET', `/set-designs/upload-tasks/${accepted.body.id}`)).body;
    return task.status === 'COMPLETED' || task.status === 'FAILED' ? task : undefined;
  }, { timeoutMs: 20_000, what: 'the hostile archive task to finish' });
  expect(done.status).toBe('FAILED');
  expect(done.error_message).toMatch(message);
  // Nothing changed in the set design, nothing stays of the archive, nothing was written elsewhere.
  const design = await v1<{ base_images: unknown[] }>(ctx, owner, 'GET', `/set-designs/${setDesignId}`);
  expect(design.body.base_images).toEqual([]);
  expect(await readdir(path.join(ctx.config.dataDir, 'files', 'uploads', 'set-design-zips'))).toEqual([]);
  expect((await readdir(ctx.config.dataDir)).sort()).toEqual(['files']);
  for (const outside of [path.resolve(ctx.config.dataDir, '..', 'evil.png'), path.resolve(ctx.config.dataDir, 'files', '..', 'evil.png'), '/etc/evil.png']) {
    await expect(access(outside)).rejects.toThrow();
  }
}

describe('hostile ZIP archives are refused without harm', () => {
  it('refuses an entry that climbs out of the archive (zip slip)', async () => {
    const zip = await zipOf([{ name: 'front_full_body.png', data: goodPng }, { name: 'xx/evil.png', data: goodPng }]);
    await refusedWith(renameEntries(zip, 'xx/evil.png', '../evil.png'), /"\.\.\/evil\.png" points outside the archive/);
  });

  it('refuses an absolute path', async () => {
    const zip = await zipOf([{ name: 'zetc/evil.png', data: goodPng }]);
    await refusedWith(renameEntries(zip, 'zetc/evil.png', '/etc/evil.png'), /"\/etc\/evil\.png" has an absolute path/);
  });

  it('refuses a symbolic link', async () => {
    const zip = await zipOf([{ name: 'front_full_body.png', data: Buffer.from('/etc/passwd'), mode: 0o120777 }]);
    await refusedWith(zip, /"front_full_body\.png" is a symbolic link/);
  });

  it('refuses an archive whose declared inflated size is too large (zip bomb)', async () => {
    const zip = await zipOf([{ name: 'front_full_body.png', data: Buffer.alloc(2048 * KB) }]);
    expect(zip.length).toBeLessThan(20 * KB);
    await refusedWith(zip, /more than the 1048576 bytes allowed once inflated \(zip bomb\)/);
  });

  it('refuses an entry that inflates past the size it declares (zip bomb lying in its headers)', async () => {
    const zip = await zipOf([{ name: 'front_full_body.png', data: Buffer.alloc(2048 * KB) }]);
    await refusedWith(understateSizes(zip, 100), /zip bomb/);
  });

  it('refuses an archive with too many entries', async () => {
    const items = Array.from({ length: 25 }, (_, i) => ({ name: `note-${i}.txt`, data: Buffer.from(String(i)) }));
    await refusedWith(await zipOf(items), /25 entries, more than the 20 allowed/);
  });

  it('refuses text behind an image name', async () => {
    const zip = await zipOf([{ name: 'evil.png', data: goodPng }, { name: 'front_full_body.png', data: Buffer.from('#!/bin/sh\necho not an image\n') }]);
    await refusedWith(zip, /"front_full_body\.png" is not a valid image/);
  });

  it('refuses a file that is not a ZIP at all', async () => {
    await refusedWith(randomBytes(4 * KB), /not a readable ZIP archive/);
  });

  it('refuses an oversized upload with 413 and keeps nothing', async () => {
    const tooBig = await zipOf([{ name: 'front_full_body.png', data: randomBytes(300 * KB), compress: false }]);
    const before = await ctx.db.selectFrom('set_design_upload_task').select('id').execute();
    const res = await upload(tooBig);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ detail: `The uploaded file is larger than the ${200 * KB} bytes allowed.` });
    expect(await ctx.db.selectFrom('set_design_upload_task').select('id').execute()).toHaveLength(before.length);
    expect(await readdir(path.join(ctx.config.dataDir, 'files', 'uploads', 'set-design-zips'))).toEqual([]);
    expect(await readdir(path.join(ctx.config.dataDir, 'files', '.tmp'))).toEqual([]);
  });
});
