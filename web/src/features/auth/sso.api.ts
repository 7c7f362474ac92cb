import type { AppConfig } from '@contracts/system.schema.ts';
import { apiUrl, http } from '@/lib/http';

export type ServerConfig = AppConfig;

/** Public settings the login page needs before anyone is signed in (is single sign-on on, its button text). */
export const fetchServerConfig = () => http.get<ServerConfig>('/config');

/**
 * Where the "Sign in with …" button goes: a full-page navigation, not a fetch, since the server answers
 * with a redirect to the identity provider. `next` is the page to open once signed in.
 */
export const ssoLoginUrl = (next: string) => apiUrl('/auth/oidc/login', { next });
