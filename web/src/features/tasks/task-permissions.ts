import type { ProjectCapabilities } from '@/lib/api-types';
import type { StatusOption } from '@/features/task-statuses/status-model';

/**
 * What a person may do to a task, read from the API's own answer: the user context's `capabilities`
 * of the task's production (server user/project-capabilities.ts, computed with the task policy's
 * predicates), so that the pages offer only that and nothing is shown, then reverted. Only the task's
 * own facts (its assignees, its task type's department) are combined here.
 */

export interface TaskViewer {
  id: string;
  departmentIds: readonly string[];
  capabilities: ProjectCapabilities;
}

/** A production the context does not list: nothing is offered. */
export const NO_CAPABILITIES: ProjectCapabilities = {
  role: 'user',
  manage: false,
  act_on_all_tasks: false,
  supervises: [],
  assign_anyone: false,
  settable_task_status_ids: [],
};

const supervisesDepartment = (capabilities: ProjectCapabilities, departmentId: string | null) =>
  capabilities.supervises === 'all' || (departmentId !== null && capabilities.supervises.includes(departmentId));

/** May change the task's status or comment on it: who acts on every task, its assignees, the supervisors of its department. */
export function mayActOnTask(viewer: TaskViewer, task: { assignees: readonly string[] }, taskTypeDepartmentId: string | null): boolean {
  return viewer.capabilities.act_on_all_tasks || task.assignees.includes(viewer.id) || supervisesDepartment(viewer.capabilities, taskTypeDepartmentId);
}

/** Whether the person may set this status in the production. */
export const maySetStatus = (capabilities: ProjectCapabilities, option: Pick<StatusOption, 'id'>): boolean =>
  capabilities.settable_task_status_ids.includes(option.id);

/** The statuses the person may set, in the production's order. */
export const settableStatuses = (capabilities: ProjectCapabilities, options: readonly StatusOption[]): StatusOption[] =>
  options.filter((option) => maySetStatus(capabilities, option));

/** Why a person cannot change a task's status, in the product's words. */
export const NOT_YOUR_TASK = 'Only its assignees, the supervisors of its department and coordinators change this task.';

/**
 * May change the task's assignees, dates, estimate, priority and difficulty: coordinators, and the
 * supervisors of its department. Artists may assign themselves through the API, but the pages leave
 * planning to the leads.
 */
export const mayPlanTask = (viewer: Pick<TaskViewer, 'capabilities'>, taskTypeDepartmentId: string | null): boolean =>
  viewer.capabilities.manage || supervisesDepartment(viewer.capabilities, taskTypeDepartmentId);

/** Whom the person may assign: anyone when the API says so, else themselves and people sharing a department. */
export function mayAssignPerson(viewer: TaskViewer, person: { id: string; departmentIds: readonly string[] }): boolean {
  if (viewer.capabilities.assign_anyone) return true;
  return person.id === viewer.id || person.departmentIds.some((id) => viewer.departmentIds.includes(id));
}

/** Why a person cannot change a task's assignees and planning, in the product's words. */
export const NOT_YOURS_TO_PLAN = 'Only coordinators and the supervisors of its department change who works on this task and when.';
