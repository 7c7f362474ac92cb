import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { UploadLimits } from '../../../platform/config.ts';

export class ImageFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageFetchError';
  }
}

/** Loopback, private, link-local, carrier-grade NAT, multicast and reserved ranges (SSRF targets). */
const PRIVATE = new net.BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  PRIVATE.addSubnet(address, prefix, 'ipv6');
}

function isPrivate(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1], 'ipv4');
  return PRIVATE.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A DNS lookup that refuses private addresses. Checking the resolved address at connect time (rather
 * than resolving once beforehand) leaves no window for a DNS answer that changes in between.
 */
function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((entry) => isPrivate(entry.address));
    if (refused) return callback(new ImageFetchError(`The image URL points at a private address (${refused.address}).`), []);
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(new ImageFetchError(`The image URL's host ${hostname} has no address.`), []);
    return callback(null, first.address, first.family);
  });
}

const MAX_REDIRECTS = 3;

/**
 * Downloads an image given by URL: http(s) only, at most `maxImageBytes`, within `fetchTimeoutMs`
 * overall, following up to three redirects (each checked again), refusing private addresses unless
 * `fetchAllowPrivateNetworks` is on.
 */
export async function fetchImage(rawUrl: string, limits: UploadLimits): Promise<Buffer> {
  const signal = AbortSignal.timeout(limits.fetchTimeoutMs);
  let url = rawUrl;
  for (let redirects = 0; ; redirects += 1) {
    const response = await request(url, limits, signal);
    if (response.redirect) {
      if (redirects >= MAX_REDIRECTS) throw new ImageFetchError('The image URL redirects too many times.');
      url = new URL(response.redirect, url).toString();
      continue;
    }
    return response.body ?? Buffer.alloc(0);
  }
}

function request(rawUrl: string, limits: UploadLimits, signal: AbortSignal): Promise<{ redirect?: string; body?: Buffer }> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new ImageFetchError('The image URL is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ImageFetchError('Only http and https image URLs are accepted.');
  if (url.username || url.password) throw new ImageFetchError('Image URLs with credentials are not accepted.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!limits.fetchAllowPrivateNetworks && net.isIP(host) && isPrivate(host)) {
    throw new ImageFetchError(`The image URL points at a private address (${host}).`);
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, {
      signal,
      headers: { accept: 'image/*', 'user-agent': 'Rushes media fetcher' },
      ...(limits.fetchAllowPrivateNetworks ? {} : { lookup: guardedLookup as never }),
    }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        resolve({ redirect: res.headers.location });
        return;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        reject(new ImageFetchError(`The image URL answered HTTP ${status}.`));
        return;
      }
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > limits.maxImageBytes) {
        res.destroy();
        reject(new ImageFetchError(`The image is larger than the ${limits.maxImageBytes} bytes allowed.`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxImageBytes) {
          res.destroy();
          reject(new ImageFetchError(`The image is larger than the ${limits.maxImageBytes} bytes allowed.`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ body: Buffer.concat(chunks) }));
      res.on('error', (error) => reject(new ImageFetchError(`Downloading the image failed: ${error.message}`)));
    });
    req.on('error', (error) => {
      if (error instanceof ImageFetchError) reject(error);
      else if (signal.aborted) reject(new ImageFetchError(`Downloading the image took longer than ${limits.fetchTimeoutMs} ms.`));
      else reject(new ImageFetchError(`Downloading the image failed: ${error.message}`));
    });
  });
}
