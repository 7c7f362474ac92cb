import * as client from 'openid-client';
import type { OidcConfig } from '../../platform/oidc-config.ts';
import { SsoLoginError } from './oidc.errors.ts';

/** A provider that has not answered within this time counts as unreachable (its default is 30 s). */
const PROVIDER_TIMEOUT_SECONDS = 10;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

// One discovery per configuration (the settings are read once, so per process): the promise is kept,
// and dropped again when it fails so that a provider that was down is asked again on the next sign-in.
const discovered = new WeakMap<OidcConfig, Promise<client.Configuration>>();

async function discover(config: OidcConfig): Promise<client.Configuration> {
  const issuer = new URL(config.issuer);
  // Plain http is only allowed to a provider on this machine (development, tests); anywhere else the
  // codes and tokens would cross the network in clear.
  const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
  const authentication = config.clientSecret ? client.ClientSecretPost(config.clientSecret) : client.None();
  const configuration = await client.discovery(issuer, config.clientId, { redirect_uris: [config.redirectUrl] }, authentication, {
    timeout: PROVIDER_TIMEOUT_SECONDS,
    ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
  });
  configuration.timeout = PROVIDER_TIMEOUT_SECONDS;
  return configuration;
}

/**
 * The provider's configuration (endpoints, keys), discovered on first use and cached. A provider that
 * cannot be reached, or answers something that is not OpenID Connect discovery, is `provider_unreachable`.
 */
export function providerConfiguration(config: OidcConfig): Promise<client.Configuration> {
  let pending = discovered.get(config);
  if (!pending) {
    pending = discover(config).catch((error: unknown) => {
      discovered.delete(config);
      throw new SsoLoginError('provider_unreachable', error);
    });
    discovered.set(config, pending);
  }
  return pending;
}

/** Network failures and timeouts, as opposed to the provider refusing something. */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return true;
  return error instanceof TypeError && /fetch failed/i.test(error.message);
}
