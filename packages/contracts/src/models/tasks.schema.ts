import { Type, type Static } from 'typebox';
import { Choice, DateTime, Json, Nullable, Uuid } from './columns.ts';

/** Task types, task statuses and tasks. */

export const TaskTypeRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Type.String({ maxLength: 40 }),
  short_name: Nullable(Type.String({ maxLength: 20 })),
  description: Nullable(Type.String()),
  color: Type.String({ maxLength: 7 }),
  priority: Nullable(Type.Integer()),
  for_entity: Choice(['Asset', 'Shot', 'Sequence', 'Episode', 'Edit', 'Concept', 'Scene']),
  allow_timelog: Type.Boolean(),
  archived: Type.Boolean(),
  shotgun_id: Nullable(Type.Integer()),
  department_id: Nullable(Uuid()),
});
export type TaskType = Static<typeof TaskTypeRow>;

export const TaskStatusRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Type.String({ maxLength: 40 }),
  short_name: Type.String({ maxLength: 10 }),
  color: Type.String({ maxLength: 7 }),
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
  system_key: Nullable(Type.String({ maxLength: 20 })),
  project_id: Nullable(Uuid()),
  sort_order: Type.Integer(),
});
export type TaskStatus = Static<typeof TaskStatusRow>;

export const TaskRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Type.String({ maxLength: 80 }),
  description: Nullable(Type.String()),
  priority: Type.Integer(),
  difficulty: Type.Integer(),
  duration: Type.Number({ description: 'minutes' }),
  estimation: Type.Number({ description: 'minutes' }),
  completion_rate: Type.Integer(),
  retake_count: Type.Integer(),
  sort_order: Type.Integer(),
  start_date: Nullable(DateTime()),
  due_date: Nullable(DateTime()),
  real_start_date: Nullable(DateTime()),
  end_date: Nullable(DateTime()),
  done_date: Nullable(DateTime()),
  last_comment_date: Nullable(DateTime()),
  nb_assets_ready: Type.Integer(),
  nb_drawings: Type.Integer(),
  data: Json(),
  shotgun_id: Nullable(Type.Integer()),
  last_preview_file_id: Nullable(Uuid()),
  project_id: Uuid(),
  task_type_id: Uuid(),
  task_status_id: Uuid(),
  entity_id: Uuid(),
  assigner_id: Nullable(Uuid()),
  created_by: Nullable(Uuid()),
});
export type Task = Static<typeof TaskRow>;

