import { Type, type Static, type TSchema } from 'typebox';
import * as Model from './models/index.ts';
import { Nullable, Uuid } from './models/index.ts';
import * as Rows from './rows.schema.ts';

/**
 * Project feature shapes (Zou contract §2.2 project and its links, §4.3 gazu.project, §5.1 per-project
 * roles). Bodies accept extra keys, as Zou ignores what a route does not read.
 */

const open = { additionalProperties: true } as const;
/**
 * Nullable request fields stay `anyOf [T, null]`: under type coercion a null is then read as "" (or
 * 0), which the services expect. Responses use the models' `Nullable`.
 */
const OrNull = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ProjectParams = Type.Object({ project_id: Type.String() });
export const ProjectPersonParams = Type.Object({ project_id: Type.String(), person_id: Type.String() });
export const ProjectAssetTypeParams = Type.Object({ project_id: Type.String(), asset_type_id: Type.String() });
export const ProjectTaskTypeParams = Type.Object({ project_id: Type.String(), task_type_id: Type.String() });
export const ProjectTaskStatusParams = Type.Object({ project_id: Type.String(), task_status_id: Type.String() });

/** A per-project role override; null restores the person's global role. Admin is global only. */
export const ProjectRole = Type.Union([
  Type.Literal('user'),
  Type.Literal('supervisor'),
  Type.Literal('manager'),
  Type.Literal('client'),
  Type.Literal('vendor'),
]);

/** The project row: every column plus `type: "Project"`. */
export const ProjectRow = Type.Object(Rows.ProjectRow.properties, open);

/**
 * `data/projects/open` and `data/user/projects/open`: project rows with their links (ids), metadata
 * descriptors and settings maps.
 */
export const OpenProject = Type.Object(
  {
    ...ProjectRow.properties,
    team: Type.Array(Uuid()),
    asset_types: Type.Array(Uuid()),
    task_types: Type.Array(Uuid()),
    task_statuses: Type.Array(Uuid()),
    status_automations: Type.Array(Uuid()),
    preview_background_files: Type.Array(Uuid()),
    descriptors: Type.Array(Type.Object(Type.Pick(Model.MetadataDescriptorRow, ['id', 'name', 'field_name']).properties, open)),
    task_types_priority: Type.Record(Type.String(), Nullable(Type.Integer())),
    task_statuses_link: Type.Record(Type.String(), Type.Object({}, open)),
    first_episode_id: Type.Optional(Nullable(Uuid())),
  },
  { ...open, description: 'An open project with its relations as id lists, metadata descriptors and settings links.' },
);
export type OpenProject = Static<typeof OpenProject>;
export const OpenProjectList = Type.Array(OpenProject);
export const OpenProjectsQuery = Type.Object({ name: Type.Optional(Type.String()) }, open);

/** `data/projects/all`: project rows with their status name; for admins, the production-level metadata descriptors. */
export const AllProjectList = Type.Array(Type.Object(
  {
    ...ProjectRow.properties,
    project_status_name: Type.String(),
    descriptors: Type.Optional(Type.Array(Type.Object(Type.Pick(Model.MetadataDescriptorRow, ['id', 'name', 'field_name']).properties, open))),
  },
  open,
));

/** A team member: the person (full safe view for managers, minimal otherwise) plus `project_role`. */
export const TeamMember = Type.Object(
  {
    ...Type.Pick(Rows.PersonRow, ['id', 'first_name', 'last_name', 'full_name', 'type']).properties,
    project_role: Nullable(Type.String()),
  },
  open,
);
export const TeamList = Type.Array(TeamMember);

export const AddTeamMemberBody = Type.Object(
  { person_id: Type.String({ minLength: 1 }), role: Type.Optional(OrNull(ProjectRole)) },
  open,
);
export type AddTeamMemberBody = Static<typeof AddTeamMemberBody>;

export const TeamRoleBody = Type.Object({ role: Type.Optional(OrNull(ProjectRole)) }, open);
export type TeamRoleBody = Static<typeof TeamRoleBody>;

export const TeamRole = Type.Object({
  project_id: Type.String(),
  person_id: Type.String(),
  role: Nullable(Type.String()),
});

export const AddAssetTypeBody = Type.Object({ asset_type_id: Type.String({ minLength: 1 }) }, open);
export type AddAssetTypeBody = Static<typeof AddAssetTypeBody>;
export const AddTaskTypeBody = Type.Object(
  { task_type_id: Type.String({ minLength: 1 }), priority: Type.Optional(OrNull(Type.Integer())) },
  open,
);
export type AddTaskTypeBody = Static<typeof AddTaskTypeBody>;
export const AddTaskStatusBody = Type.Object({ task_status_id: Type.String({ minLength: 1 }) }, open);
export type AddTaskStatusBody = Static<typeof AddTaskStatusBody>;

/** `POST data/projects/<id>/settings/status-automations` and `.../preview-background-files` (#14). */
export const AddStatusAutomationBody = Type.Object({ status_automation_id: Type.String({ minLength: 1 }) }, open);
export const AddPreviewBackgroundBody = Type.Object({ preview_background_file_id: Type.String({ minLength: 1 }) }, open);
export const ProjectStatusAutomationParams = Type.Object({ project_id: Type.String(), status_automation_id: Type.String() });
export const ProjectPreviewBackgroundParams = Type.Object({ project_id: Type.String(), preview_background_file_id: Type.String() });
export const StatusAutomationList = Type.Array(Type.Object({ ...Model.StatusAutomationRow.properties, type: Type.Literal('StatusAutomation') }));
export const PreviewBackgroundList = Type.Array(Type.Object({ ...Model.PreviewBackgroundFileRow.properties, type: Type.Literal('PreviewBackgroundFile') }));

/** Task status rows as configured on a project (`type: "TaskStatus"`). */
export const TaskStatusList = Type.Array(Type.Object(Rows.TaskStatusRow.properties, open));

/** `POST data/task-type-links`: link a task type to a project with a priority (upsert). */
export const TaskTypeLinkBody = Type.Object(
  {
    project_id: Type.String({ format: 'uuid' }),
    task_type_id: Type.String({ format: 'uuid' }),
    priority: Type.Optional(OrNull(Type.Integer())),
  },
  open,
);
export type TaskTypeLinkBody = Static<typeof TaskTypeLinkBody>;

/** `POST data/task-status-links`: link a task status to a project with a priority and board roles. */
export const TaskStatusLinkBody = Type.Object(
  {
    project_id: Type.String({ format: 'uuid' }),
    task_status_id: Type.String({ format: 'uuid' }),
    priority: Type.Optional(OrNull(Type.Integer())),
    roles_for_board: Type.Optional(OrNull(Type.Array(Type.String()))),
  },
  open,
);
export type TaskStatusLinkBody = Static<typeof TaskStatusLinkBody>;

export const TaskTypeLink = Type.Object(
  {
    id: Type.String(),
    project_id: Type.String(),
    task_type_id: Type.String(),
    priority: Nullable(Type.Integer()),
    type: Type.Literal('ProjectTaskTypeLink'),
  },
  open,
);
export const TaskStatusLink = Type.Object(
  {
    id: Type.String(),
    project_id: Type.String(),
    task_status_id: Type.String(),
    priority: Nullable(Type.Integer()),
    roles_for_board: Type.Array(Type.String()),
    type: Type.Literal('ProjectTaskStatusLink'),
  },
  open,
);

/** Reorder bodies are checked by hand: Zou answers its own message when the list is missing. */
export const ReorderBody = Type.Unknown({ description: '{task_type_ids: [...]} or {task_status_ids: [...]}' });

/** `GET data/projects/<id>/task-types`: the project's task types with their priority in the project. */
export const ProjectTaskTypeList = Type.Array(
  Type.Object({ ...Rows.TaskTypeRow.properties, project_priority: Nullable(Type.Integer()) }),
);
