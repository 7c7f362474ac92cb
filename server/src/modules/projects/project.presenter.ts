import type { Selectable } from 'kysely';
import type { Project, TaskStatus } from '../../platform/db/schema.ts';

/** Every column of `project` (§2.2): what a project row serialises to, with `type: "Project"`. */
export const PROJECT_COLUMNS = [
  'id', 'created_at', 'updated_at', 'name', 'code', 'description', 'shotgun_id', 'file_tree', 'data', 'has_avatar',
  'fps', 'ratio', 'resolution', 'production_type', 'production_style', 'start_date', 'end_date', 'man_days',
  'nb_episodes', 'episode_span', 'max_retakes', 'is_clients_isolated', 'is_preview_download_allowed',
  'is_set_preview_automated', 'is_publish_default_for_artists', 'is_bot_collaboration_enabled',
  'is_single_preview_per_revision', 'is_frame_in_numbering', 'revision_padding', 'homepage',
  'hd_bitrate_compression', 'ld_bitrate_compression', 'project_status_id', 'default_preview_background_file_id',
  'from_schedule_version_id',
] as const;

/** Columns of a task status as listed in a project's settings. */
export const TASK_STATUS_COLUMNS = [
  'id', 'created_at', 'updated_at', 'name', 'short_name', 'color', 'description', 'priority', 'is_done',
  'is_artist_allowed', 'is_client_allowed', 'is_retake', 'is_feedback_request', 'is_default', 'is_wip',
  'for_concept', 'archived', 'shotgun_id', 'project_id',
] as const;

export type ProjectRecord = Selectable<Project>;
export type ProjectView = ProjectRecord & { type: 'Project' };
export type TaskStatusRecord = Pick<Selectable<TaskStatus>, (typeof TASK_STATUS_COLUMNS)[number]>;
export type TaskStatusView = TaskStatusRecord & { type: 'TaskStatus' };

function pick<K extends string>(row: Record<K, unknown>, fields: readonly K[]): Record<K, unknown> {
  const out = {} as Record<K, unknown>;
  for (const field of fields) out[field] = row[field];
  return out;
}

export function presentProject(row: ProjectRecord): ProjectView {
  return { ...(pick(row, PROJECT_COLUMNS) as ProjectRecord), type: 'Project' };
}

export function presentTaskStatus(row: TaskStatusRecord): TaskStatusView {
  return { ...(pick(row, TASK_STATUS_COLUMNS) as TaskStatusRecord), type: 'TaskStatus' };
}
