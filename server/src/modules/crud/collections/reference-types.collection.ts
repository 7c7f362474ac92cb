import { sql } from 'kysely';
import { EntityTypeRow, TaskStatusRow, TaskTypeRow } from '../../../../../packages/contracts/src/models/index.ts';
import { TEMPORAL_KINDS } from '../../breakdown/entity-kind.ts';
import { detachTaskType, taskTypeUsage } from '../cascade.repository.ts';
import { crudErrors } from '../crud.errors.ts';
import type { Collection } from '../crud.types.ts';
import { clearDefaultTaskStatus, taskTypeNameTaken } from '../model-rules.repository.ts';
import { referencePolicy } from './policies.ts';

/** Studio-wide workflow types: entity (asset) types, task types, task statuses. Everyone reads, admins write. */

const taskTypesLink = { link: 'entity_type_task_type_link', own: 'entity_type_id', other: 'task_type_id', target: 'task_type' };

export const entityTypes: Collection = {
  name: 'entity-types',
  table: 'entity_type',
  typeName: 'EntityType',
  schema: EntityTypeRow,
  relations: { task_types: taskTypesLink },
  policy: referencePolicy,
  // Entity-type rows emit asset-type events (§7.2).
  eventKind: () => 'asset-type',
  constraintErrors: { entity_type_name_key: crudErrors.entityTypeExists },
};

const temporalNames = sql.join(TEMPORAL_KINDS.map((kind) => sql.lit(kind.toLowerCase())));

/** Read-only view of the entity types that are asset types (every type but the temporal kinds). */
export const assetTypes: Collection = {
  ...entityTypes,
  name: 'asset-types',
  typeName: 'AssetType',
  readOnly: true,
  baseCondition: (t) => sql<boolean>`lower(${sql.ref(`${t}.name`)}) NOT IN (${temporalNames})`,
};

export const taskTypes: Collection = {
  name: 'task-types',
  table: 'task_type',
  typeName: 'TaskType',
  schema: TaskTypeRow,
  policy: referencePolicy,
  hooks: {
    async beforeCreate(ctx, values) {
      if (typeof values.name === 'string' && (await taskTypeNameTaken(ctx.tx, values.name, null))) throw crudErrors.taskTypeExists();
    },
    async beforeUpdate(ctx, current, changes) {
      if (typeof changes.name === 'string' && (await taskTypeNameTaken(ctx.tx, changes.name, String(current.id)))) {
        throw crudErrors.taskTypeExists();
      }
    },
    /** Tasks of the type always block; project links block unless `force` detaches them (§3.6). */
    async beforeDelete(ctx, current, force) {
      const usage = await taskTypeUsage(ctx.tx, String(current.id));
      if (usage.tasks > 0) throw crudErrors.taskTypeInUse(usage.tasks);
      if (usage.projects.length > 0 && !force) throw crudErrors.taskTypeAttached(usage.projects);
      if (force) await detachTaskType(ctx.tx, String(current.id));
    },
  },
};

/** Setting `is_default` moves the default flag from the previous default status, in the same transaction. */
export const taskStatus: Collection = {
  name: 'task-status',
  table: 'task_status',
  typeName: 'TaskStatus',
  schema: TaskStatusRow,
  policy: referencePolicy,
  hooks: {
    async beforeCreate(ctx, values) {
      if (values.is_default !== true) return;
      const projectId = typeof values.project_id === 'string' ? values.project_id : null;
      await clearDefaultTaskStatus(ctx.tx, { forConcept: values.for_concept === true, projectId }, null);
    },
    async beforeUpdate(ctx, current, changes) {
      if (changes.is_default !== true) return;
      const scope = { forConcept: Boolean(changes.for_concept ?? current.for_concept), projectId: (current.project_id as string | null) ?? null };
      await clearDefaultTaskStatus(ctx.tx, scope, String(current.id));
    },
  },
};
