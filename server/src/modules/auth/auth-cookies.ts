import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.ts';

export const ACCESS_COOKIE = 'access_token_cookie';
export const REFRESH_COOKIE = 'refresh_token_cookie';
/** The refresh cookie only travels to the refresh route, so a stolen page request never carries it. */
const REFRESH_COOKIE_PATH = '/api/auth/refresh-token';

// Every desktop and mobile browser announces itself as Mozilla/5.0 and most add one of the engine
// tokens; Gazu ("CGWire Gazu x.y"), python-requests and curl never do, so scripts get JSON tokens only.
const BROWSER_UA = /\b(?:Mozilla|Chrome|Chromium|Safari|Firefox|Edge?|EdgA|EdgiOS|OPR|Opera|Vivaldi|Brave)\/\d/;

/** Zou only sets cookies for user agents that parse as a known browser (§1.1). */
export function isBrowser(request: FastifyRequest): boolean {
  return BROWSER_UA.test(request.headers['user-agent'] ?? '');
}

/**
 * Secure when the browser reached us over HTTPS (RUSHES_SECURE_COOKIES=auto): request.protocol is
 * "https" for TLS served by this process, and behind a TLS-terminating proxy when RUSHES_TRUST_PROXY
 * trusts that proxy's X-Forwarded-Proto (an untrusted peer's header is ignored). A Secure cookie set
 * over plain HTTP would never come back, so `auto` never guesses.
 */
export function secureCookies(request: FastifyRequest): boolean {
  const setting = request.server.deps.config.security.secureCookies;
  return setting === 'auto' ? request.protocol === 'https' : setting;
}

function baseOptions(request: FastifyRequest) {
  return { httpOnly: true, sameSite: 'lax', secure: secureCookies(request) } as const;
}

/**
 * Persistent cookies living as long as the session: an access cookie that outlives its short token
 * makes the server answer "Signature has expired", which is what tells the web app to refresh.
 */
export function setAccessCookie(request: FastifyRequest, reply: FastifyReply, token: string, config: Config): void {
  void reply.setCookie(ACCESS_COOKIE, token, { ...baseOptions(request), path: '/', maxAge: config.refreshTokenTtl });
}

export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  tokens: { access_token: string; refresh_token: string },
  config: Config,
): void {
  setAccessCookie(request, reply, tokens.access_token, config);
  void reply.setCookie(REFRESH_COOKIE, tokens.refresh_token, {
    ...baseOptions(request),
    path: REFRESH_COOKIE_PATH,
    maxAge: config.refreshTokenTtl,
  });
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(ACCESS_COOKIE, { ...baseOptions(request), path: '/' });
  void reply.clearCookie(REFRESH_COOKIE, { ...baseOptions(request), path: REFRESH_COOKIE_PATH });
}

/** The refresh token: cookie first, then the Bearer header (Zou's lookup order). */
export function refreshTokenOf(request: FastifyRequest): string | undefined {
  const cookie = request.cookies[REFRESH_COOKIE];
  if (cookie) return cookie;
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** Where the login came from, as login_log and the session record it. */
export const originOf = (request: FastifyRequest): 'web' | 'script' => (isBrowser(request) ? 'web' : 'script');
