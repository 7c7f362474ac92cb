import type { SsoErrorCode } from '@contracts/oidc.schema.ts';

// A Record over the contract's codes: a code added on the server without a sentence here fails typecheck.
const MESSAGES: Record<SsoErrorCode, string> = {
  provider_unreachable: 'The sign-in service cannot be reached right now. Try again in a moment, or log in with your password.',
  provider_error: 'The sign-in service refused the request. Try again, or ask your administrator.',
  cancelled: 'Single sign-on was cancelled.',
  state_mismatch: 'That sign-in link has expired or was already used. Start again with the button below.',
  invalid_response: 'The sign-in service sent an answer that could not be verified. Start again with the button below.',
  email_missing: 'The sign-in service did not share your e-mail address, which Rushes needs to find your account.',
  email_unverified: 'Your e-mail address is not verified at the sign-in service yet. Verify it there, then try again.',
  unknown_account: 'There is no Rushes account for this e-mail address. Ask your administrator to invite you.',
  inactive: 'Your Rushes account is deactivated. Ask your administrator to reactivate it.',
  identity_conflict: 'Your Rushes account is already linked to another account of this sign-in service. Ask your administrator.',
  user_limit: 'This studio has reached its user limit: your account could not be created. Ask your administrator.',
};

/** The sentence for the login page's `?sso_error=` code; null for no code, a general one for a code we do not know. */
export function ssoErrorMessage(code: unknown): string | null {
  if (typeof code !== 'string' || code === '') return null;
  return (MESSAGES as Record<string, string | undefined>)[code] ?? 'Single sign-on failed. Try again, or log in with your password.';
}
