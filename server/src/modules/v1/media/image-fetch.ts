import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { UploadLimits } from '../../../platform/config.ts';
import { guardedLookup, privateAddressGuard } from '../../../platform/http/private-network.ts';

export class ImageFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageFetchError';
  }
}

/** Without RUSHES_MEDIA_FETCH_ALLOW_PRIVATE, no private address may be fetched. */
const refusedAddress = privateAddressGuard(false);
const lookupRefusingPrivate = guardedLookup(refusedAddress, (address) => new ImageFetchError(`The image URL points at a private address (${address}).`));

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
  if (!limits.fetchAllowPrivateNetworks && net.isIP(host) && refusedAddress(host)) {
    throw new ImageFetchError(`The image URL points at a private address (${host}).`);
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, {
      signal,
      headers: { accept: 'image/*', 'user-agent': 'Rushes media fetcher' },
      ...(limits.fetchAllowPrivateNetworks ? {} : { lookup: lookupRefusingPrivate as never }),
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
