/** Cookies and cross-site checks (RUSHES_SECURE_COOKIES, RUSHES_ALLOWED_ORIGINS). */
export interface SecurityConfig {
  /**
   * `auto`: session cookies are Secure when the request came over HTTPS, as Fastify sees it — TLS served
   * by Rushes, or `X-Forwarded-Proto: https` from a proxy that RUSHES_TRUST_PROXY trusts. `true` forces
   * Secure (a proxy that sends no X-Forwarded-Proto), `false` never sets it.
   */
  secureCookies: 'auto' | boolean;
  /**
   * Origins, besides the request's own (and RUSHES_PUBLIC_URL's), whose pages may write with the
   * session cookies or log in: a front end served from another address, the Vite dev server.
   * Normalised by URL (`https://host`, default port dropped, lower case).
   */
  allowedOrigins: string[];
}

/** RUSHES_SECURE_COOKIES: auto (default), true or false; anything else is a start-up error. */
export function secureCookiesFromEnv(raw: string | undefined): 'auto' | boolean {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'auto') return 'auto';
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`RUSHES_SECURE_COOKIES must be auto, true or false, got "${raw}"`);
}

/** RUSHES_ALLOWED_ORIGINS: comma-separated http(s) origins, without path, query or fragment. */
export function allowedOriginsFromEnv(raw: string | undefined): string[] {
  const entries = (raw ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  return entries.map((entry) => {
    const parsed = URL.canParse(entry) ? new URL(entry) : undefined;
    // A path would suggest the origin check compares more than scheme, host and port; it does not.
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.pathname !== '/' || parsed.search || parsed.hash || parsed.username) {
      throw new Error(`RUSHES_ALLOWED_ORIGINS must list origins such as https://tracker.example or http://localhost:5173, got "${entry}"`);
    }
    return parsed.origin;
  });
}

export function securityFromEnv(env: NodeJS.ProcessEnv): SecurityConfig {
  return {
    secureCookies: secureCookiesFromEnv(env.RUSHES_SECURE_COOKIES),
    allowedOrigins: allowedOriginsFromEnv(env.RUSHES_ALLOWED_ORIGINS),
  };
}
