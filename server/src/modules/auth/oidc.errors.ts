import type { SsoErrorCode } from '../../../../packages/contracts/src/oidc.schema.ts';

/**
 * A single sign-on that ends on the login page with `?sso_error=<code>`: the callback is a browser
 * navigation, so a JSON error from the catalogue would leave the user on a raw error body. The cause
 * is kept for the server log only; the page shows a fixed sentence per code.
 */
export class SsoLoginError extends Error {
  constructor(
    readonly code: SsoErrorCode,
    cause?: unknown,
  ) {
    super(`Single sign-on failed: ${code}`, { cause });
    this.name = 'SsoLoginError';
  }
}
