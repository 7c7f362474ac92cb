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

/** A supervisor without departments covers them all (as the API decides). */
const coversDepartment = (viewer: TaskViewer, departmentId: string | null) =>
  viewer.departmentIds.length === 0 || (departmentId !== null && viewer.departmentIds.includes(departmentId));

/**
 * May change the task's assignees, dates, estimate, priority and difficulty: coordinators, and the
 * supervisors of its department (the API's supervisor fields, tasks.collection.ts; task.policy.ts mayAssign).
 * Artists may assign themselves through the API, but the pages leave planning to the leads.
 */
export function mayPlanTask(viewer: TaskViewer, taskTypeDepartmentId: string | null): boolean {
  if (MANAGERS.has(viewer.role)) return true;
  return viewer.role === 'supervisor' && coversDepartment(viewer, taskTypeDepartmentId);
}

/** Whom the person may assign: anyone for coordinators (and supervisors of every department), people sharing a department for the others. */
export function mayAssignPerson(viewer: TaskViewer, person: { id: string; departmentIds: readonly string[] }): boolean {
  if (MANAGERS.has(viewer.role) || viewer.departmentIds.length === 0) return true;
  return person.id === viewer.id || person.departmentIds.some((id) => viewer.departmentIds.includes(id));
}

/** Why a person cannot change a task's assignees and planning, in the product's words. */
export const NOT_YOURS_TO_PLAN = 'Only coordinators and the supervisors of its department change who works on this task and when.';
