import { createHash, timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import type { OidcCallbackQuery } from '../../../../packages/contracts/src/oidc.schema.ts';
import type { LoginTokens } from '../../platform/auth/token-service.ts';
import { errors } from '../../platform/errors/index.ts';
import type { OidcConfig } from '../../platform/oidc-config.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import type { ClientInfo } from './auth.service.ts';
import { isUnreachable, providerConfiguration } from './oidc-client.ts';
import { SsoLoginError } from './oidc.errors.ts';
import { insertLoginState, takeLoginState } from './oidc.repository.ts';
import { openSsoSession, type ProviderProfile } from './oidc-accounts.service.ts';

/** How long a sign-in may take at the provider before its state is refused. */
export const LOGIN_STATE_TTL_SECONDS = 600;
const SCOPE = 'openid email profile';
const DEFAULT_NEXT = '/';

const hashState = (state: string) => createHash('sha256').update(state).digest('hex');

/** The configured provider, or the catalogue's 404 when SSO is off (the routes then do not exist). */
export function oidcSettings(deps: AppDeps): OidcConfig {
  const oidc = deps.config.oidc;
  if (!oidc) throw errors.notFound();
  return oidc;
}

const hasControlCharacter = (value: string) => [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/**
 * Where to land after signing in: a path of this site only. Anything that a browser could read as
 * another origin (`//host`, `/\host`, a scheme, control characters) falls back to the home page.
 */
export function safeNextPath(raw: string | undefined): string {
  if (!raw || raw.length > 2000 || !raw.startsWith('/')) return DEFAULT_NEXT;
  if (raw.startsWith('//') || raw.includes('\\') || hasControlCharacter(raw)) return DEFAULT_NEXT;
  const resolved = new URL(raw, 'http://rushes.invalid');
  if (resolved.origin !== 'http://rushes.invalid' || resolved.pathname.startsWith('/login')) return DEFAULT_NEXT;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

/**
 * `GET auth/oidc/login`: a new sign-in with its own state, nonce and PKCE verifier (kept server-side,
 * the state also goes to the browser's cookie so the callback can tell it is the same browser).
 */
export async function startOidcLogin(deps: AppDeps, next: string | undefined): Promise<{ authorizationUrl: string; state: string }> {
  const oidc = oidcSettings(deps);
  const configuration = await providerConfiguration(oidc);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  await deps.db.transaction().execute((tx) =>
    insertLoginState(tx, { stateHash: hashState(state), nonce, codeVerifier, nextPath: safeNextPath(next), ttlSeconds: LOGIN_STATE_TTL_SECONDS }),
  );
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: oidc.redirectUrl,
    scope: SCOPE,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { authorizationUrl: url.href, state };
}

const sameState = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export interface OidcCallbackInput {
  query: OidcCallbackQuery;
  /** The query string as received, which openid-client reads the authorization response from. */
  search: string;
  /** The state this browser was given at login (cookie). */
  browserState: string | undefined;
  client: ClientInfo;
}

/**
 * `GET auth/oidc/callback`: checks that the response answers a sign-in this browser started (and that
 * nobody used before), exchanges the code, verifies the ID token (signature, issuer, audience, expiry,
 * nonce; PKCE at the token endpoint), then opens a browser session for the person it names.
 */
export async function completeOidcLogin(deps: AppDeps, input: OidcCallbackInput): Promise<{ tokens: LoginTokens; nextPath: string }> {
  const oidc = oidcSettings(deps);
  const { state } = input.query;
  if (!state || !input.browserState || !sameState(state, input.browserState)) throw new SsoLoginError('state_mismatch');
  const pending = await takeLoginState(deps.db, hashState(state));
  if (!pending) throw new SsoLoginError('state_mismatch');
  if (input.query.error) throw new SsoLoginError(input.query.error === 'access_denied' ? 'cancelled' : 'provider_error');

  const configuration = await providerConfiguration(oidc);
  const callbackUrl = new URL(oidc.redirectUrl);
  callbackUrl.search = input.search;
  const profile = await exchangeCode(configuration, callbackUrl, { state, nonce: pending.nonce, codeVerifier: pending.code_verifier });
  const tokens = await openSsoSession(deps, oidc, profile, input.client);
  return { tokens, nextPath: pending.next_path };
}

async function exchangeCode(
  configuration: client.Configuration,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<ProviderProfile> {
  try {
    const response = await client.authorizationCodeGrant(configuration, callbackUrl, {
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      pkceCodeVerifier: checks.codeVerifier,
      idTokenExpected: true,
    });
    const claims = response.claims()!;
    // Providers may keep e-mail and names out of the ID token for the code flow (OpenID Connect Core
    // §5.4): the userinfo endpoint has them then, checked to belong to the same subject.
    const details = typeof claims.email === 'string' ? claims : { ...claims, ...(await client.fetchUserInfo(configuration, response.access_token, claims.sub)) };
    return profileOf(configuration.serverMetadata().issuer, claims.sub, details);
  } catch (error) {
    if (error instanceof SsoLoginError) throw error;
    throw new SsoLoginError(isUnreachable(error) ? 'provider_unreachable' : 'invalid_response', error);
  }
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

function profileOf(issuer: string, subject: string, claims: Record<string, unknown>): ProviderProfile {
  const email = text(claims.email)?.toLowerCase();
  const name = text(claims.name);
  const [nameFirst, ...nameRest] = name?.split(/\s+/) ?? [];
  return {
    issuer,
    subject,
    email: email && /^[^@\s]+@[^@\s]+$/.test(email) && email.length <= 255 ? email : undefined,
    // Absent means the provider does not say (several enterprise providers never send the claim).
    emailVerified: typeof claims.email_verified === 'boolean' ? claims.email_verified : claims.email_verified === 'true' ? true : claims.email_verified === 'false' ? false : undefined,
    firstName: text(claims.given_name) ?? nameFirst,
    lastName: text(claims.family_name) ?? (nameRest.length ? nameRest.join(' ') : undefined),
  };
}
