import { Type, type Static, type TSchema } from 'typebox';
import * as Model from './models/index.ts';
import * as Rows from './rows.schema.ts';
import { Uuid } from './models/index.ts';

/**
 * Task shapes of the Zou-compatible API (§2.2 task, §4.6 gazu.task). Rows serialise every Zou column
 * plus `type`; lookups add names, and `relations=true` adds `assignees` (person ids).
 */

/** A free JSON object (person views of the persons presenter). */
const AnyJson = Type.Unknown();

export { TaskStatusRow, TaskTypeRow } from './rows.schema.ts';

export const TaskRow = Type.Object({ ...Rows.TaskRow.properties, assignees: Type.Optional(Type.Array(Uuid())) });
export type TaskRow = Static<typeof TaskRow>;

/** A task of an entity lookup (`data/shots/<id>/tasks`...): the row plus the names the lists display. */
export const EntityTaskRow = Type.Object({
  ...TaskRow.properties,
  project_name: Model.ProjectRow.properties.name,
  task_type_name: Model.TaskTypeRow.properties.name,
  task_status_name: Model.TaskStatusRow.properties.name,
  entity_type_name: Model.EntityTypeRow.properties.name,
  entity_name: Model.EntityRow.properties.name,
});
export type EntityTaskRow = Static<typeof EntityTaskRow>;

/** A task just created by a bulk route: the row plus its status and type names (Zou `_finalize_task_creation`). */
export const CreatedTaskRow = Type.Object({
  ...Rows.TaskRow.properties,
  assignees: Type.Array(Uuid()),
  task_status_name: Model.TaskStatusRow.properties.name,
  task_status_short_name: Model.TaskStatusRow.properties.short_name,
  task_status_color: Model.TaskStatusRow.properties.color,
  task_type_name: Model.TaskTypeRow.properties.name,
  task_type_color: Model.TaskTypeRow.properties.color,
  task_type_priority: Model.TaskTypeRow.properties.priority,
});
export type CreatedTaskRow = Static<typeof CreatedTaskRow>;

/** `GET data/tasks/<id>/full`: the task with everything its page shows (Notes on §4). */
export const FullTask = Type.Object({
  ...Rows.TaskRow.properties,
  assignees: Type.Array(Uuid()),
  entity: Rows.EntityRow,
  entity_type: Rows.EntityTypeRow,
  project: Rows.ProjectRow,
  task_status: Rows.TaskStatusRow,
  task_type: Rows.TaskTypeRow,
  persons: Type.Array(AnyJson, { description: 'the assignees' }),
  assigner: Type.Optional(AnyJson),
  is_subscribed: Type.Boolean(),
  sequence: Type.Optional(Rows.EntityRow),
  episode: Type.Optional(Rows.EntityRow),
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

export const ProjectTasksPage = Paginated(TaskRow);

/**
 * A bare array, or a page object when `page` is given. Told apart by if/then/else on the type, not
 * by anyOf: the serialiser would validate every row against each branch, and the rows' zone-less
 * datetimes fail the `date-time` format.
 */
export const ProjectTasksResponse = Type.Unsafe<TaskRow[] | Static<typeof ProjectTasksPage>>({
  if: { type: 'array' },
  then: Type.Array(TaskRow),
  else: ProjectTasksPage,
});

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
  // anyOf, not the models' type array: under type coercion a null arrives as "" (unchanged request behaviour).
  person_id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export const TaskIdList = Type.Array(Uuid());
export const AssigneeError = Type.Object({ error: Type.String() });
