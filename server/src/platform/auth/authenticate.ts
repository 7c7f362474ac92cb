import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { errors, AppError } from '../errors/index.ts';
import type { Actor, Role } from './actor.ts';
import { isOpenDuringTwoFactorSetup, mustSetUpTwoFactor } from './two-factor-gate.ts';

const ACCESS_COOKIE = 'access_token_cookie';

interface SessionRow {
  session_id: string;
  identity_type: Actor['identityType'];
  revoked: boolean;
  expired: boolean;
  person_id: string;
  role: Role;
  is_bot: boolean;
  active: boolean;
  email: string | null;
  full_name: string;
  department_ids: string[];
  has_two_factor: boolean;
  two_factor_required: boolean;
}

/** Cookies first, then the Bearer header (Zou's order): the browser uses cookies, scripts the header. */
function extractToken(request: FastifyRequest): string | undefined {
  const cookie = request.cookies?.[ACCESS_COOKIE];
  if (cookie) return cookie;
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return undefined;
}

/**
 * Resolves the caller of every non-public route: verifies the token, then loads its session and
 * person in one query, so that logout, password changes and deactivation take effect at once.
 */
export async function authenticate(app: FastifyInstance, request: FastifyRequest): Promise<Actor> {
  const token = extractToken(request);
  if (!token) throw errors.unauthorized('Missing JWT in cookies or headers');
  return authenticateToken(app, token);
}

/** The same check for a token that did not come with an HTTP request (the live events handshake). */
export async function authenticateToken(app: FastifyInstance, token: string): Promise<Actor> {
  const claims = await app.deps.tokens.verify(token, 'access');
  const result = await sql<SessionRow>`
    SELECT s.id AS session_id, s.identity_type, s.revoked_at IS NOT NULL AS revoked,
           coalesce(s.expires_at < utc_now(), false) AS expired,
           p.id AS person_id, p.role, p.is_bot, p.active, p.email,
           trim(p.first_name || ' ' || p.last_name) AS full_name,
           coalesce((SELECT array_agg(dl.department_id) FROM department_link dl WHERE dl.person_id = p.id), '{}') AS department_ids,
           EXISTS (SELECT 1 FROM person_two_factor tf WHERE tf.person_id = p.id AND tf.totp_secret IS NOT NULL) AS has_two_factor,
           coalesce((SELECT o.two_factor_authentication_required FROM organisation o ORDER BY o.created_at LIMIT 1), false) AS two_factor_required
      FROM auth_session s JOIN person p ON p.id = s.person_id
     WHERE s.id = ${claims.sid} AND p.id = ${claims.sub}`.execute(app.deps.db);
  const row = result.rows[0];
  if (!row || row.revoked) throw errors.tokenRevoked();
  if (row.expired) throw errors.tokenExpired();
  if (!row.active) {
    await app.deps.tokens.revokeSession(row.session_id);
    throw new AppError(401, 'inactive', 'User is unactive, he cannot log in.');
  }
  return {
    id: row.person_id,
    role: row.role,
    isBot: row.is_bot,
    identityType: row.identity_type,
    sessionId: row.session_id,
    departmentIds: row.department_ids,
    email: row.email,
    fullName: row.full_name,
    requiresTwoFactorSetup: mustSetUpTwoFactor(
      { identityType: row.identity_type, email: row.email, hasTwoFactor: row.has_two_factor, requiredByOrganisation: row.two_factor_required },
      app.deps.config.twoFactor,
    ),
  };
}

export function registerAuthentication(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    if (!url) return;
    // The API docs page (registered by @fastify/swagger-ui, which sets no access config) is public.
    const access = request.routeOptions.config?.access ?? (url.startsWith('/api/docs') ? 'public' : 'authenticated');
    if (access === 'public') return;
    request.actor = await authenticate(app, request);
    if (access === 'person' && request.actor.identityType !== 'person') throw errors.forbidden();
    if (request.actor.requiresTwoFactorSetup && !isOpenDuringTwoFactorSetup(url)) throw errors.twoFactorSetupRequired();
  });
}

/** The caller of an authenticated route (the hook guarantees one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw errors.unauthorized();
  return request.actor;
}
