import { Type, type Static } from 'typebox';
import { Nullable, Uuid, WireDateTime } from './time-spents.schema.ts';

/**
 * The production tables of the web app (Rushes, not Zou): every shot (or asset) of a project with
 * its tasks' status, assignees and schedule, in one request. The server builds the JSON in
 * PostgreSQL; `ETag` / `If-None-Match` let a client revalidate without receiving the body again.
 */

export const ShotsWithTasksQuery = Type.Object({
  project_id: Type.String({ description: 'Project id (a team member reads it; vendors only see shots with a task assigned to them)' }),
  sequence_id: Type.Optional(Type.String({ description: 'Only the shots of this sequence' })),
  episode_id: Type.Optional(Type.String({ description: 'Only the shots of the sequences of this episode' })),
});
export type ShotsWithTasksQuery = Static<typeof ShotsWithTasksQuery>;

export const AssetsWithTasksQuery = Type.Object({
  project_id: Type.String({ description: 'Project id (a team member reads it; vendors only see assets with a task assigned to them)' }),
  asset_type_id: Type.Optional(Type.String({ description: 'Only the assets of this asset type' })),
});
export type AssetsWithTasksQuery = Static<typeof AssetsWithTasksQuery>;

export const EntityTaskSummary = Type.Object(
  {
    id: Uuid(),
    task_type_id: Uuid(),
    task_status_id: Uuid(),
    assignees: Type.Array(Uuid(), { description: 'Person ids, sorted' }),
    priority: Type.Integer(),
    estimation: Type.Number({ description: 'Minutes' }),
    duration: Type.Number({ description: 'Minutes: the sum of the time spents' }),
    start_date: Nullable(WireDateTime()),
    due_date: Nullable(WireDateTime()),
    last_comment_date: Nullable(WireDateTime()),
    retake_count: Type.Integer(),
  },
  { description: 'A task as a production table cell shows it. Tasks are sorted by task type id, then id.' },
);
export type EntityTaskSummary = Static<typeof EntityTaskSummary>;

const FrameValue = Type.Unsafe<number | string | null>({
  type: ['integer', 'string', 'null'],
  description: 'Copied from `data` (Zou keeps frame_in / frame_out there); null when absent',
});

export const ShotWithTasks = Type.Object(
  {
    id: Uuid(),
    name: Type.String(),
    description: Nullable(Type.String()),
    nb_frames: Nullable(Type.Integer()),
    frame_in: FrameValue,
    frame_out: FrameValue,
    data: Type.Unknown({ description: 'The shot metadata (JSON object or null)' }),
    canceled: Type.Boolean(),
    parent_id: Nullable(Uuid()),
    sequence_name: Nullable(Type.String()),
    episode_id: Nullable(Uuid()),
    episode_name: Nullable(Type.String()),
    preview_file_id: Nullable(Uuid()),
    tasks: Type.Array(EntityTaskSummary),
  },
  { description: 'A shot with its tasks. Lists are ordered by episode name, sequence name, shot name.' },
);
export type ShotWithTasks = Static<typeof ShotWithTasks>;
export const ShotsWithTasks = Type.Array(ShotWithTasks);

export const AssetWithTasks = Type.Object(
  {
    id: Uuid(),
    name: Type.String(),
    description: Nullable(Type.String()),
    data: Type.Unknown({ description: 'The asset metadata (JSON object or null)' }),
    canceled: Type.Boolean(),
    entity_type_id: Uuid(),
    asset_type_name: Type.String(),
    preview_file_id: Nullable(Uuid()),
    tasks: Type.Array(EntityTaskSummary),
  },
  { description: 'An asset with its tasks. Lists are ordered by asset type name, then asset name.' },
);
export type AssetWithTasks = Static<typeof AssetWithTasks>;
export const AssetsWithTasks = Type.Array(AssetWithTasks);

/** Response headers of both routes. */
export const WithTasksHeaders = Type.Object({
  etag: Type.String({ description: 'Strong validator; send it back in If-None-Match to get a 304 while nothing changed' }),
});
