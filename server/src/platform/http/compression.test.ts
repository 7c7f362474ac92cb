import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createProject, personWithToken } from '../../../../test/support/factories.ts';

let ctx: TestContext;
let token: string;

beforeAll(async () => {
  ctx = await createTestContext();
  token = (await personWithToken(ctx, 'admin')).token;
  for (let i = 0; i < 8; i += 1) await createProject(ctx);
});
afterAll(async () => {
  await ctx?.close();
});

const get = (url: string, acceptEncoding?: string) =>
  ctx.app.inject({ method: 'GET', url, headers: { ...bearer(token), ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) } });

describe('compressed answers', () => {
  it('compresses JSON over 1 KB with brotli or gzip as Accept-Encoding asks, and not without it', async () => {
    const plain = await get('/api/data/projects');
    expect(plain.rawPayload.byteLength).toBeGreaterThan(1024);
    expect(plain.headers['content-encoding']).toBeUndefined();

    const br = await get('/api/data/projects', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
    expect(br.rawPayload.byteLength).toBeLessThan(plain.rawPayload.byteLength / 2);

    const gzip = await get('/api/data/projects', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual(plain.json());

    expect((await get('/api/data/projects', 'identity')).headers['content-encoding']).toBeUndefined();
  });

  it('leaves answers under 1 KB as they are', async () => {
    const small = await get('/api/data/projects/00000000-0000-4000-8000-000000000000', 'br, gzip');
    expect(small.statusCode).toBe(404);
    expect(small.rawPayload.byteLength).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toMatchObject({ error: true });
  });

  it('refuses a compressed request body with 415 and a JSON message (bodies are read as sent)', async () => {
    const res = await ctx.app.inject({
      method: 'POST', url: '/api/data/projects',
      headers: { ...bearer(token), 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: gzipSync(JSON.stringify({ name: 'Zipped' })),
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ error: true, message: expect.stringMatching(/gzip/) });
  });
});
