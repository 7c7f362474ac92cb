import type { Actor } from '../../platform/auth/actor.ts';
import { requireEntityAccess, requireProjectMember } from '../../platform/auth/permissions.ts';
import type { Executor } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { EntityPreviewFile } from '../../../../packages/contracts/src/breakdown.schema.ts';
import type { TimeSpentRow } from '../../../../packages/contracts/src/time-spents.schema.ts';
import { entityPreviewFiles, entityTimeSpents } from './entity-activity.repository.ts';
import { findEntity } from './entity.repository.ts';
import { featureId } from './ids.ts';

/** Team member of the entity's production; vendors only on entities they work on (Zou's check_entity_access). */
async function readableEntity(db: Executor, actor: Actor, entityId: string): Promise<string> {
  const entity = await findEntity(db, featureId(entityId));
  if (!entity) throw errors.notFound();
  const access = await requireProjectMember(db, actor, entity.project_id);
  await requireEntityAccess(db, actor, entity.id, access.effectiveRole);
  return entity.id;
}

/** `GET data/entities/<id>/preview-files` (the web client's entity page): every preview of the entity's tasks. */
export async function listEntityPreviewFiles(db: Executor, actor: Actor, entityId: string): Promise<EntityPreviewFile[]> {
  const rows = await entityPreviewFiles(db, await readableEntity(db, actor, entityId));
  // The columns' CHECK constraints hold status and validation_status to the model's values.
  return rows.map((row) => ({
    ...row,
    status: row.status as EntityPreviewFile['status'],
    validation_status: row.validation_status as EntityPreviewFile['validation_status'],
  }));
}

/** `GET data/entities/<id>/time-spents`: every time spent on the entity's tasks. */
export async function listEntityTimeSpents(db: Executor, actor: Actor, entityId: string): Promise<TimeSpentRow[]> {
  return (await entityTimeSpents(db, await readableEntity(db, actor, entityId))).map((row) => ({ ...row, type: 'TimeSpent' as const }));
}
