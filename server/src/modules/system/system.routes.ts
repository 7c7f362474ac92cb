import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { ApiInfo, ServerStatus } from '../../../../packages/contracts/src/system.schema.ts';

/** API root (Gazu's version check and `host_is_up` HEAD) and a health check for load balancers. */
export const systemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', {
    config: { access: 'public' },
    schema: { tags: ['system'], summary: 'API name and version', response: { 200: ApiInfo } },
  }, async () => ({ api: 'Rushes', version: app.deps.config.version }));

  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  app.get('/status', {
    config: { access: 'public' },
    schema: { tags: ['system'], summary: 'Health check: the server and its database answer', response: { 200: ServerStatus } },
  }, async () => {
    await sql`SELECT 1`.execute(app.deps.db);
    return { name: 'Rushes', version: app.deps.config.version, database_up: true };
  });
};
