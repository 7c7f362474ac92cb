import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import type { TokenService } from '../auth/token-service.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Storage } from '../storage/index.ts';
import type { JobQueue } from '../jobs/index.ts';
import type { Mailer } from '../mail/index.ts';

/** What every route module gets: configuration and the shared services. */
export interface AppDeps {
  config: Config;
  db: Database;
  tokens: TokenService;
  events: EventBus;
  /** Uploaded and generated files: local directory or S3-compatible bucket. */
  storage: Storage;
  /** Durable background jobs; the worker runs in `rushes serve` and, on demand, in tests. */
  jobs: JobQueue;
  /** Outgoing mail (RUSHES_SMTP_URL) and the background work that prepares it. */
  mailer: Mailer;
  /** The database's connection string, for the live events' LISTEN connection (none: this process only). */
  listenUrl?: string;
}

/**
 * Route access levels. `authenticated` (the default) accepts any valid token, bots included;
 * `person` refuses bots and API tokens (§1.4: person-only routes); `public` needs no token.
 */
export type RouteAccess = 'public' | 'authenticated' | 'person';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; set by the authenticate hook on every non-public route. */
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Zou model name used in "'x' is an invalid keyword argument for <Model>" errors. */
    modelName?: string;
    /**
     * Checks the caller's origin on this GET as on a write (origin-check.ts): for a GET that changes
     * state and must keep working for Zou's clients, such as `GET auth/logout`.
     */
    refuseCrossSite?: boolean;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}
