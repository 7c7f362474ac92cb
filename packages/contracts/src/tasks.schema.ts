import { Type, type Static, type TSchema } from 'typebox';

/**
 * Task shapes of the Zou-compatible API (§2.2 task, §4.6 gazu.task). Rows serialise every Zou column
 * plus `type`; lookups add names, and `relations=true` adds `assignees` (person ids).
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ description: 'UUID' });
const DateTime = Nullable(Type.String({ description: 'YYYY-MM-DDTHH:MM:SS (UTC)' }));
/** A free JSON object (Zou JSONB columns, embedded rows of other modules). */
const AnyJson = Type.Unknown();

const taskColumns = {
  id: Id,
  type: Type.Literal('Task'),
  created_at: Type.String(),
  updated_at: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  priority: Type.Integer(),
  difficulty: Type.Integer(),
  duration: Type.Number({ description: 'minutes' }),
  estimation: Type.Number({ description: 'minutes' }),
  completion_rate: Type.Integer(),
  retake_count: Type.Integer(),
  sort_order: Type.Integer(),
  start_date: DateTime,
  due_date: DateTime,
  real_start_date: DateTime,
  end_date: DateTime,
  done_date: DateTime,
  last_comment_date: DateTime,
  nb_assets_ready: Type.Integer(),
  nb_drawings: Type.Integer(),
  data: AnyJson,
  shotgun_id: Nullable(Type.Integer()),
  last_preview_file_id: Nullable(Id),
  project_id: Id,
  task_type_id: Id,
  task_status_id: Id,
  entity_id: Id,
  assigner_id: Nullable(Id),
};

export const TaskRow = Type.Object({ ...taskColumns, assignees: Type.Optional(Type.Array(Id)) });
export type TaskRow = Static<typeof TaskRow>;

/** A task of an entity lookup (`data/shots/<id>/tasks`...): the row plus the names the lists display. */
export const EntityTaskRow = Type.Object({
  ...taskColumns,
  assignees: Type.Optional(Type.Array(Id)),
  project_name: Type.String(),
  task_type_name: Type.String(),
  task_status_name: Type.String(),
  entity_type_name: Type.String(),
  entity_name: Type.String(),
});
export type EntityTaskRow = Static<typeof EntityTaskRow>;

/** A task just created by a bulk route: the row plus its status and type names (Zou `_finalize_task_creation`). */
export const CreatedTaskRow = Type.Object({
  ...taskColumns,
  assignees: Type.Array(Id),
  task_status_name: Type.String(),
  task_status_short_name: Type.String(),
  task_status_color: Type.String(),
  task_type_name: Type.String(),
  task_type_color: Type.String(),
  task_type_priority: Nullable(Type.Integer()),
});
export type CreatedTaskRow = Static<typeof CreatedTaskRow>;

export const TaskTypeRow = Type.Object({
  id: Id,
  type: Type.Literal('TaskType'),
  created_at: Type.String(),
  updated_at: Type.String(),
  name: Type.String(),
  short_name: Nullable(Type.String()),
  description: Nullable(Type.String()),
  color: Type.String(),
  priority: Nullable(Type.Integer()),
  for_entity: Type.String(),
  allow_timelog: Type.Boolean(),
  archived: Type.Boolean(),
  shotgun_id: Nullable(Type.Integer()),
  department_id: Nullable(Id),
});
export type TaskTypeRow = Static<typeof TaskTypeRow>;

export const TaskStatusRow = Type.Object({
  id: Id,
  type: Type.Literal('TaskStatus'),
  created_at: Type.String(),
  updated_at: Type.String(),
  name: Type.String(),
  short_name: Type.String(),
  color: Type.String(),
  description: Nullable(Type.String()),
  priority: Nullable(Type.Integer()),
  is_done: Type.Boolean(),
  is_artist_allowed: Type.Boolean(),
  is_client_allowed: Type.Boolean(),
  is_retake: Type.Boolean(),
  is_feedback_request: Type.Boolean(),
  is_default: Type.Boolean(),
  is_wip: Type.Boolean(),
  for_concept: Type.Boolean(),
  archived: Type.Boolean(),
  shotgun_id: Nullable(Type.Integer()),
  project_id: Nullable(Id),
});
export type TaskStatusRow = Static<typeof TaskStatusRow>;

/** `GET data/tasks/<id>/full`: the task with everything its page shows (Notes on §4). */
export const FullTask = Type.Object({
  ...taskColumns,
  assignees: Type.Array(Id),
  entity: AnyJson,
  entity_type: AnyJson,
  project: AnyJson,
  task_status: TaskStatusRow,
  task_type: TaskTypeRow,
  persons: Type.Array(AnyJson, { description: 'the assignees' }),
  assigner: Type.Optional(AnyJson),
  is_subscribed: Type.Boolean(),
  sequence: Type.Optional(AnyJson),
  episode: Type.Optional(AnyJson),
});
export type FullTask = Static<typeof FullTask>;

export const Paginated = <T extends TSchema>(item: T) =>
  Type.Object({
    data: Type.Array(item),
    total: Type.Integer(),
    nb_pages: Type.Integer(),
    limit: Type.Integer(),
    offset: Type.Integer(),
    page: Type.Integer(),
  });

export const ProjectTasksResponse = Type.Union([Type.Array(TaskRow), Paginated(TaskRow)]);

export const IdParam = Type.Object({ id: Type.String() });
export const EntityTaskTypeParams = Type.Object({ id: Type.String(), taskTypeId: Type.String() });
export const ProjectTaskTypeParams = Type.Object({ projectId: Type.String(), taskTypeId: Type.String() });

/** Zou reads booleans as true only when the value lower-cases to "true" (Gazu sends `True`). */
export const RelationsQuery = Type.Object({ relations: Type.Optional(Type.String()) });

export const ProjectTasksQuery = Type.Object({
  task_type_id: Type.Optional(Type.String()),
  episode_id: Type.Optional(Type.String()),
  page: Type.Optional(Type.String()),
  limit: Type.Optional(Type.String()),
});

export const CreateEntityTasksBody = Type.Object({
  task_type_ids: Type.Array(Type.String(), { default: [], description: 'empty: every task type valid for the entity' }),
});
export type CreateEntityTasksBody = Static<typeof CreateEntityTasksBody>;

export const AssignTasksBody = Type.Object({
  task_ids: Type.Array(Type.String(), { minItems: 1, description: 'Tasks list required.' }),
});
export const AssignTaskBody = Type.Object({ person_id: Type.String({ minLength: 1 }) });

export const ClearAssignationBody = Type.Object({
  task_ids: Type.Array(Type.String(), { minItems: 1, description: 'Tasks list required.' }),
  person_id: Type.Optional(Nullable(Type.String())),
});

export const TaskIdList = Type.Array(Id);
export const AssigneeError = Type.Object({ error: Type.String() });
