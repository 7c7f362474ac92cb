import FindMyWay from 'find-my-way';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '../errors/index.ts';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * Fastify answers 404 for a known path called with the wrong method. A shadow router holding every
 * registered path tells the two apart, so the not-found handler can answer 405 with an Allow header.
 */
export function registerNotFoundAndMethodNotAllowed(app: FastifyInstance): void {
  const shadow = FindMyWay({ ignoreTrailingSlash: true, ignoreDuplicateSlashes: true });
  app.addHook('onRoute', (route) => {
    // The web app's catch-all (`GET /*`, web-app.ts) answers every path: it must not make every path
    // look known, or an unknown API route would get 405 instead of 404.
    if (route.url === '/*') return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (!(METHODS as readonly string[]).includes(method)) continue;
      try {
        shadow.on(method as (typeof METHODS)[number], route.url, () => undefined);
      } catch {
        // Already known (the same path registered under two prefixes): nothing to add.
      }
    }
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = METHODS.filter((method) => shadow.find(method, path) !== null);
    const error = allowed.length > 0 ? errors.methodNotAllowed() : errors.notFound();
    if (allowed.length > 0) void reply.header('allow', allowed.join(', '));
    void reply.status(error.status).send(error.toBody());
  });
}
