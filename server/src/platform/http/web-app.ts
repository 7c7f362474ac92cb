import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rushes</title></head>
<body style="font-family: system-ui, sans-serif; margin: 4rem;">
<h1>Rushes</h1>
<p>The Rushes server is running. The API answers under <a href="/api/">/api/</a>;
its documentation is at <a href="/api/docs">/api/docs</a>.</p>
</body></html>`;

/** Serves the built web app at / (with a placeholder page until it is built). */
export async function registerWebApp(app: FastifyInstance): Promise<void> {
  if (existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      prefix: '/',
      wildcard: false,
      setHeaders(res, filePath) {
        // Vite fingerprints assets: cache them for a year; index.html must always revalidate.
        res.setHeader('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
      decorateReply: true,
    });
    // Client-side routes of the single-page app fall back to index.html; unknown API paths stay 404.
    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) =>
      request.url.startsWith('/api') ? reply.callNotFound() : reply.sendFile('index.html'),
    );
    return;
  }
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, (_request, reply) => reply.type('text/html').send(PLACEHOLDER));
}
