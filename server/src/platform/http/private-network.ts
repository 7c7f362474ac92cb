import dns from 'node:dns';
import net from 'node:net';

/**
 * Which private addresses an outgoing request may reach: none (`false`, the default against SSRF),
 * every one (`true`), or only these addresses and CIDR ranges (a studio's own servers).
 */
export type PrivateNetworkAllowance = boolean | readonly string[];

/** Loopback, private, link-local, carrier-grade NAT, multicast and reserved ranges (SSRF targets). */
const PRIVATE = new net.BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  PRIVATE.addSubnet(address, prefix, 'ipv6');
}

/** An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is checked as the IPv4 address it is. */
function normalise(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return { address: mapped[1]!, family: 'ipv4' };
  return { address: bare, family: net.isIPv6(bare) ? 'ipv6' : 'ipv4' };
}

export function isPrivateAddress(address: string): boolean {
  const { address: bare, family } = normalise(address);
  return PRIVATE.check(bare, family);
}

/** Addresses and CIDR ranges as a BlockList; throws on an entry that is neither. */
function allowList(entries: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = net.isIPv6(address) ? 'ipv6' : net.isIPv4(address) ? 'ipv4' : null;
    if (!family) throw new Error(`"${entry}" is not an IP address or CIDR range`);
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/**
 * Decides, for an address an outgoing request would connect to, whether it is refused: a private
 * address the allowance does not cover. Public addresses are always allowed.
 */
export function privateAddressGuard(allowance: PrivateNetworkAllowance): (address: string) => boolean {
  if (allowance === true) return () => false;
  const allowed = allowance === false ? null : allowList(allowance);
  return (address) => {
    if (!isPrivateAddress(address)) return false;
    if (!allowed) return true;
    const { address: bare, family } = normalise(address);
    return !allowed.check(bare, family);
  };
}

/** Parses a comma-separated allowance from the environment: `true`, `false`/empty, or addresses and CIDR ranges. */
export function privateAllowanceFromEnv(name: string, raw: string | undefined): PrivateNetworkAllowance {
  const value = raw?.trim() ?? '';
  if (value === '' || value.toLowerCase() === 'false') return false;
  if (value.toLowerCase() === 'true') return true;
  const entries = value.split(',').map((part) => part.trim()).filter(Boolean);
  try {
    allowList(entries);
  } catch (error) {
    throw new Error(`${name} must be true, false or addresses/CIDR ranges: ${(error as Error).message}`);
  }
  return entries;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;
export type Lookup = (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => void;

/**
 * A DNS lookup for `http.request` that fails with `refusal(address)` when the host resolves to a
 * refused address. Checking the resolved address at connect time (rather than resolving once
 * beforehand) leaves no window for a DNS answer that changes in between. Node does not call the
 * lookup for an IP literal: check those with the guard itself.
 */
export function guardedLookup(refused: (address: string) => boolean, refusal: (address: string, hostname: string) => Error): Lookup {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const blocked = addresses.find((entry) => refused(entry.address));
      if (blocked) return callback(refusal(blocked.address, hostname), []);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      return callback(null, first.address, first.family);
    });
  };
}

/** The first address `hostname` resolves to that the guard refuses, if any; lookup failures are not refusals. */
export async function refusedAddressOf(hostname: string, refused: (address: string) => boolean): Promise<string | null> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(bare)) return refused(bare) ? bare : null;
  try {
    const addresses = await dns.promises.lookup(bare, { all: true });
    return addresses.find((entry) => refused(entry.address))?.address ?? null;
  } catch {
    return null;
  }
}
