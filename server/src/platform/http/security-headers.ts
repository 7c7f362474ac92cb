import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The web app's policy. Vite's build has no inline script or style element, and Vue sets `:style`
 * bindings through the CSSOM, which CSP does not govern. Thumbnails and previews come from /api (self),
 * data: and blob: URLs (canvas snapshots, local files before upload); the event stream and the API are
 * same-origin.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
].join('; ');

/**
 * Swagger UI (/api/docs) loads its scripts from itself but sets inline styles and data: images
 * (its SVG icons), so it gets a policy of its own instead of loosening the web app's.
 */
export const API_DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "connect-src 'self'",
].join('; ');

/**
 * API answers are data, never pages: nothing in one may run or load, nor may another page frame it.
 * Stored files served under /api replace it with their own sandboxing policy (file-download.ts,
 * media-stream.ts: their onSend hooks run after this one).
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

const isApi = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
const isApiDocs = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/') || url.startsWith('/api/docs?');
/** Logins, refreshes, 2FA set-up and recovery codes, SSO callbacks: every answer carries a token or a secret. */
const isAuth = (url: string) => url.startsWith('/api/auth/');

function policyOf(url: string): string {
  if (isApiDocs(url)) return API_DOCS_CSP;
  return isApi(url) ? API_CSP : WEB_APP_CSP;
}

/**
 * Cache-Control of API answers. Token answers (every /api/auth/* route, whatever it set) are
 * `no-store`: no disk cache, no back/forward cache, no shared proxy may keep them. Other API answers
 * hold one person's data, so they default to `no-store` too; routes that revalidate (the production
 * tables' ETag, file downloads) or stream exports set their own header, which is kept. The persons
 * routes that return an `access_token` (bot creation, `expiration_date` updates) set none: no-store.
 */
function setCacheControl(request: FastifyRequest, reply: FastifyReply): void {
  const url = request.url;
  if (!isApi(url) || isApiDocs(url)) return;
  if (isAuth(url) || !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
}

/** Zou's response headers (§8.9) on every response, a content security policy per kind of answer, and the cache rules above. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.headers({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'strict-origin-when-cross-origin',
    });
    if (!reply.hasHeader('content-security-policy')) void reply.header('content-security-policy', policyOf(request.url));
    // Only over HTTPS (TLS here, or a trusted proxy's X-Forwarded-Proto): over plain HTTP browsers ignore it.
    if (request.protocol === 'https') void reply.header('strict-transport-security', 'max-age=31536000');
    setCacheControl(request, reply);
    return payload;
  });
}
