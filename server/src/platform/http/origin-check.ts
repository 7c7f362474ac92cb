import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '../../modules/auth/auth-cookies.ts';
import type { Config } from '../config.ts';
import { errors } from '../errors/index.ts';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `scheme://host[:port]` as URL normalises it (lower case, default port dropped); "null" when unparsable. */
function originOfUrl(value: string): string {
  return URL.canParse(value) ? new URL(value).origin : 'null';
}

/**
 * The web app's own origin as the browser sees it: scheme and host come from X-Forwarded-Proto and
 * X-Forwarded-Host only when RUSHES_TRUST_PROXY trusts the peer (Fastify's request.protocol/host).
 */
export function ownOriginOf(request: FastifyRequest): string {
  return originOfUrl(`${request.protocol}://${request.host}`);
}

/** Where the request was made from: Origin, else Referer's origin; undefined when the client sent neither. */
function sourceOriginOf(request: FastifyRequest): string | undefined {
  const { origin, referer } = request.headers;
  if (origin !== undefined) return originOfUrl(origin);
  if (referer !== undefined) return originOfUrl(referer);
  return undefined;
}

function allowedOrigins(config: Config): Set<string> {
  const allowed = new Set(config.security.allowedOrigins);
  if (config.mail.publicUrl) allowed.add(originOfUrl(config.mail.publicUrl));
  return allowed;
}

/**
 * Which requests a foreign page could forge with the victim's cookies: writes with a session cookie,
 * and writes without any credential (a login form posted from elsewhere plants the attacker's session:
 * login CSRF). A write that authenticates by Bearer only cannot be forged, so Gazu's calls pass as they
 * are. A few GETs that change state (`refuseCrossSite`) are checked when a session cookie comes with them.
 */
function isForgeable(request: FastifyRequest): boolean {
  const cookies = request.cookies ?? {};
  const withCookie = Boolean(cookies[ACCESS_COOKIE] || cookies[REFRESH_COOKIE]);
  if (WRITES.has(request.method)) return withCookie || !request.headers.authorization?.startsWith('Bearer ');
  return withCookie && request.routeOptions.config?.refuseCrossSite === true;
}

/**
 * Refuses cross-site writes (CSRF) and login CSRF with a 403, in one hook for every route. The source is
 * the Origin header, else the Referer; allowed are the request's own origin, RUSHES_PUBLIC_URL and
 * RUSHES_ALLOWED_ORIGINS. Without either header, Sec-Fetch-Site decides when the browser sent it; a
 * client that sends none of the three is not a browser page (scripts, Gazu) and passes.
 */
export function registerOriginCheck(app: FastifyInstance): void {
  const allowed = allowedOrigins(app.deps.config);
  // onRequest runs before the body is read and before the token is checked (registered ahead of it).
  app.addHook('onRequest', async (request) => {
    if (!isForgeable(request)) return;
    const source = sourceOriginOf(request);
    if (source !== undefined) {
      // "null" (sandboxed frames, data: URLs, opaque redirects) never matches, not even a request without Host.
      if (source !== 'null' && (source === ownOriginOf(request) || allowed.has(source))) return;
      // A proxy that rewrites Host or the scheme without RUSHES_TRUST_PROXY lands here: say what was compared.
      request.log.warn({ origin: source, ownOrigin: ownOriginOf(request) }, 'cross-site request refused (see RUSHES_TRUST_PROXY, RUSHES_ALLOWED_ORIGINS)');
      throw errors.crossSiteRequest();
    }
    const site = request.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') {
      request.log.warn({ secFetchSite: site }, 'cross-site request refused');
      throw errors.crossSiteRequest();
    }
  });
}
