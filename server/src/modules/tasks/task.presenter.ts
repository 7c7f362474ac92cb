import type { Selectable } from 'kysely';
import type { TaskType as TaskTypeModel } from '../../../../packages/contracts/src/models/index.ts';
import type { TaskRow, TaskStatusRow, TaskTypeRow } from '../../../../packages/contracts/src/tasks.schema.ts';
import type { Task, TaskStatus, TaskType } from '../../platform/db/schema.ts';

/**
 * Presenters whitelist Zou's columns: a column added to a table (created_by, system_key, sort_order...)
 * never reaches the wire by accident, and one added to a model row (packages/contracts/src/models) does
 * not compile until it is presented. Entity, entity type and project rows: breakdown/entity.presenter.ts
 * and projects/project.presenter.ts.
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
    // Held to the model's list of kinds by the column's CHECK constraint.
    for_entity: row.for_entity as TaskTypeModel['for_entity'],
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
