import { http } from '@/lib/http';
import type { EntityTaskRow } from '@/lib/api-types';

/** Assigns a person to tasks; the answer lists the tasks actually assigned (the API skips those the caller may not assign). */
export const assignPerson = (personId: string, taskIds: string[]) =>
  http.put<EntityTaskRow[]>(`/actions/persons/${encodeURIComponent(personId)}/assign`, { task_ids: taskIds });

/** Removes a person from tasks; the answer lists the ids of the tasks handled. */
export const clearAssignation = (personId: string, taskIds: string[]) =>
  http.put<string[]>('/actions/tasks/clear-assignation', { task_ids: taskIds, person_id: personId });

/** Changes planning fields of one task (start_date, due_date as `YYYY-MM-DD`, estimation in minutes, priority, difficulty). */
export const updateTaskPlan = (taskId: string, fields: Record<string, string | number | null>) =>
  http.put<EntityTaskRow>(`/data/tasks/${encodeURIComponent(taskId)}`, fields);

/**
 * Sets planning fields of many tasks in one transaction (all or nothing): each task its own fields,
 * days as `YYYY-MM-DD` or null, estimation in minutes. Answers the tasks as they are now.
 */
export const planTasks = (tasks: Array<{ id: string } & Record<string, string | number | null>>) =>
  http.put<EntityTaskRow[]>('/actions/tasks/planning', { tasks });
