import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import addFormats from 'ajv-formats';

// ajv-formats is CommonJS; its typings don't line up with Fastify's plugin signature under NodeNext.
const formatsPlugin = addFormats as never;
import { registerAuthentication } from '../auth/authenticate.ts';
import { registerCompression } from './compression.ts';
import { registerErrorHandler } from './error-handler.ts';
import { registerInputBoundary } from './input-boundary.ts';
import { registerNotFoundAndMethodNotAllowed } from './method-not-allowed.ts';
import { registerOriginCheck } from './origin-check.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerWebApp } from './web-app.ts';
import { registerLiveEvents } from '../live/live-server.ts';
import { registerModules } from '../../modules/index.ts';
import type { AppDeps } from './types.ts';

export type App = FastifyInstance;

export interface BuildAppOptions {
  logger?: boolean | { level: string };
}

/** Builds the Rushes HTTP application: the API under /api, its OpenAPI document and the web app. */
export async function buildApp(deps: AppDeps, options: BuildAppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? { level: deps.config.logLevel },
    bodyLimit: deps.config.bodyLimit,
    // request.ip (login throttle, login log) is the proxy's address unless its X-Forwarded-For is trusted.
    trustProxy: deps.config.trustProxy,
    genReqId: () => randomUUID(),
    // Registering the modules compiles a few hundred route schemas: on a busy two-core machine that
    // passed Fastify's 10 s default once ("Plugin did not start in time: registerModules").
    pluginTimeout: 60_000,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 500 },
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
      plugins: [formatsPlugin],
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);
  registerNotFoundAndMethodNotAllowed(app);
  registerErrorHandler(app);
  registerInputBoundary(app);
  registerSecurityHeaders(app);
  await app.register(cookie);
  // Before any route: the plugin hooks each route as it is added.
  await registerCompression(app);
  // After the cookie parser (it tells a cookie session from a Bearer call), before any token check.
  registerOriginCheck(app);
  registerAuthentication(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rushes API',
        version: deps.config.version,
        description: 'Production tracking API, compatible with Zou (Kitsu) and its Gazu client.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          cookieAuth: { type: 'apiKey', in: 'cookie', name: 'access_token_cookie' },
        },
      },
      security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  await app.register(registerModules, { prefix: '/api' });
  await registerWebApp(app);
  await registerLiveEvents(app);
  return app;
}
