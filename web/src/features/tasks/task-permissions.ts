import type { StatusOption } from '@/features/task-statuses/status-model';

/**
 * What a person may do to a task, as the API decides it (server tasks/task.policy.ts: isTaskActor and
 * requireTaskStatusAccess), so that the pages offer only that and nothing is shown, then reverted.
 */

export interface TaskViewer {
  id: string;
  /** Role in the task's production: its per-project role, else the global one (admin stays admin). */
  role: string;
  departmentIds: readonly string[];
}

const MANAGERS = new Set(['admin', 'manager']);

/** May change the task's status or comment on it: coordinators, clients, assignees, the department's supervisors. */
export function mayActOnTask(viewer: TaskViewer, task: { assignees: readonly string[] }, taskTypeDepartmentId: string | null): boolean {
  if (MANAGERS.has(viewer.role) || viewer.role === 'client') return true;
  if (task.assignees.includes(viewer.id)) return true;
  if (viewer.role !== 'supervisor') return false;
  return viewer.departmentIds.length === 0 || (taskTypeDepartmentId !== null && viewer.departmentIds.includes(taskTypeDepartmentId));
}

/** Whether a role may set this status: artists the artist-allowed ones, clients the client-allowed ones. */
export function maySetStatus(role: string, option: StatusOption): boolean {
  if (role === 'user') return option.artistAllowed;
  if (role === 'client') return option.clientAllowed;
  return true;
}

/** The statuses a role may set, in the production's order. */
export const settableStatuses = (role: string, options: readonly StatusOption[]): StatusOption[] => options.filter((option) => maySetStatus(role, option));

/** Why a person cannot change a task's status, in the product's words. */
export const NOT_YOUR_TASK = 'Only its assignees, the supervisors of its department and coordinators change this task.';
