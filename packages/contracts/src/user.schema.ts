import { Type, type Static } from 'typebox';
import { Nullable, Uuid, WireDateTime } from './time-spents.schema.ts';

/**
 * gazu.user views (Zou contract §4.8 and the "Notes on §4"): everything under `data/user/…` answers
 * for the caller and refuses bots. Rows list their main keys; the other columns of the underlying
 * row pass through (`additionalProperties`), as Zou serialises every column.
 */

const open = { additionalProperties: true } as const;
const NullableString = Nullable(Type.String());

export const TodoRow = Type.Object(
  {
    id: Uuid(),
    type: Type.Literal('Task'),
    name: Type.String(),
    project_id: Uuid(),
    entity_id: Uuid(),
    task_type_id: Uuid(),
    task_status_id: Uuid(),
    project_name: Type.String(),
    project_has_avatar: Type.Boolean(),
    entity_name: Type.String(),
    entity_description: NullableString,
    entity_data: Type.Unknown({ description: 'The entity metadata (JSON)' }),
    entity_preview_file_id: Type.String({ description: 'Main thumbnail id, "" when none' }),
    entity_source_id: Type.String({ description: 'Source entity id (an asset\'s episode), "" when none' }),
    entity_type_name: Type.String(),
    entity_canceled: Type.Boolean(),
    sequence_name: NullableString,
    episode_id: Type.String({ description: 'Episode id, "" when none' }),
    episode_name: NullableString,
    task_type_name: Type.String(),
    task_type_color: Type.String(),
    task_type_for_entity: Type.String(),
    task_status_name: Type.String(),
    task_status_color: Type.String(),
    task_status_short_name: Type.String(),
    task_estimation: Type.Number({ description: 'Minutes' }),
    task_duration: Type.Number({ description: 'Minutes' }),
    task_start_date: Nullable(WireDateTime()),
    task_due_date: Nullable(WireDateTime()),
    assignees: Type.Array(Uuid()),
    last_comment: Type.Object(
      {
        text: Type.Optional(NullableString),
        date: Type.Optional(WireDateTime()),
        person_id: Type.Optional(Uuid()),
      },
      { description: 'The last comment not written by a client; {} when none' },
    ),
  },
  { ...open, description: 'A task with the names a task list shows (Zou "todo row"); all task columns are present too.' },
);
export type TodoRow = Static<typeof TodoRow>;
export const TodoList = Type.Array(TodoRow);

export const OpenProject = Type.Object(
  {
    id: Uuid(),
    type: Type.Literal('Project'),
    name: Type.String(),
    project_status_id: Nullable(Uuid()),
    team: Type.Array(Uuid()),
    asset_types: Type.Array(Uuid()),
    task_types: Type.Array(Uuid()),
    task_statuses: Type.Array(Uuid()),
    descriptors: Type.Array(Type.Object({ id: Uuid(), name: Type.String(), field_name: Type.String() }, open)),
    task_types_priority: Type.Record(Type.String(), Nullable(Type.Integer())),
    task_statuses_link: Type.Record(Type.String(), Type.Object({}, open)),
    first_episode_id: Type.Optional(Uuid()),
  },
  { ...open, description: 'An open project with its relations as id lists, metadata descriptors and settings links.' },
);
export type OpenProject = Static<typeof OpenProject>;
export const OpenProjectList = Type.Array(OpenProject);

const Listed = <T extends string>(type: T) => Type.Object({ id: Uuid(), type: Type.Literal(type) }, open);

export const UserContext = Type.Object(
  {
    projects: OpenProjectList,
    persons: Type.Array(Listed('Person'), { description: 'Minimal view unless the caller is an admin or a manager' }),
    task_types: Type.Array(Listed('TaskType')),
    task_status: Type.Array(Listed('TaskStatus')),
    asset_types: Type.Array(Listed('AssetType')),
    departments: Type.Array(Listed('Department')),
    studios: Type.Array(Listed('Studio')),
    project_status: Type.Array(Listed('ProjectStatus')),
    notification_count: Type.Integer({ description: 'Unread notifications of the caller' }),
    project_roles: Type.Record(Type.String(), Type.String(), { description: 'Per-project role overrides of the caller' }),
    custom_actions: Type.Array(Type.Unknown()),
    status_automations: Type.Array(Type.Unknown()),
    search_filters: Type.Array(Type.Unknown()),
    search_filter_groups: Type.Array(Type.Unknown()),
    preview_background_files: Type.Array(Type.Unknown()),
    plugins: Type.Array(Type.Unknown()),
    user_limit: Type.Optional(Type.Integer({ description: 'Admins only' })),
  },
  { ...open, description: 'What the web app loads at start.' },
);
export type UserContext = Static<typeof UserContext>;

export const EntityRow = Type.Object({ id: Uuid(), name: Type.String(), type: Type.String(), project_id: Uuid() }, open);
export type EntityRow = Static<typeof EntityRow>;
export const EntityList = Type.Array(EntityRow);
export const AssetTypeRow = Listed('AssetType');
export type AssetTypeRow = Static<typeof AssetTypeRow>;
export const AssetTypeList = Type.Array(AssetTypeRow);
export const TaskRow = Type.Object({ id: Uuid(), type: Type.Literal('Task'), entity_id: Uuid(), task_type_id: Uuid() }, open);
export type TaskRow = Static<typeof TaskRow>;
export const TaskList = Type.Array(TaskRow);
export const TaskTypeRow = Type.Object({ id: Uuid(), type: Type.Literal('TaskType'), name: Type.String() }, open);
export type TaskTypeRow = Static<typeof TaskTypeRow>;
export const TaskTypeList = Type.Array(TaskTypeRow);

export const OpenProjectsQuery = Type.Object({ name: Type.Optional(Type.String()) }, open);
export const ProjectParams = Type.Object({ project_id: Type.String() });
export const ProjectAssetTypeParams = Type.Object({ project_id: Type.String(), asset_type_id: Type.String() });
export const EntityParams = Type.Object({ entity_id: Type.String() });
export const PersonTasksParams = Type.Object({ person_id: Type.String() });

export const Notification = Type.Object(
  {
    id: Uuid(),
    type: Type.Literal('Notification'),
    notification_type: Type.String({ description: 'comment | mention | assignation | reply | reply-mention | playlist-ready' }),
    author_id: Uuid(),
    comment_id: Nullable(Uuid()),
    task_id: Nullable(Uuid()),
    task_type_id: Nullable(Uuid()),
    task_status_id: Nullable(Uuid()),
    mentions: Type.Array(Uuid()),
    department_mentions: Type.Array(Uuid()),
    reply_mentions: Type.Array(Type.Unknown()),
    reply_department_mentions: Type.Array(Type.Unknown()),
    preview_file_id: Nullable(Uuid()),
    project_id: Nullable(Uuid()),
    project_name: NullableString,
    comment_text: NullableString,
    reply_text: Type.String(),
    created_at: WireDateTime(),
    read: Type.Boolean(),
    change: Type.Boolean(),
    full_entity_name: Type.String(),
    episode_id: Nullable(Uuid()),
    entity_preview_file_id: Nullable(Uuid()),
    subscription_id: Nullable(Uuid()),
    playlist_id: Nullable(Uuid()),
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

export const NotificationRecord = Type.Object(
  {
    id: Uuid(),
    created_at: WireDateTime(),
    updated_at: WireDateTime(),
    read: Type.Boolean(),
    change: Type.Boolean(),
    type: Type.Literal('Notification'),
    notification_type: Type.String(),
    person_id: Uuid(),
    author_id: Uuid(),
    comment_id: Nullable(Uuid()),
    task_id: Nullable(Uuid()),
    playlist_id: Nullable(Uuid()),
    reply_id: NullableString,
  },
  { description: 'The notification row after the update.' },
);
export type NotificationRecord = Static<typeof NotificationRecord>;
