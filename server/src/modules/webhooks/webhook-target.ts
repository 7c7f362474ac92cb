/**
 * Which URLs a webhook may POST to. Targets are the studio's own servers (a chat bot, a render farm's
 * dispatcher, a pipeline script), usually on its private network, so private addresses are accepted:
 * only admins register hooks. What is refused is what no studio target needs and an attacker would:
 * schemes other than http(s) (file:, gopher:…) and credentials in the URL, which would be stored and
 * shown to every admin. Redirects are not followed when sending (webhook-sender.ts).
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
