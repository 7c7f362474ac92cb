import { privateAddressGuard, refusedAddressOf, type PrivateNetworkAllowance } from '../../platform/http/private-network.ts';

/**
 * Which URLs a webhook may POST to. Refused: schemes other than http(s) (file:, gopher:…), credentials
 * in the URL (they would be stored and shown to every admin), and private addresses (loopback, the
 * studio's networks, cloud metadata endpoints: what a forged hook would aim at) unless
 * RUSHES_WEBHOOK_ALLOW_PRIVATE allows them, as the media fetch does. Redirects are not followed when
 * sending (webhook-sender.ts), and the address is checked again at each connection.
 */
export function targetProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'The URL is not valid: write it in full, e.g. https://hooks.studio.example/rushes.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Only http:// and https:// URLs can receive webhooks.';
  if (url.username || url.password) return 'The URL must not contain a user name or password: check the signature instead.';
  if (!url.hostname) return 'The URL has no host.';
  if (url.hash) return 'The URL must not contain a #fragment.';
  return null;
}

export const privateTargetProblem = (address: string) =>
  `The URL points at a private address (${address}): webhooks may only reach the studio's own servers when RUSHES_WEBHOOK_ALLOW_PRIVATE allows them.`;

const DNS_TIMEOUT_MS = 3000;

/**
 * The URL's problem at registration, private addresses included: an IP literal, or a host name that
 * resolves to one (a name that does not resolve now is accepted: the delivery log will say why it fails).
 */
export async function registrationProblem(raw: string, allowance: PrivateNetworkAllowance): Promise<string | null> {
  const problem = targetProblem(raw);
  if (problem) return problem;
  const refused = privateAddressGuard(allowance);
  const timeout = new Promise<null>((resolve) => setTimeout(resolve, DNS_TIMEOUT_MS, null).unref());
  const address = await Promise.race([refusedAddressOf(new URL(raw).hostname, refused), timeout]);
  return address ? privateTargetProblem(address) : null;
}
