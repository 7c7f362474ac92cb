import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { inTransaction } from '../../../platform/db/unit-of-work.ts';
import type { AppDeps } from '../../../platform/http/types.ts';
import type { SetDesignCompletionRequest } from '../../../../../packages/contracts/src/set-designs/set-designs.schema.ts';
import { organizationAdminIds } from '../organizations/organization.repository.ts';
import { resolveScope } from '../organizations/organization-scope.ts';
import { checkReferences } from './set-design-images.service.ts';
import { reachSetDesign } from './set-design.service.ts';
import { insertNotifications, namesOf, studioAdminIds } from './notification.repository.ts';
import { OPERATORS_WEBHOOK_QUEUE } from './operators-webhook.job.ts';

type Deps = Pick<AppDeps, 'db' | 'events' | 'jobs' | 'config'>;

/**
 * "These subjects or shot types are not covered yet": tells the operators. The organization's owners
 * and admins (the studio admins for a set design without organization) get an in-app notification;
 * the operators channel (RUSHES_OPERATORS_WEBHOOK_URL) a message, sent by a retried background job
 * enqueued in the same transaction, so a request is never recorded without its message or vice versa.
 */
export async function requestCompletion(deps: Deps, actor: Actor, id: string, organizationId: string | null | undefined, input: SetDesignCompletionRequest) {
  const scope = await resolveScope(deps.db, actor, organizationId);
  const setDesign = await reachSetDesign(deps.db, scope, id, 'read');
  await checkReferences(deps.db, setDesign, {
    base_images: [],
    subject_portraits: input.subject_ids.map((subject_id) => ({ subject_id })),
    reference_images: input.shot_type_ids.map((shot_type_id) => ({ shot_type_id })),
  });
  const [subjects, shotTypes] = await Promise.all([namesOf(deps.db, 'subject', input.subject_ids), namesOf(deps.db, 'shot_type', input.shot_type_ids)]);
  const list = (names: Map<string, string>) => (names.size > 0 ? [...names.values()].join(', ') : 'none');
  const text = `${actor.fullName} requests completion of set design "${setDesign.name}" (${setDesign.id}): subjects: ${list(subjects)}; shot types: ${list(shotTypes)}.`;
  await inTransaction(deps, async (tx) => {
    const recipients = setDesign.organization_id ? await organizationAdminIds(tx, setDesign.organization_id) : await studioAdminIds(tx);
    await insertNotifications(tx, recipients, {
      set_design_id: setDesign.id, requested_by: actor.id, kind: 'completion_request', message: text,
      data: { subject_ids: input.subject_ids, shot_type_ids: input.shot_type_ids },
    });
    if (deps.config.operatorsWebhookUrl) await deps.jobs.enqueue(tx, OPERATORS_WEBHOOK_QUEUE, { text });
    await recordAudit(tx, { actorId: actor.id, action: 'request-completion', objectType: 'set_design', objectId: setDesign.id, after: input });
  });
  deps.jobs.wake();
  return { message: 'Completion request sent to the operators' };
}
