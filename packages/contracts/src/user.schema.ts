import { Type, type Static } from 'typebox';
import * as Model from './models/index.ts';
import { Nullable, Uuid } from './models/index.ts';
import * as Rows from './rows.schema.ts';
import { OpenProject, OpenProjectList } from './projects.schema.ts';
import { WireDateTime } from './time-spents.schema.ts';

/**
 * gazu.user views (Zou contract §4.8 and the "Notes on §4"): everything under `data/user/…` answers
 * for the caller and refuses bots. Rows are the serialised model rows (rows.schema.ts); the views
 * that add names stay open objects.
 */

const open = { additionalProperties: true } as const;

const entityName = Model.EntityRow.properties.name;

export const TodoRow = Type.Object(
  {
    ...Rows.TaskRow.properties,
    project_name: Model.ProjectRow.properties.name,
    project_has_avatar: Model.ProjectRow.properties.has_avatar,
    entity_name: entityName,
    entity_description: Model.EntityRow.properties.description,
    entity_data: Model.Json('The entity metadata (JSON)'),
    entity_preview_file_id: Type.String({ description: 'Main thumbnail id, "" when none' }),
    entity_source_id: Type.String({ description: 'Source entity id (an asset\'s episode), "" when none' }),
    entity_type_name: Model.EntityTypeRow.properties.name,
    entity_canceled: Model.EntityRow.properties.canceled,
    sequence_name: Nullable(entityName),
    episode_id: Type.String({ description: 'Episode id, "" when none' }),
    episode_name: Nullable(entityName),
    task_type_name: Model.TaskTypeRow.properties.name,
    task_type_color: Model.TaskTypeRow.properties.color,
    task_type_for_entity: Model.TaskTypeRow.properties.for_entity,
    task_status_name: Model.TaskStatusRow.properties.name,
    task_status_color: Model.TaskStatusRow.properties.color,
    task_status_short_name: Model.TaskStatusRow.properties.short_name,
    task_estimation: Model.TaskRow.properties.estimation,
    task_duration: Model.TaskRow.properties.duration,
    task_start_date: Model.TaskRow.properties.start_date,
    task_due_date: Model.TaskRow.properties.due_date,
    assignees: Type.Array(Uuid()),
    last_comment: Type.Object(
      {
        text: Type.Optional(Model.CommentRow.properties.text),
        date: Type.Optional(WireDateTime()),
        person_id: Type.Optional(Uuid()),
      },
      { description: 'The last comment not written by a client; {} when none' },
    ),
  },
  { ...open, description: 'A task (every column) with the names a task list shows (Zou "todo row").' },
);
export type TodoRow = Static<typeof TodoRow>;
export const TodoList = Type.Array(TodoRow);

export { OpenProject, OpenProjectList };

/** What the caller may do in one production (a Rushes extension of the context), so pages offer only that. */
export const ProjectCapabilities = Type.Object(
  {
    role: Type.String({ description: 'Effective role in the production: its per-project role, else the global one' }),
    manage: Type.Boolean({ description: 'Coordinator rights: breakdown, tasks, team, statuses, every task' }),
    act_on_all_tasks: Type.Boolean({ description: 'May change the status of (and comment on) every task, not only assigned ones' }),
    supervises: Type.Union([Type.Literal('all'), Type.Array(Type.String({ format: 'uuid' }))], {
      description: "Departments whose tasks the caller acts on and plans as a supervisor ('all': every one)",
    }),
    assign_anyone: Type.Boolean({ description: 'May assign anyone; else only people sharing a department, on supervised tasks' }),
    settable_task_status_ids: Type.Array(Type.String({ format: 'uuid' }), { description: 'The task statuses the caller may set' }),
  },
  { additionalProperties: false },
);
export type ProjectCapabilities = Static<typeof ProjectCapabilities>;

export const UserContext = Type.Object(
  {
    projects: OpenProjectList,
    persons: Type.Array(Type.Object(Type.Pick(Rows.PersonRow, ['id', 'type']).properties, open), {
      description: 'Minimal view unless the caller is an admin or a manager',
    }),
    task_types: Type.Array(Rows.TaskTypeRow),
    task_status: Type.Array(Rows.TaskStatusRow),
    asset_types: Type.Array(Rows.AssetTypeRow),
    departments: Type.Array(Rows.DepartmentRow),
    studios: Type.Array(Rows.StudioRow),
    project_status: Type.Array(Rows.ProjectStatusRow),
    notification_count: Type.Integer({ description: 'Unread notifications of the caller' }),
    project_roles: Type.Record(Type.String(), Type.String(), { description: 'Per-project role overrides of the caller' }),
    custom_actions: Type.Array(Type.Unknown()),
    status_automations: Type.Array(Type.Unknown()),
    search_filters: Type.Array(Type.Unknown()),
    search_filter_groups: Type.Array(Type.Unknown()),
    preview_background_files: Type.Array(Type.Unknown()),
    plugins: Type.Array(Type.Unknown()),
    user_limit: Type.Optional(Type.Integer({ description: 'Admins only' })),
    capabilities: Type.Record(Type.String(), ProjectCapabilities, { description: 'What the caller may do, per open production id' }),
  },
  { ...open, description: 'What the web app loads at start.' },
);
export type UserContext = Static<typeof UserContext>;

/** The user-scope reads: serialised model rows. */
export const EntityRow = Rows.EntityRow;
export type EntityRow = Static<typeof EntityRow>;
export const EntityList = Type.Array(EntityRow);
export const AssetTypeRow = Rows.AssetTypeRow;
export type AssetTypeRow = Static<typeof AssetTypeRow>;
export const AssetTypeList = Type.Array(AssetTypeRow);
export const TaskRow = Rows.TaskRow;
export type TaskRow = Static<typeof TaskRow>;
export const TaskList = Type.Array(TaskRow);
export const TaskTypeRow = Rows.TaskTypeRow;
export type TaskTypeRow = Static<typeof TaskTypeRow>;
export const TaskTypeList = Type.Array(TaskTypeRow);

export const OpenProjectsQuery = Type.Object({ name: Type.Optional(Type.String()) }, open);
export const ProjectParams = Type.Object({ project_id: Type.String() });
export const ProjectAssetTypeParams = Type.Object({ project_id: Type.String(), asset_type_id: Type.String() });
export const EntityParams = Type.Object({ entity_id: Type.String() });
export const PersonTasksParams = Type.Object({ person_id: Type.String() });

export const Notification = Type.Object(
  {
    ...Type.Pick(Rows.NotificationRow, [
      'id', 'type', 'notification_type', 'author_id', 'comment_id', 'task_id', 'created_at', 'read', 'change', 'playlist_id',
    ]).properties,
    task_type_id: Nullable(Uuid()),
    task_status_id: Nullable(Uuid()),
    mentions: Type.Array(Uuid()),
    department_mentions: Type.Array(Uuid()),
    reply_mentions: Type.Array(Type.Unknown()),
    reply_department_mentions: Type.Array(Type.Unknown()),
    preview_file_id: Nullable(Uuid()),
    project_id: Nullable(Uuid()),
    project_name: Nullable(Model.ProjectRow.properties.name),
    comment_text: Model.CommentRow.properties.text,
    reply_text: Type.String(),
    full_entity_name: Type.String(),
    episode_id: Nullable(Uuid()),
    entity_preview_file_id: Nullable(Uuid()),
    subscription_id: Nullable(Uuid()),
    playlist_name: Type.String(),
    playlist_for_entity: Type.String(),
    playlist_is_for_all: Type.Boolean(),
  },
  { description: 'A notification of the caller, with what a notification list shows.' },
);
export type Notification = Static<typeof Notification>;
export const NotificationList = Type.Array(Notification);

export const NotificationsQuery = Type.Object(
  {
    after: Type.Optional(Type.String({ description: 'Only notifications created after (YYYY-MM-DD[THH:MM:SS])' })),
    before: Type.Optional(Type.String({ description: 'Only notifications created before' })),
    task_type_id: Type.Optional(Type.String()),
    task_status_id: Type.Optional(Type.String()),
    type: Type.Optional(Type.String({ description: 'Notification type' })),
    read: Type.Optional(Type.String({ description: '"true" or "false"' })),
    watching: Type.Optional(Type.String({ description: '"true": only tasks the caller is subscribed to' })),
    limit: Type.Optional(Type.String({ description: 'Page size, default 100, at most 1000' })),
    page: Type.Optional(Type.String({ description: 'Page number from 1' })),
  },
  open,
);
export type NotificationsQuery = Static<typeof NotificationsQuery>;

export const NotificationParams = Type.Object({ notification_id: Type.String() });
export const NotificationUpdateBody = Type.Object({ read: Type.Optional(Nullable(Type.Boolean())) }, open);
export type NotificationUpdateBody = Static<typeof NotificationUpdateBody>;

export const NotificationRecord = Type.Object(Rows.NotificationRow.properties, {
  description: 'The notification row after the update.',
});
export type NotificationRecord = Static<typeof NotificationRecord>;

/** `data/user/tasks/<task_id>/subscribed`, `actions/user/tasks/<task_id>/subscribe|unsubscribe`. */
export const TaskSubscriptionParams = Type.Object({ task_id: Type.String() });
export const TaskSubscription = Type.Object(Rows.SubscriptionRow.properties, { description: "The caller's watch on the task." });
export type TaskSubscription = Static<typeof TaskSubscription>;
export const IsSubscribed = Type.Boolean({ description: 'Whether the caller watches the task.' });

/** `actions/user/notifications/mark-all-as-read`. */
export const MarkAllReadResult = Type.Object({ success: Type.Literal(true) });
