import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../platform/config.ts';
import { createTestContext, type TestContext } from '../../../../../test/support/test-app.ts';
import { bearer, personWithToken } from '../../../../../test/support/factories.ts';
import { jpegImage, multipartBody, noisyPng } from '../../../../../test/support/media-fixtures.ts';
import { createShotType, createSubject, v1, type Caller } from '../../../../../test/support/set-design-factories.ts';

interface MediaBody {
  id: string; url: string; thumbnail_url: string; width: number; height: number; aspect_ratio: number; orientation: string;
  extension: string; file_size: number; content_hash: string; dominant_color: string; resource_type: string; alt_text: string | null; protected: boolean;
}

let ctx: TestContext;
let person: Caller;
let other: Caller;

beforeAll(async () => {
  ctx = await createTestContext({ uploads: { ...loadConfig({}).uploads, fetchAllowPrivateNetworks: true, maxImageBytes: 256 * 1024 } });
  [person, other] = await Promise.all([personWithToken(ctx), personWithToken(ctx)]);
});
afterAll(async () => {
  await ctx.close();
});

async function uploadFile(caller: Caller, data: Buffer, options: { field?: string; query?: string; type?: string } = {}) {
  const { payload, headers } = multipartBody(options.field ?? 'file', 'photo.bin', data, options.type ?? 'application/octet-stream');
  const res = await ctx.app.inject({ method: 'POST', url: `/api/v1/media${options.query ?? ''}`, headers: { ...headers, ...bearer(caller.token) }, payload });
  return { status: res.statusCode, body: res.json() as MediaBody };
}

const get = (caller: Caller, url: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'GET', url, headers: { ...bearer(caller.token), ...headers } });

describe('media resources', () => {
  it('stores an uploaded image with its measures, whatever the file name or declared type say', async () => {
    const jpeg = await jpegImage(400, 300, '#20a040');
    const res = await uploadFile(person, jpeg, { query: '?alt_text=Green%20wall' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      width: 400, height: 300, aspect_ratio: 1.3333, orientation: 'landscape', extension: 'jpg', file_size: jpeg.length,
      resource_type: 'image', alt_text: 'Green wall', protected: false, url: `/api/v1/media/${res.body.id}/file`,
    });
    expect(res.body.content_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.dominant_color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('stores the same bytes once, for everyone', async () => {
    const png = await noisyPng(30, 60, 11);
    const first = await uploadFile(person, png);
    const second = await uploadFile(other, png);
    expect(second.body.id).toBe(first.body.id);
    expect(first.body).toMatchObject({ orientation: 'portrait', extension: 'png' });
    const rows = await ctx.db.selectFrom('media_resource').select('id').where('content_hash', '=', first.body.content_hash).execute();
    expect(rows).toHaveLength(1);
    // The unique index, not only the lookup, guarantees it.
    await expect(ctx.db.insertInto('media_resource').values({
      storage_key: 'media/x/original.png', content_hash: first.body.content_hash, mime_type: 'image/png', extension: 'png', file_size: 1,
    }).execute()).rejects.toThrow(/media_resource_content_hash_key/);
  });

  it('serves the bytes and the thumbnail with safe headers', async () => {
    const png = await jpegImage(1600, 800, '#884422');
    const media = (await uploadFile(person, png)).body;
    expect((await get(other, `/api/v1/media/${media.id}`)).json()).toMatchObject({ id: media.id, width: 1600 });
    const file = await get(other, media.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['content-disposition']).toBe(`inline; filename="${media.id}.jpg"`);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-security-policy']).toContain('sandbox');
    expect(Number(file.headers['content-length'])).toBe(png.length);
    expect(file.rawPayload.equals(png)).toBe(true);
    const cached = await get(other, media.url, { 'if-none-match': String(file.headers.etag) });
    expect(cached.statusCode).toBe(304);
    const thumbnail = await get(other, media.thumbnail_url);
    expect(thumbnail.headers['content-type']).toBe('image/webp');
    expect(await sharp(thumbnail.rawPayload).metadata()).toMatchObject({ format: 'webp', width: 320, height: 160 });
  });

  it('can be named by id in a set design image (MediaInput.media_resource_id)', async () => {
    const media = (await uploadFile(person, await noisyPng(20, 20, 13))).body;
    const subject = await createSubject(ctx, person);
    const shot = await createShotType(ctx, person, 'front');
    const design = await v1<{ base_images: Array<{ image_media: { id: string } }> }>(ctx, person, 'POST', '/set-designs/', {
      name: 'By id', base_images: [{ subject_id: subject, shot_type_id: shot, image: { media_resource_id: media.id } }],
    });
    expect(design.body.base_images[0].image_media.id).toBe(media.id);
  });

  it('refuses what is not an image (422), too large (413), or without a file (422)', async () => {
    const text = await uploadFile(person, Buffer.from('<svg onload="alert(1)"></svg>'), { type: 'image/png' });
    expect(text.status).toBe(422);
    expect(text.body).toMatchObject({ detail: [{ loc: ['body', 'file'], type: 'image_invalid' }] });
    const big = await uploadFile(person, await noisyPng(400, 400, 14));
    expect(big.status).toBe(413);
    expect(big.body).toEqual({ detail: `The uploaded file is larger than the ${256 * 1024} bytes allowed.` });
    const noFile = await uploadFile(person, Buffer.from('x'), { field: 'other' });
    expect(noFile).toMatchObject({ status: 422, body: { detail: [{ loc: ['body', 'file'], type: 'missing' }] } });
  });

  it('answers 404 for unknown media, 422 for malformed ids, 401 without a token', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const url of [`/api/v1/media/${unknown}`, `/api/v1/media/${unknown}/file`, `/api/v1/media/${unknown}/thumbnail`]) {
      const res = await get(person, url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toEqual({ detail: 'Media resource not found' });
    }
    expect((await get(person, '/api/v1/media/nope')).statusCode).toBe(422);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/media/${unknown}` })).statusCode).toBe(401);
  });
});
