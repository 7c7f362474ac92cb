import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createPerson, createProject, personWithToken } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { BROWSER_UA, gazuLoginBody, postLogin } from '../../modules/auth/auth.test-support.ts';
import { API_CSP, API_DOCS_CSP, registerSecurityHeaders, WEB_APP_CSP } from './security-headers.ts';
import { registerWebApp } from './web-app.ts';

/** Finding 9: a real content security policy on the web app, and no token answer kept by any cache. */

const directives = (policy: string | undefined) => Object.fromEntries(
  String(policy).split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]),
);

describe('the web app policy', () => {
  let app: FastifyInstance;
  let dist: string;

  beforeAll(async () => {
    dist = await mkdtemp(path.join(os.tmpdir(), 'rushes-web-csp-'));
    await mkdir(path.join(dist, 'assets'));
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>Rushes</title><div id="app"></div>');
    await writeFile(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = Fastify();
    registerSecurityHeaders(app);
    await registerWebApp(app, dist);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('forbids inline and foreign scripts, plugins, base and form hijacks and foreign framing on /, index.html, assets and client routes', async () => {
    for (const url of ['/', '/index.html', '/assets/index-abc123.js', '/productions/42/shots']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      const policy = directives(res.headers['content-security-policy'] as string);
      expect(policy, url).toMatchObject({
        'default-src': "'self'", 'script-src': "'self'", 'object-src': "'none'", 'base-uri': "'self'",
        'form-action': "'self'", 'frame-ancestors': "'self'", 'img-src': "'self' data: blob:",
        'media-src': "'self' blob:", 'connect-src': "'self'",
      });
      expect(res.headers['content-security-policy'], url).toBe(WEB_APP_CSP);
      expect(WEB_APP_CSP).not.toMatch(/unsafe-(inline|eval)/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    }
    // The web app's own cache rules stay: fingerprinted assets for a year, index.html revalidated.
    expect((await app.inject({ url: '/assets/index-abc123.js' })).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ url: '/' })).headers['cache-control']).toBe('no-cache');
  });
});

describe('API answers', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => ctx.close());

  it('carry a policy that lets nothing run or frame them, successes and errors alike', async () => {
    const person = await personWithToken(ctx);
    for (const res of [
      await ctx.app.inject({ url: '/api/auth/authenticated', headers: bearer(person.token) }),
      await ctx.app.inject({ url: '/api/auth/authenticated' }),
      await ctx.app.inject({ url: '/api/no/such/route' }),
      await ctx.app.inject({ url: '/api/openapi.json' }),
    ]) {
      expect(res.headers['content-security-policy']).toBe(API_CSP);
      expect(directives(API_CSP)).toEqual({ 'default-src': "'none'", 'frame-ancestors': "'none'" });
    }
  });

  it('gives the Swagger UI its own policy: its scripts from itself, no foreign framing', async () => {
    const page = await ctx.app.inject({ url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toBe(API_DOCS_CSP);
    expect(directives(API_DOCS_CSP)).toMatchObject({ 'script-src': "'self'", 'object-src': "'none'", 'frame-ancestors': "'self'" });
    // Its page holds no inline script that the policy would block.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('sends no HSTS over plain HTTP', async () => {
    expect((await ctx.app.inject({ url: '/api/no/such/route' })).headers['strict-transport-security']).toBeUndefined();
  });
});

describe('Cache-Control', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => ctx.close());

  it('is no-store on logins, for scripts and browsers, and on failed logins', async () => {
    const person = await createPerson(ctx);
    for (const userAgent of [undefined, BROWSER_UA]) {
      const res = await postLogin(ctx, gazuLoginBody(person.email), userAgent ? { userAgent } : {});
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const failed = await postLogin(ctx, gazuLoginBody(person.email, 'wrong-password'));
    expect(failed.statusCode).toBe(400);
    expect(failed.headers['cache-control']).toBe('no-store');
  });

  it('is no-store on a refreshed token', async () => {
    const person = await createPerson(ctx);
    const { refresh_token } = (await postLogin(ctx, gazuLoginBody(person.email))).json<{ refresh_token: string }>();
    const res = await ctx.app.inject({ url: '/api/auth/refresh-token', headers: bearer(refresh_token) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveProperty('access_token');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('is no-store on the persons answers that carry an access_token (a new bot, an expiration_date update)', async () => {
    const admin = await personWithToken(ctx, 'admin');
    const created = await ctx.app.inject({
      method: 'POST', url: '/api/data/persons', headers: bearer(admin.token),
      payload: { first_name: 'Render', last_name: '', email: `bot-${Date.now()}@studio.test`, role: 'user', is_bot: true },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toHaveProperty('access_token');
    expect(created.headers['cache-control']).toBe('no-store');
    const renewed = await ctx.app.inject({
      method: 'PUT', url: `/api/data/persons/${created.json<{ id: string }>().id}`, headers: bearer(admin.token),
      payload: { expiration_date: null },
    });
    expect(renewed.statusCode).toBe(200);
    expect(renewed.json()).toHaveProperty('access_token');
    expect(renewed.headers['cache-control']).toBe('no-store');
  });

  it('is no-store on the 2FA set-up answer (a TOTP secret)', async () => {
    const person = await personWithToken(ctx);
    const res = await ctx.app.inject({ method: 'PUT', url: '/api/auth/totp', headers: bearer(person.token) });
    // The 2FA routes are being added alongside; whatever they answer under /api/auth, no cache keeps it.
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('defaults to no-store on other API answers, and keeps the ETag revalidation of the production tables', async () => {
    const admin = await personWithToken(ctx, 'admin');
    const project = await createProject(ctx);
    const list = await ctx.app.inject({ url: '/api/data/projects', headers: bearer(admin.token) });
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toBe('no-store');
    expect((await ctx.app.inject({ url: '/api/data/projects' })).headers['cache-control']).toBe('no-store');

    const table = await ctx.app.inject({ url: `/api/data/shots/with-tasks?project_id=${project.id}`, headers: bearer(admin.token) });
    expect(table.statusCode).toBe(200);
    expect(table.headers['cache-control']).toBe('private, no-cache');
    const etag = String(table.headers.etag);
    const again = await ctx.app.inject({ url: `/api/data/shots/with-tasks?project_id=${project.id}`, headers: { ...bearer(admin.token), 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.headers['cache-control']).toBe('private, no-cache');
  });
});
