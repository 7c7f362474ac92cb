import { Type, type Static } from 'typebox';
import { TaskStatusRow } from './models/index.ts';

/**
 * Per-project custom task statuses (seed 001). Statuses are identified in the studio vocabulary: the
 * five system statuses by their key ("not_started", "in_progress", "submitted", "approved", "retake"),
 * custom statuses by their UUID.
 */

const open = { additionalProperties: true } as const;

/** Every error of the studio routes: `detail` is what the studio front end reads. */
export const DetailError = Type.Object(
  {
    detail: Type.String(),
    error: Type.Optional(Type.Boolean()),
    message: Type.Optional(Type.String()),
  },
  { ...open, description: 'Error body: `detail` (studio front end), `error` and `message` (Kitsu / Gazu).' },
);

export const HEX_COLOR_PATTERN = '^#[0-9A-Fa-f]{6}$';

/** Gazu looks statuses up by short name: letters, digits, `_` and `-`, at most 10 characters. */
export const SHORT_NAME_PATTERN = '^[A-Za-z0-9_-]{1,10}$';

/** What a studio configures on a status besides its name and colour: its short code and its flags. */
const StatusSettings = {
  short_name: Type.String({ pattern: SHORT_NAME_PATTERN, description: 'Short code shown in tight cells and used by Gazu' }),
  is_done: Type.Boolean({ description: 'The task counts as finished' }),
  is_artist_allowed: Type.Boolean({ description: 'Artists may set it' }),
  is_client_allowed: Type.Boolean({ description: 'Clients may set it' }),
  is_feedback_request: Type.Boolean({ description: 'Asks for a review (the task shows up to supervisors)' }),
  is_retake: Type.Boolean({ description: 'Sends the work back (counted as a retake)' }),
};

/** A project's custom status: its task_status row in the studio vocabulary (`order` is `sort_order`). */
export const CustomTaskStatus = Type.Object({
  id: Type.String({ description: 'UUID of the custom status (also its task_status id for the Zou routes)' }),
  name: TaskStatusRow.properties.name,
  color: Type.String({ pattern: HEX_COLOR_PATTERN }),
  order: Type.Integer({ minimum: 0 }),
  is_default: TaskStatusRow.properties.is_default,
  ...StatusSettings,
});
export type CustomTaskStatus = Static<typeof CustomTaskStatus>;

export const SystemTaskStatus = Type.Object({
  id: Type.String({ description: 'System key: not_started, in_progress, submitted, approved or retake' }),
  name: TaskStatusRow.properties.name,
  color: TaskStatusRow.properties.color,
  is_system: Type.Literal(true),
});
export type SystemTaskStatus = Static<typeof SystemTaskStatus>;

export const AllTaskStatuses = Type.Object({
  statuses: Type.Array(CustomTaskStatus, { description: 'Custom statuses of the project, in order' }),
  system_statuses: Type.Array(SystemTaskStatus),
  default_status_id: Type.String({ description: 'The custom default status id, else "not_started"' }),
});
export type AllTaskStatuses = Static<typeof AllTaskStatuses>;

export const TaskStatusMutationResult = Type.Object({
  message: Type.String(),
  status: Type.Union([CustomTaskStatus, Type.Null()], { description: 'The status created, updated or deleted; null for a reorder' }),
  all_statuses: AllTaskStatuses,
});
export type TaskStatusMutationResult = Static<typeof TaskStatusMutationResult>;

export const ProjectParams = Type.Object({ project_id: Type.String({ description: 'Project UUID' }) });
export const StatusParams = Type.Object({
  project_id: Type.String({ description: 'Project UUID' }),
  status_id: Type.String({ description: 'Custom status UUID' }),
});

const OptionalSettings = Type.Partial(Type.Object(StatusSettings)).properties;

/** Flags left out take Zou's defaults (artists allowed, nothing else); a short code left out is derived from the name. */
export const CreateTaskStatusBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 40 }),
  color: Type.String({ pattern: HEX_COLOR_PATTERN, description: 'Hex color #RRGGBB' }),
  is_default: Type.Optional(Type.Boolean({ default: false })),
  ...OptionalSettings,
});
export type CreateTaskStatusBody = Static<typeof CreateTaskStatusBody>;

export const UpdateTaskStatusBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  color: Type.Optional(Type.String({ pattern: HEX_COLOR_PATTERN, description: 'Hex color #RRGGBB' })),
  is_default: Type.Optional(Type.Boolean()),
  ...OptionalSettings,
});
export type UpdateTaskStatusBody = Static<typeof UpdateTaskStatusBody>;

export const DeleteTaskStatusQuery = Type.Object({
  reassign_to: Type.Optional(
    Type.String({ description: 'Status (system key or custom id) that takes over the tasks using the deleted one' }),
  ),
});
export type DeleteTaskStatusQuery = Static<typeof DeleteTaskStatusQuery>;

/**
 * Emptiness and duplicates are checked by the service, not the schema, so that the 422 texts are the
 * seed's exact Pydantic messages.
 */
export const ReorderTaskStatusesBody = Type.Object({
  status_ids: Type.Array(Type.String(), {
    description: 'Every custom status id of the project, once each, in the new order (not empty, no duplicates)',
  }),
});
export type ReorderTaskStatusesBody = Static<typeof ReorderTaskStatusesBody>;

/** The error responses every studio route documents (seeds 000 and 001). */
export const studioErrorResponses = {
  400: DetailError,
  401: Type.Object({}, open),
  403: DetailError,
  404: DetailError,
} as const;

export const taskStatusErrorResponses = { ...studioErrorResponses, 409: DetailError, 422: DetailError } as const;
