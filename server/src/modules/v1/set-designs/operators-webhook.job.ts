import type { AppDeps } from '../../../platform/http/types.ts';

export const OPERATORS_WEBHOOK_QUEUE = 'set-design.operators-webhook';

/** Attempts before giving up; waits double from 1 s (1, 2, 4, 8, 16 s). */
export const OPERATORS_WEBHOOK_ATTEMPTS = 6;

/**
 * Posts `{text}` (Slack's incoming-webhook shape, also understood by Mattermost and Discord's Slack
 * endpoint) to RUSHES_OPERATORS_WEBHOOK_URL. Any answer but 2xx throws, so the job is retried.
 */
export async function postToOperators(deps: Pick<AppDeps, 'config'>, payload: Record<string, unknown>, signal: AbortSignal): Promise<void> {
  const url = deps.config.operatorsWebhookUrl;
  if (!url) return;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: String(payload.text ?? '') }),
    signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`The operators webhook answered HTTP ${response.status}`);
}
