import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAuthentication } from '../auth/authenticate.ts';
import { registerErrorHandler } from './error-handler.ts';
import { registerNotFoundAndMethodNotAllowed } from './method-not-allowed.ts';
import { registerWebApp } from './web-app.ts';

describe('web app', () => {
  let app: FastifyInstance;
  let dist: string;

  beforeAll(async () => {
    dist = await mkdtemp(path.join(os.tmpdir(), 'rushes-web-dist-'));
    await mkdir(path.join(dist, 'assets'));
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>Rushes</title><div id="app"></div>');
    await writeFile(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    await writeFile(path.join(dist, 'favicon.svg'), '<svg/>');
    app = Fastify();
    registerNotFoundAndMethodNotAllowed(app);
    registerErrorHandler(app);
    await app.register(cookie);
    registerAuthentication(app);
    app.get('/api/private', async () => ({ ok: true }));
    await registerWebApp(app, dist);
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('serves its files and the single-page fallback without a session, the API still needing one', async () => {
    for (const url of ['/', '/index.html', '/favicon.svg', '/assets/index-abc123.js', '/productions/42/shots', '/login?redirect=%2Fmy-tasks']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
    }
    expect((await app.inject({ url: '/productions/42/shots' })).body).toContain('<div id="app">');
    expect((await app.inject({ url: '/api/private' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/nothing-here' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/assets/index-old.js' })).statusCode).toBe(404);
  });

  it('leaves unknown API routes a 404 and a wrong method a 405, the catch-all notwithstanding', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/no/such/route' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: '/api/no/such/route' })).statusCode).toBe(404);
    const wrongMethod = await app.inject({ method: 'DELETE', url: '/api/private' });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, HEAD');
  });

  it('caches fingerprinted assets for a year and makes index.html revalidate', async () => {
    expect((await app.inject({ url: '/assets/index-abc123.js' })).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ url: '/' })).headers['cache-control']).toBe('no-cache');
    expect((await app.inject({ url: '/productions/42' })).headers['cache-control']).toBe('no-cache');
  });
});
