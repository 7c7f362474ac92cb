import { ROLES, type Role } from './auth/actor.ts';

/** Single sign-on through an OpenID Connect provider (RUSHES_OIDC_*); unset = the SSO routes answer 404. */
export interface OidcConfig {
  /** The provider's issuer URL; its /.well-known/openid-configuration is read on first use. */
  issuer: string;
  clientId: string;
  /** Unset for a public client (PKCE only). */
  clientSecret: string | undefined;
  /** Where the provider sends the browser back: `<public URL>/api/auth/oidc/callback` unless set. */
  redirectUrl: string;
  /** Creates a person on the first sign-in of an unknown e-mail (off: only existing people may sign in). */
  autoProvision: boolean;
  /** The role of people created by auto-provisioning. */
  defaultRole: Exclude<Role, 'admin'>;
  /** The login page's button text. */
  label: string;
}

const CALLBACK_PATH = 'api/auth/oidc/callback';

function httpUrl(name: string, raw: string): URL {
  const parsed = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) throw new Error(`${name} must be an http(s) URL, got "${raw}"`);
  return parsed;
}

/**
 * Reads RUSHES_OIDC_*. Nothing set means SSO is off; an issuer without a client id or without a way
 * to build the redirect URL is a start-up error, so a half-done setup never reaches users.
 */
export function oidcFromEnv(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const issuer = env.RUSHES_OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  httpUrl('RUSHES_OIDC_ISSUER', issuer);
  const clientId = env.RUSHES_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new Error('RUSHES_OIDC_CLIENT_ID must be set when RUSHES_OIDC_ISSUER is');

  const explicit = env.RUSHES_OIDC_REDIRECT_URL?.trim();
  const publicUrl = env.RUSHES_PUBLIC_URL?.trim();
  if (!explicit && !publicUrl) throw new Error('RUSHES_OIDC_REDIRECT_URL (or RUSHES_PUBLIC_URL) must be set when RUSHES_OIDC_ISSUER is');
  const redirectUrl = explicit
    ? httpUrl('RUSHES_OIDC_REDIRECT_URL', explicit).href
    : new URL(CALLBACK_PATH, `${httpUrl('RUSHES_PUBLIC_URL', publicUrl!).href.replace(/\/*$/, '')}/`).href;

  const role = (env.RUSHES_OIDC_DEFAULT_ROLE?.trim() || 'user').toLowerCase();
  // Admin is refused: with auto-provisioning, every account of the provider's directory would become one.
  if (!(ROLES as readonly string[]).includes(role) || role === 'admin') {
    throw new Error(`RUSHES_OIDC_DEFAULT_ROLE must be one of ${ROLES.filter((r) => r !== 'admin').join(', ')}, got "${role}"`);
  }
  const provision = env.RUSHES_OIDC_AUTO_PROVISION?.trim().toLowerCase() ?? '';
  if (!['', 'true', 'false', '1', '0'].includes(provision)) throw new Error(`RUSHES_OIDC_AUTO_PROVISION must be true or false, got "${provision}"`);

  return {
    issuer,
    clientId,
    clientSecret: env.RUSHES_OIDC_CLIENT_SECRET || undefined,
    redirectUrl,
    autoProvision: provision === 'true' || provision === '1',
    defaultRole: role as Exclude<Role, 'admin'>,
    label: env.RUSHES_OIDC_LABEL?.trim() || 'Sign in with SSO',
  };
}
