import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { guardedLookup, privateAddressGuard, type PrivateNetworkAllowance } from '../../platform/http/private-network.ts';
import { privateTargetProblem } from './webhook-target.ts';

/** The part of an answer kept in the log: enough to read an error message, no more. */
const MAX_RESPONSE_BYTES = 2048;
export const MAX_ERROR_LENGTH = 500;

export interface SendResult {
  /** The HTTP status answered; null when no answer came. */
  status: number | null;
  /** Why the attempt failed (null on a 2xx), truncated for the log. */
  error: string | null;
  /** The target's address is refused (private): trying again cannot help. */
  refused?: boolean;
}

class RefusedTarget extends Error {}

/** The address check of one delivery: its guard for IP literals and its DNS lookup for host names. */
function guardFor(allowance: PrivateNetworkAllowance) {
  const refused = privateAddressGuard(allowance);
  return { refused, lookup: guardedLookup(refused, (address) => new RefusedTarget(privateTargetProblem(address))) };
}

export const truncate = (text: string, length = MAX_ERROR_LENGTH): string => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** What failed, in words for the delivery log. */
function describeFailure(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `No answer within ${timeoutMs} ms`;
  if (error instanceof RefusedTarget) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/**
 * POSTs one delivery's JSON body. A 2xx answer succeeds; anything else, a redirect included (never
 * followed: a target cannot send the signed body on to a host the admin did not choose), fails with
 * its status and the start of its body. `timeoutMs` bounds the whole exchange; `signal` stops it early.
 * The address connected to is checked against `allowance` (the host's DNS answer may have changed
 * since the hook was registered).
 */
export function postWebhook(url: string, headers: Record<string, string>, body: string, timeoutMs: number, signal: AbortSignal, allowance: PrivateNetworkAllowance): Promise<SendResult> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const guard = guardFor(allowance);
  const literal = target.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(literal) && guard.refused(literal)) return Promise.resolve({ status: null, error: privateTargetProblem(literal), refused: true });
  const timeout = AbortSignal.timeout(timeoutMs);
  return new Promise((resolve) => {
    const request = client.request(target, {
      method: 'POST',
      // A connection of its own: a pooled socket would outlive the worker's shutdown.
      agent: false,
      lookup: guard.lookup as never,
      signal: AbortSignal.any([timeout, signal]),
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Rushes-Webhooks' },
    }, (response) => {
      const status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        if (status >= 200 && status < 300) return resolve({ status, error: null });
        const text = Buffer.concat(chunks).toString('utf8').trim();
        const redirect = status >= 300 && status < 400 ? ` (redirects are not followed${response.headers.location ? `: ${response.headers.location}` : ''})` : '';
        resolve({ status, error: truncate(`HTTP ${status}${redirect}${text ? `: ${text}` : ''}`) });
      };
      response.on('data', (chunk: Buffer) => {
        if (size < MAX_RESPONSE_BYTES) chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - size));
        size += chunk.length;
        if (size >= MAX_RESPONSE_BYTES) {
          response.destroy();
          finish();
        }
      });
      response.on('end', finish);
      response.on('error', () => finish());
    });
    request.on('error', (error) => resolve({ status: null, error: truncate(describeFailure(error, timeout.aborted, timeoutMs)), refused: error instanceof RefusedTarget }));
    request.end(body);
  });
}
