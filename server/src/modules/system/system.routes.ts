import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { ApiInfo, AppConfig, ServerStatus } from '../../../../packages/contracts/src/system.schema.ts';

/** API root (Gazu's version check and `host_is_up` HEAD), a health check for load balancers, the web app's config. */
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

  // The Kitsu web client reads this before anyone logs in; Rushes has no SAML, chat widget or indexer.
  app.get('/config', {
    config: { access: 'public' },
    schema: { tags: ['system'], summary: 'What the web app needs before login (SSO button, defaults)', security: [], response: { 200: AppConfig } },
  }, async () => ({
    is_self_hosted: true,
    crisp_token: '',
    dark_theme_by_default: false,
    indexer_configured: false,
    saml_enabled: false,
    saml_idp_name: '',
    default_locale: 'en_US',
    default_timezone: 'Europe/Paris',
    oidc_enabled: app.deps.config.oidc !== undefined,
    oidc_label: app.deps.config.oidc?.label ?? '',
  }));
};
