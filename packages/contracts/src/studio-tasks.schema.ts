import { Type, type Static } from 'typebox';
import { TaskTypeRow } from './models/index.ts';
import * as Rows from './rows.schema.ts';
import { DetailError, studioErrorResponses } from './task-statuses.schema.ts';

/**
 * Studio task creation (seed 000): idempotent creation of one task per shot/asset and task type, its
 * bulk form, project task templates and the task audit trail.
 */

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const ShotTaskParams = Type.Object({ shot_id: Type.String({ description: 'Shot UUID' }) });
export const AssetTaskParams = Type.Object({ asset_id: Type.String({ description: 'Asset UUID' }) });
export const TaskTypeQuery = Type.Object({
  task_type: Type.String({
    minLength: 1,
    description: 'Task type name or short name (case-insensitive), among the task types the project uses',
  }),
});
export type TaskTypeQuery = Static<typeof TaskTypeQuery>;

/** Seed 000's TaskStatusInfo, plus the task type id. */
export const TaskStatusInfo = Type.Object({
  task_type: Type.String({ description: 'Name of the task type' }),
  task_type_id: Type.String(),
  status: Type.String({ description: 'Status id: system key (e.g. "not_started"), custom status UUID, or Zou short name' }),
  task_id: Type.String(),
  assigned_user_id: NullableString,
});
export type TaskStatusInfo = Static<typeof TaskStatusInfo>;

export const BULK_MAX_TASKS = 2000;

export const BulkShotTasksBody = Type.Object({
  shot_ids: Type.Array(Type.String()),
  task_types: Type.Array(Type.String(), { description: 'Task type names, short names or ids' }),
});
export type BulkShotTasksBody = Static<typeof BulkShotTasksBody>;
export const BulkAssetTasksBody = Type.Object({
  asset_ids: Type.Array(Type.String()),
  task_types: Type.Array(Type.String(), { description: 'Task type names, short names or ids' }),
});
export type BulkAssetTasksBody = Static<typeof BulkAssetTasksBody>;

const bulkItemFields = {
  task_type: Type.String({ description: 'Task type name when resolved, else the value sent' }),
  created: Type.Boolean(),
  task_id: NullableString,
  status: NullableString,
  error: Type.Optional(Type.String({ description: 'Why no task could be created or found for this item' })),
};
const bulkCounts = {
  created: Type.Integer({ description: 'Tasks created by this request' }),
  existing: Type.Integer({ description: 'Tasks that already existed' }),
  errors: Type.Integer({ description: 'Items that failed' }),
};
const ITEMS_DESCRIPTION = 'One item per (entity, task type) pair, in request order';
export const BulkShotTasksResult = Type.Object({
  results: Type.Array(Type.Object({ shot_id: Type.String(), ...bulkItemFields }), { description: ITEMS_DESCRIPTION }),
  ...bulkCounts,
});
export const BulkAssetTasksResult = Type.Object({
  results: Type.Array(Type.Object({ asset_id: Type.String(), ...bulkItemFields }), { description: ITEMS_DESCRIPTION }),
  ...bulkCounts,
});

export const ProjectTemplateParams = Type.Object({ project_id: Type.String({ description: 'Project UUID' }) });

const TemplateTaskType = Type.Pick(TaskTypeRow, ['id', 'name', 'short_name']);
export const TaskTemplates = Type.Object({
  shot: Type.Array(TemplateTaskType, { description: 'Task types created for every new shot, in order' }),
  asset: Type.Array(TemplateTaskType, { description: 'Task types created for every new asset, in order' }),
});
export type TaskTemplates = Static<typeof TaskTemplates>;

export const PutTaskTemplatesBody = Type.Object({
  shot: Type.Optional(Type.Array(Type.String(), { description: 'Task type names, short names or ids; omitted = unchanged' })),
  asset: Type.Optional(Type.Array(Type.String(), { description: 'Task type names, short names or ids; omitted = unchanged' })),
});
export type PutTaskTemplatesBody = Static<typeof PutTaskTemplatesBody>;

export const TaskAuditParams = Type.Object({ task_id: Type.String({ description: 'Task UUID' }) });
export const TaskAuditEntry = Type.Object({
  action: Type.String({ description: 'create, update...' }),
  actor: Type.Union([Type.Pick(Rows.PersonRow, ['id', 'full_name']), Type.Null()]),
  created_at: Type.String({ description: 'UTC, YYYY-MM-DDTHH:MM:SS' }),
  before: Type.Unknown(),
  after: Type.Unknown(),
});
export const TaskAuditTrail = Type.Array(TaskAuditEntry);
export type TaskAuditEntry = Static<typeof TaskAuditEntry>;

export const studioTaskErrorResponses = { ...studioErrorResponses, 413: DetailError } as const;

export { DetailError };
