import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

// No inline style: the web app's CSP (security-headers.ts) applies to this page too.
const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rushes</title></head>
<body>
<h1>Rushes</h1>
<p>The Rushes server is running. The API answers under <a href="/api/">/api/</a>;
its documentation is at <a href="/api/docs">/api/docs</a>.</p>
</body></html>`;

/**
 * Serves the built web app at / (with a placeholder page until it is built). Its files and the
 * single-page fallback are public: the app itself asks for a session through the API.
 */
export async function registerWebApp(app: FastifyInstance, webDist: string = WEB_DIST): Promise<void> {
  if (existsSync(path.join(webDist, 'index.html'))) {
    await app.register(async (web) => {
      // @fastify/static takes no route config: mark its routes (and the fallback) public here.
      web.addHook('onRoute', (route) => {
        route.config = { ...(route.config as object), access: 'public' } as typeof route.config;
      });
      await web.register(fastifyStatic, {
        root: webDist,
        prefix: '/',
        wildcard: false,
        // Our own Cache-Control below; @fastify/send's default ("public, max-age=0") would replace it.
        cacheControl: false,
        setHeaders(res, filePath) {
          // Vite fingerprints assets: cache them for a year; index.html must always revalidate.
          res.setHeader('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
        decorateReply: true,
      });
      // Client-side routes of the single-page app fall back to index.html; unknown API paths stay 404,
      // and so do unknown assets (a bundle built after start-up is served after a restart).
      web.get('/*', { schema: { hide: true } }, (request, reply) =>
        request.url.startsWith('/api') || request.url.startsWith('/assets/') ? reply.callNotFound() : reply.sendFile('index.html'),
      );
    });
    return;
  }
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, (_request, reply) => reply.type('text/html').send(PLACEHOLDER));
}
