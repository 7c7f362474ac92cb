import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

describe('API root and HTTP conventions', () => {
  it('answers GET /api/ with the API name and version, and HEAD on it', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ api: 'Rushes', version: ctx.config.version });
    const head = await ctx.app.inject({ method: 'HEAD', url: '/api' });
    expect(head.statusCode).toBe(200);
  });

  it('does not redirect trailing slashes', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/status/' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ database_up: true });
  });

  it('answers 404 with the Zou error shape for unknown routes', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/no/such/route' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: true, message: expect.stringMatching(/^404 Not Found/) });
  });

  it('answers 405 with an Allow header for a known path and the wrong method', async () => {
    const res = await ctx.app.inject({ method: 'DELETE', url: '/api/status' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toContain('GET');
    expect(res.json()).toMatchObject({ error: true });
  });

  it('answers 413 with a JSON message for a body over the limit, before authentication work', async () => {
    const payload = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(ctx.config.bodyLimit + 1) });
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: true, message: expect.stringContaining(String(ctx.config.bodyLimit)) });
  });

  it('never leaks a stack trace: malformed JSON is a 400 with a message', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: true, message: 'The request body is not valid JSON.', data: null });
  });

  it('sets the security headers on every response', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('serves an OpenAPI 3.1 document', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toBe('3.1.0');
    expect(res.json().paths['/api/status']).toBeDefined();
    const docs = await ctx.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });

});
