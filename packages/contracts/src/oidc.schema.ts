import { Type, type Static } from 'typebox';

/**
 * OpenID Connect single sign-on (Zou §1.3 `auth/oidc/login`, `auth/oidc/callback`): browser redirects,
 * so failures come back to the login page as `/login?sso_error=<code>` rather than as JSON.
 */

/** Why a sign-in through the provider did not open a session; the login page shows a sentence for each. */
export const SSO_ERROR_CODES = [
  'provider_unreachable',
  'provider_error',
  'cancelled',
  'state_mismatch',
  'invalid_response',
  'email_missing',
  'email_unverified',
  'unknown_account',
  'inactive',
  'identity_conflict',
  'user_limit',
] as const;
export type SsoErrorCode = (typeof SSO_ERROR_CODES)[number];

export const OidcLoginQuery = Type.Object(
  { next: Type.Optional(Type.String({ maxLength: 2000, description: 'A local path of the web app to open after signing in' })) },
  { additionalProperties: true },
);
export type OidcLoginQuery = Static<typeof OidcLoginQuery>;

/** The provider's authorization response (RFC 6749 §4.1.2, RFC 9207 `iss`). */
export const OidcCallbackQuery = Type.Object(
  {
    code: Type.Optional(Type.String()),
    state: Type.Optional(Type.String()),
    iss: Type.Optional(Type.String()),
    error: Type.Optional(Type.String()),
    error_description: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);
export type OidcCallbackQuery = Static<typeof OidcCallbackQuery>;
