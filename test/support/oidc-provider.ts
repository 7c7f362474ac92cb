// The package has no types of its own; a reference (not an import) so that every tsconfig sees them.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./oidc-provider-types.d.ts" />
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** What the provider knows about one of its accounts; tests change these between sign-ins. */
export interface ProviderAccount {
  email?: string;
  email_verified?: boolean;
  given_name?: string;
  family_name?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts by subject: the dev login form's "login" field is the subject. */
  accounts: Map<string, ProviderAccount>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (the `oidc-provider` package, its development login and consent
 * pages) on 127.0.0.1 and a free port, with one confidential client allowed to `redirectUris`.
 */
export async function startOidcProvider(redirectUris: string[]): Promise<TestOidcProvider> {
  const accounts = new Map<string, ProviderAccount>();
  const handler: { current?: (request: http.IncomingMessage, response: http.ServerResponse) => void } = {};
  // The issuer URL names the port, so the server listens before the provider exists.
  const server = http.createServer((request, response) => handler.current!(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'rushes-test';
  const clientSecret = 'rushes-test-secret-that-is-long-enough-for-hs256';

  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['given_name', 'family_name', 'name'] },
    pkce: { required: () => true },
    cookies: { keys: ['oidc-provider-test-cookie-key'] },
    findAccount: (_ctx: unknown, sub: string) => {
      if (!accounts.has(sub)) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...accounts.get(sub) }) };
    },
  });
  // Its development warnings and expected errors (refused codes...) are noise in the test output.
  provider.on('server_error', () => undefined);
  handler.current = provider.callback();

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A cookie jar that is enough for the provider's own cookies (one host, latest value per name). */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((a) => /^\s*expires=thu, 01 jan 1970/i.test(a) || /^\s*max-age=0\b/i.test(a));
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Plays the user at the provider over HTTP: follows the authorization URL, fills the development login
 * form with `subject` (or cancels it with `abort`), accepts the consent page, and returns the URL the
 * provider finally redirects the browser to (Rushes' callback with `code` and `state`, or `error`).
 */
export async function signInAtProvider(authorizationUrl: string, subject: string, options: { abort?: boolean } = {}): Promise<URL> {
  const jar = new CookieJar();
  const issuerOrigin = new URL(authorizationUrl).origin;
  let url = new URL(authorizationUrl);
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 20; step += 1) {
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body,
    });
    jar.store(response);
    body = undefined;
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location')!, url);
      if (url.origin !== issuerOrigin) return url;
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(page)?.[1];
    if (response.status !== 200 || !action || !prompt) throw new Error(`unexpected provider page ${response.status} at ${url.href}: ${page.slice(0, 300)}`);
    if (options.abort) {
      url = new URL(`${new URL(action, url).pathname.replace(/\/$/, '')}/abort`, url);
      continue;
    }
    url = new URL(action, url);
    body = new URLSearchParams(prompt === 'login' ? { prompt, login: subject, password: 'any' } : { prompt });
  }
  throw new Error('the provider did not redirect back within 20 steps');
}
