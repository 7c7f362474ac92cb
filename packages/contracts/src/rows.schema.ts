import { Type, type Static } from 'typebox';
import * as Model from './models/index.ts';

/**
 * Model rows as the Zou-compatible routes serialise them: the model's columns plus Zou's `type`. The
 * feature contracts build their responses on these, so a column added to a model reaches every
 * route that sends the row. Columns that are Rushes' own and not part of Zou's serialisation are
 * left out here, once: the presenters whitelist the same columns.
 */

/** `task.created_by` is Rushes' own: presenters do not serialise it. */
export const TASK_INTERNAL_COLUMNS = ['created_by'] as const;
/** The studio status columns (seed 001): a status's system key and its order among custom statuses. */
export const TASK_STATUS_INTERNAL_COLUMNS = ['system_key', 'sort_order'] as const;

export const TaskRow = Type.Object({ ...Type.Omit(Model.TaskRow, TASK_INTERNAL_COLUMNS).properties, type: Type.Literal('Task') });
export type TaskRow = Static<typeof TaskRow>;

export const TaskTypeRow = Type.Object({ ...Model.TaskTypeRow.properties, type: Type.Literal('TaskType') });
export type TaskTypeRow = Static<typeof TaskTypeRow>;

export const TaskStatusRow = Type.Object({
  ...Type.Omit(Model.TaskStatusRow, TASK_STATUS_INTERNAL_COLUMNS).properties,
  type: Type.Literal('TaskStatus'),
});
export type TaskStatusRow = Static<typeof TaskStatusRow>;

/** An entity: `type` is its kind ("Shot", "Sequence", "Episode", "Asset"...). */
export const EntityRow = Type.Object({ ...Model.EntityRow.properties, type: Type.String() });
export type EntityRow = Static<typeof EntityRow>;

export const EntityTypeRow = Type.Object({ ...Model.EntityTypeRow.properties, type: Type.Literal('EntityType') });
export type EntityTypeRow = Static<typeof EntityTypeRow>;

/** An entity type that is not a temporal kind. */
export const AssetTypeRow = Type.Object({ ...Model.EntityTypeRow.properties, type: Type.Literal('AssetType') });
export type AssetTypeRow = Static<typeof AssetTypeRow>;

export const ProjectRow = Type.Object({ ...Model.ProjectRow.properties, type: Type.Literal('Project') });
export type ProjectRow = Static<typeof ProjectRow>;

export const CommentRow = Type.Object({ ...Model.CommentRow.properties, type: Type.Literal('Comment') });
export type CommentRow = Static<typeof CommentRow>;

export const TimeSpentRow = Type.Object({ ...Model.TimeSpentRow.properties, type: Type.Literal('TimeSpent') });
export type TimeSpentRow = Static<typeof TimeSpentRow>;

export const NotificationRow = Type.Object({ ...Model.NotificationRow.properties, type: Type.Literal('Notification') });
export type NotificationRow = Static<typeof NotificationRow>;
export const SubscriptionRow = Type.Object({ ...Model.SubscriptionRow.properties, type: Type.Literal('Subscription') });
export type SubscriptionRow = Static<typeof SubscriptionRow>;

/** The full safe view of a person (the model has no secret column). */
export const PersonRow = Type.Object({ ...Model.PersonRow.properties, type: Type.Literal('Person') });
export type PersonRow = Static<typeof PersonRow>;

export const OrganisationRow = Type.Object({ ...Model.OrganisationRow.properties, type: Type.Literal('Organisation') });
export type OrganisationRow = Static<typeof OrganisationRow>;

export const DepartmentRow = Type.Object({ ...Model.DepartmentRow.properties, type: Type.Literal('Department') });
export const StudioRow = Type.Object({ ...Model.StudioRow.properties, type: Type.Literal('Studio') });
export const ProjectStatusRow = Type.Object({ ...Model.ProjectStatusRow.properties, type: Type.Literal('ProjectStatus') });
