import type { Selectable } from 'kysely';
import type { TaskRow, TaskStatusRow, TaskTypeRow } from '../../../../packages/contracts/src/tasks.schema.ts';
import type { Entity, Project, Task, TaskStatus, TaskType } from '../../platform/db/schema.ts';
import type { EntityKind } from '../breakdown/entity-kind.ts';

/**
 * Presenters whitelist Zou's columns: a column added to a table (created_by, system_key, sort_order...)
 * never reaches the wire by accident.
 */

export function presentTask(row: Selectable<Task>, assignees?: string[]): TaskRow {
  return {
    id: row.id,
    type: 'Task',
    created_at: row.created_at,
    updated_at: row.updated_at,
    name: row.name,
    description: row.description,
    priority: row.priority,
    difficulty: row.difficulty,
    duration: row.duration,
    estimation: row.estimation,
    completion_rate: row.completion_rate,
    retake_count: row.retake_count,
    sort_order: row.sort_order,
    start_date: row.start_date,
    due_date: row.due_date,
    real_start_date: row.real_start_date,
    end_date: row.end_date,
    done_date: row.done_date,
    last_comment_date: row.last_comment_date,
    nb_assets_ready: row.nb_assets_ready,
    nb_drawings: row.nb_drawings,
    data: row.data,
    shotgun_id: row.shotgun_id,
    last_preview_file_id: row.last_preview_file_id,
    project_id: row.project_id,
    task_type_id: row.task_type_id,
    task_status_id: row.task_status_id,
    entity_id: row.entity_id,
    assigner_id: row.assigner_id,
    ...(assignees ? { assignees } : {}),
  };
}

export function presentTaskType(row: Selectable<TaskType>): TaskTypeRow {
  return {
    id: row.id,
    type: 'TaskType',
    created_at: row.created_at,
    updated_at: row.updated_at,
    name: row.name,
    short_name: row.short_name,
    description: row.description,
    color: row.color,
    priority: row.priority,
    for_entity: row.for_entity,
    allow_timelog: row.allow_timelog,
    archived: row.archived,
    shotgun_id: row.shotgun_id,
    department_id: row.department_id,
  };
}

export function presentTaskStatus(row: Selectable<TaskStatus>): TaskStatusRow {
  return {
    id: row.id,
    type: 'TaskStatus',
    created_at: row.created_at,
    updated_at: row.updated_at,
    name: row.name,
    short_name: row.short_name,
    color: row.color,
    description: row.description,
    priority: row.priority,
    is_done: row.is_done,
    is_artist_allowed: row.is_artist_allowed,
    is_client_allowed: row.is_client_allowed,
    is_retake: row.is_retake,
    is_feedback_request: row.is_feedback_request,
    is_default: row.is_default,
    is_wip: row.is_wip,
    for_concept: row.for_concept,
    archived: row.archived,
    shotgun_id: row.shotgun_id,
    project_id: row.project_id,
  };
}

const ENTITY_FIELDS = [
  'id', 'created_at', 'updated_at', 'name', 'code', 'description', 'shotgun_id', 'canceled', 'nb_frames',
  'nb_entities_out', 'is_casting_standby', 'is_shared', 'status', 'project_id', 'entity_type_id', 'parent_id',
  'source_id', 'preview_file_id', 'data', 'ready_for', 'created_by',
] as const;

/** An entity row with Zou's `type` ("Shot", "Asset"...). */
export function presentEntity(row: Selectable<Entity>, kind: EntityKind): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of ENTITY_FIELDS) out[field] = row[field];
  return { ...out, type: kind };
}

const PROJECT_FIELDS = [
  'id', 'created_at', 'updated_at', 'name', 'code', 'description', 'shotgun_id', 'file_tree', 'data', 'has_avatar',
  'fps', 'ratio', 'resolution', 'production_type', 'production_style', 'start_date', 'end_date', 'man_days',
  'nb_episodes', 'episode_span', 'max_retakes', 'is_clients_isolated', 'is_preview_download_allowed',
  'is_set_preview_automated', 'is_publish_default_for_artists', 'is_bot_collaboration_enabled',
  'is_single_preview_per_revision', 'is_frame_in_numbering', 'revision_padding', 'homepage',
  'hd_bitrate_compression', 'ld_bitrate_compression', 'project_status_id', 'default_preview_background_file_id',
  'from_schedule_version_id',
] as const;

export function presentProject(row: Selectable<Project>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of PROJECT_FIELDS) out[field] = row[field];
  return { ...out, type: 'Project' };
}

export function presentEntityType(row: { id: string; name: string; short_name: string | null; description: string | null; archived: boolean; created_at: string; updated_at: string }): Record<string, unknown> {
  return {
    id: row.id,
    created_at: row.created_at,
    updated_at: row.updated_at,
    name: row.name,
    short_name: row.short_name,
    description: row.description,
    archived: row.archived,
    type: 'EntityType',
  };
}
