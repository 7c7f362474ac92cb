import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';
import type { CreateWebhookBody, ListWebhooksQuery, UpdateWebhookBody, Webhook, WebhookWithSecret } from '../../../../packages/contracts/src/webhooks.schema.ts';
import { requireWebhookAdmin } from './webhooks.policy.ts';
import { presentWebhook, presentWebhookWithSecret } from './webhooks.presenter.ts';
import { deleteWebhook, findWebhook, insertWebhook, listWebhooks, projectExists, updateWebhook, type WebhookRow } from './webhooks.repository.ts';
import { newWebhookSecret } from './webhook-signature.ts';
import { registrationProblem } from './webhook-target.ts';
import type { PrivateNetworkAllowance } from '../../platform/http/private-network.ts';

async function checkTarget(url: string, allowance: PrivateNetworkAllowance): Promise<string> {
  const problem = await registrationProblem(url, allowance);
  if (problem) throw errors.unprocessable(problem, { field: 'url' });
  return url;
}

/** The hook, locked for the change; 404 for an unknown or malformed id. */
async function webhookToChange(tx: Tx, id: string): Promise<WebhookRow> {
  const row = await findWebhook(tx, uuidOr404(id), { forUpdate: true });
  if (!row) throw errors.notFound();
  return row;
}

/** The audit trail's view of a hook: its settings, never its secret. */
const audited = (row: WebhookRow) => ({ url: row.url, events: row.events, active: row.active, project_id: row.project_id });

export async function listStudioWebhooks(actor: Actor, query: ListWebhooksQuery, db: Executor): Promise<Webhook[]> {
  requireWebhookAdmin(actor);
  const projectId = query.project_id === 'studio' ? null : query.project_id;
  return (await listWebhooks(db, projectId)).map(presentWebhook);
}

export async function getWebhook(actor: Actor, id: string, db: Executor): Promise<Webhook> {
  requireWebhookAdmin(actor);
  const row = await findWebhook(db, uuidOr404(id));
  if (!row) throw errors.notFound();
  return presentWebhook(row);
}

/** Registers a hook with a new secret, returned this once. */
export async function createWebhook(actor: Actor, input: CreateWebhookBody, tx: Tx, allowance: PrivateNetworkAllowance): Promise<WebhookWithSecret> {
  requireWebhookAdmin(actor);
  const url = await checkTarget(input.url.trim(), allowance);
  const projectId = input.project_id ?? null;
  if (projectId && !(await projectExists(tx, projectId))) throw errors.unprocessable('No production has this id.', { field: 'project_id' });
  const row = await insertWebhook(tx, { projectId, url, events: input.events, active: input.active ?? true, secret: newWebhookSecret(), createdBy: actor.id });
  await recordAudit(tx, { actorId: actor.id, action: 'create', objectType: 'webhook', objectId: row.id, projectId, after: audited(row) });
  return presentWebhookWithSecret(row);
}

export async function changeWebhook(actor: Actor, id: string, changes: UpdateWebhookBody, tx: Tx, allowance: PrivateNetworkAllowance): Promise<Webhook> {
  requireWebhookAdmin(actor);
  // Checked before the row is locked: the check may wait on DNS.
  const url = changes.url === undefined ? undefined : await checkTarget(changes.url.trim(), allowance);
  const before = await webhookToChange(tx, id);
  const after = await updateWebhook(tx, before.id, { url, events: changes.events, active: changes.active });
  await recordAudit(tx, { actorId: actor.id, action: 'update', objectType: 'webhook', objectId: after.id, projectId: after.project_id, before: audited(before), after: audited(after) });
  return presentWebhook(after);
}

/** Deletes a hook with its delivery log; jobs still queued for it find nothing to send. */
export async function removeWebhook(actor: Actor, id: string, tx: Tx): Promise<void> {
  requireWebhookAdmin(actor);
  const before = await webhookToChange(tx, id);
  await deleteWebhook(tx, before.id);
  await recordAudit(tx, { actorId: actor.id, action: 'delete', objectType: 'webhook', objectId: before.id, projectId: before.project_id, before: audited(before) });
}

/** A new secret, returned this once; deliveries signed from now on use it, pending retries included. */
export async function rotateWebhookSecret(actor: Actor, id: string, tx: Tx): Promise<WebhookWithSecret> {
  requireWebhookAdmin(actor);
  const before = await webhookToChange(tx, id);
  const after = await updateWebhook(tx, before.id, { secret: newWebhookSecret() });
  await recordAudit(tx, { actorId: actor.id, action: 'rotate-secret', objectType: 'webhook', objectId: after.id, projectId: after.project_id });
  return presentWebhookWithSecret(after);
}
