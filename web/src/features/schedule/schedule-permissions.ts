import type { TaskViewer } from '@/features/tasks/task-permissions';

const MANAGERS = new Set(['admin', 'manager']);

/**
 * Whether a person may move a task's dates, as the API decides it (crud tasks.collection.ts: managers
 * change any field, supervisors the planning fields of their departments' tasks; a supervisor without a
 * department supervises every one).
 */
export function mayReschedule(viewer: Pick<TaskViewer, 'role' | 'departmentIds'>, taskTypeDepartmentId: string | null): boolean {
  if (MANAGERS.has(viewer.role)) return true;
  if (viewer.role !== 'supervisor') return false;
  return viewer.departmentIds.length === 0 || (taskTypeDepartmentId !== null && viewer.departmentIds.includes(taskTypeDepartmentId));
}

/** Why the API refused a new date, in the product's words. */
export function rescheduleRefusal(status: number, fallback: string): string {
  if (status === 403) return 'Only coordinators and the supervisors of its department change the dates of this task.';
  if (status === 404) return 'This task no longer exists: it may have been deleted. Reload the schedule.';
  if (status === 0) return 'Cannot reach the Rushes server, so the dates were not saved. Check your connection and try again.';
  return fallback;
}
