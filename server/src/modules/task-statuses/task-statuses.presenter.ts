import type { AllTaskStatuses, CustomTaskStatus, SystemTaskStatus } from '../../../../packages/contracts/src/task-statuses.schema.ts';
import type { StatusRow } from './task-statuses.repository.ts';

export const DEFAULT_SYSTEM_KEY = 'not_started';

/**
 * A status's id in the studio vocabulary (seeds 000/001): the system key for the five system statuses,
 * the UUID for a project's custom statuses, the Zou short name for any other global status.
 */
export function studioStatusId(row: Pick<StatusRow, 'id' | 'system_key' | 'project_id' | 'short_name'>): string {
  return row.system_key ?? (row.project_id ? row.id : row.short_name);
}

export function presentCustomStatus(row: StatusRow): CustomTaskStatus {
  return {
    id: row.id, name: row.name, color: row.color, order: row.sort_order, is_default: row.is_default, short_name: row.short_name,
    is_done: row.is_done, is_artist_allowed: row.is_artist_allowed, is_client_allowed: row.is_client_allowed,
    is_feedback_request: row.is_feedback_request, is_retake: row.is_retake,
  };
}

export function presentSystemStatus(row: StatusRow): SystemTaskStatus {
  return { id: row.system_key ?? row.short_name, name: row.name, color: row.color, is_system: true };
}

export function presentAllStatuses(custom: StatusRow[], system: StatusRow[]): AllTaskStatuses {
  const customDefault = custom.find((row) => row.is_default);
  return {
    statuses: custom.map(presentCustomStatus),
    system_statuses: system.map(presentSystemStatus),
    default_status_id: customDefault ? customDefault.id : DEFAULT_SYSTEM_KEY,
  };
}
