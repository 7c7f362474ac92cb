import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, taskStatusId } from '../../../../test/support/factories.ts';
import { pngImage } from '../../../../test/support/media-fixtures.ts';
import { gazuUpload } from '../../../../test/support/upload-fixtures.ts';
import { call, setupProduction } from '../../modules/tasks/tasks.fixtures.ts';
import type { S3Config } from '../config.ts';
import { previewKeys } from './layout.ts';
import { S3Storage } from './s3-storage.ts';
import { StorageLimitError, StorageNotFoundError } from './storage.ts';

/**
 * The S3 storage against a real S3-compatible server (s3rver, from npm, on 127.0.0.1): objects, ranges,
 * limits, and a preview uploaded through the API with the app configured for S3.
 */

let server: S3rver;
let dir: string;
let s3: S3Config;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rushes-s3rver-'));
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'rushes-test', configs: [] }] });
  const { port } = await server.run();
  s3 = { endpoint: `http://127.0.0.1:${port}`, bucket: 'rushes-test', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('S3 storage', () => {
  it('stores, streams, ranges, stats and deletes objects', async () => {
    const storage = new S3Storage(s3);
    expect(await storage.put('media/abc/original.txt', Readable.from([Buffer.from('hello '), Buffer.from('world')]))).toEqual({ size: 11 });
    expect(await text(await storage.get('media/abc/original.txt'))).toBe('hello world');
    expect(await text(await storage.get('media/abc/original.txt', { start: 6, end: 11 }))).toBe('world');
    expect(await storage.stat('media/abc/original.txt')).toEqual({ size: 11 });
    await storage.delete('media/abc/original.txt');
    expect(await storage.exists('media/abc/original.txt')).toBe(false);
    await expect(storage.get('media/abc/original.txt')).rejects.toBeInstanceOf(StorageNotFoundError);

    // Past lib-storage's 5 MiB part size the upload goes multipart.
    const big = Buffer.alloc(6 * 1024 * 1024, 0x2a);
    expect(await storage.put('uploads/big.bin', Readable.from([big.subarray(0, 3_000_000), big.subarray(3_000_000)]))).toEqual({ size: big.length });
    const tail = await text(await storage.get('uploads/big.bin', { start: big.length - 4, end: big.length }));
    expect(tail).toBe('****');
    await storage.delete('uploads/big.bin');
  });

  it('refuses a stream past its limit and keeps no object', async () => {
    const storage = new S3Storage(s3);
    await expect(storage.put('uploads/too-big.bin', Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), { maxBytes: 1000 }))
      .rejects.toBeInstanceOf(StorageLimitError);
    expect(await storage.exists('uploads/too-big.bin')).toBe(false);
  });
});

describe('the API with S3 storage', () => {
  let ctx: TestContext;
  afterAll(async () => {
    await ctx?.close();
  });

  it('takes a preview upload into the bucket and serves its pictures back', async () => {
    ctx = await createTestContext({ s3 });
    const p = await setupProduction(ctx);
    const wip = await taskStatusId(ctx, 'wip');
    const comment = await call<{ id: string }>(ctx, p.artist, 'POST', `actions/tasks/${p.task.id}/comment`, { task_status_id: wip, comment: 'on S3' });
    const preview = await call<{ id: string }>(ctx, p.artist, 'POST', `actions/tasks/${p.task.id}/comments/${comment.body.id}/add-preview`, {});
    const upload = await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${preview.body.id}`, [{ name: 'frame.png', data: await pngImage(300, 200, '#0088ff') }]);
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ status: 'ready', width: 300, height: 200 });

    const bucket = new S3Storage(s3);
    expect(await bucket.exists(previewKeys(preview.body.id).thumbnail)).toBe(true);
    expect(await bucket.exists(previewKeys(preview.body.id).original)).toBe(true);
    const thumbnail = await ctx.app.inject({ method: 'GET', url: `/api/pictures/thumbnails/preview-files/${preview.body.id}.png`, headers: bearer(p.artist.token) });
    expect(thumbnail.statusCode).toBe(200);
    expect((await sharp(thumbnail.rawPayload).metadata()).width).toBe(150);
    const range = await ctx.app.inject({
      method: 'GET', url: `/api/pictures/originals/preview-files/${preview.body.id}.png`, headers: { ...bearer(p.artist.token), range: 'bytes=1-3' },
    });
    expect(range.statusCode).toBe(206);
    expect(range.body).toBe('PNG');
  });
});
