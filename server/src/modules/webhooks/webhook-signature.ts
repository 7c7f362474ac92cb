import { createHmac, randomBytes } from 'node:crypto';

/** A new signing secret: 32 random bytes, prefixed so that a leaked one is recognisable in a scan. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * The `X-Rushes-Signature` value: `sha256=` and the hex HMAC-SHA256, keyed with the hook's secret, of
 * `<timestamp>.<body>`. Signing the timestamp with the body lets a receiver refuse a replayed request.
 */
export function signatureOf(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
