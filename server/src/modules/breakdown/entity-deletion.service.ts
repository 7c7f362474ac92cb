import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { requireEntityRemover } from './breakdown.policy.ts';
import { eventKindOf, type EntityKind } from './entity-kind.ts';
import {
  cancelEntity,
  collectSubtree,
  deleteEntitiesCascade,
  entityHasChildren,
  entityHasTasks,
} from './entity-deletion.repository.ts';
import { getEntityOfKind, lockEntity } from './entity.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;

/**
 * `DELETE data/<shots|assets|sequences|episodes>/<id>[?force=true]` (§4.4, §4.5, §8.9). Without
 * force, an entity with tasks is only flagged canceled (`<kind>:update`), and a sequence or episode
 * that still has children is refused; with force, its tasks (with their comments, time spents,
 * notifications, news, subscriptions and assignations) and, for sequences and episodes, what hangs
 * from it are deleted in the same transaction, then the entity itself.
 */
export async function removeEntity(deps: Deps, actor: Actor, kind: EntityKind, id: string, force: boolean): Promise<void> {
  const entity = await getEntityOfKind(deps.db, id, kind);
  await requireEntityRemover(deps.db, actor, entity);
  const projectId = entity.project_id;
  const eventKind = eventKindOf(kind);

  await inTransaction(deps, async (tx, events) => {
    await lockEntity(tx, id);
    if (!force && (await entityHasTasks(tx, id))) {
      await cancelEntity(tx, id);
      events.push({ name: `${eventKind}:update`, data: { [`${eventKind}_id`]: id }, projectId, actorId: actor.id });
      await recordAudit(tx, {
        actorId: actor.id, action: 'cancel', objectType: eventKind, objectId: id, projectId,
        before: { canceled: entity.canceled }, after: { canceled: true },
      });
      return;
    }
    if (!force && (kind === 'Sequence' || kind === 'Episode') && (await entityHasChildren(tx, id))) {
      throw errors.badRequest(`Some data are still linked to this ${eventKind}.`);
    }
    const doomed = await collectSubtree(tx, id, force && (kind === 'Sequence' || kind === 'Episode'));
    const tasks = await deleteEntitiesCascade(tx, doomed.map((item) => item.id));
    for (const task of tasks) {
      events.push({
        name: 'task:delete',
        data: { task_id: task.id, entity_id: task.entity_id, task_type_id: task.task_type_id },
        projectId,
        actorId: actor.id,
      });
    }
    for (const item of [...doomed].reverse()) {
      const itemKind = eventKindOf(item.kind);
      events.push({ name: `${itemKind}:delete`, data: { [`${itemKind}_id`]: item.id }, projectId, actorId: actor.id });
    }
    await recordAudit(tx, [
      { actorId: actor.id, action: 'delete', objectType: eventKind, objectId: id, projectId, before: entity },
      ...doomed
        .filter((item) => item.id !== id)
        .map((item) => ({ actorId: actor.id, action: 'delete', objectType: eventKindOf(item.kind), objectId: item.id, projectId })),
      ...tasks.map((task) => ({ actorId: actor.id, action: 'delete', objectType: 'task', objectId: task.id, projectId, before: task })),
    ]);
  });
}
