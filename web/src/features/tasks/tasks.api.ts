import { http } from '@/lib/http';
import type { CreatedComment, EntityTaskRow, FullTask, TaskComment, TimeSpentRow } from '@/lib/api-types';

export const fetchFullTask = (taskId: string) => http.get<FullTask>(`/data/tasks/${encodeURIComponent(taskId)}/full`);

/** The comment thread, newest first. */
export const fetchComments = (taskId: string) => http.get<TaskComment[]>(`/data/tasks/${encodeURIComponent(taskId)}/comments`);

/** Posts a comment; its status becomes the task's status (the way every status change is made). */
export const postComment = (taskId: string, taskStatusId: string, comment: string) =>
  http.post<CreatedComment>(`/actions/tasks/${encodeURIComponent(taskId)}/comment`, { task_status_id: taskStatusId, comment });

/** Moves a comment to another task of the same entity (managers). */
export const moveComment = (taskId: string, commentId: string, targetTaskId: string) =>
  http.post<unknown>(`/actions/tasks/${encodeURIComponent(taskId)}/comments/${encodeURIComponent(commentId)}/move`, { target_task_id: targetTaskId });

/** The tasks of the entity a task belongs to (targets of a comment move). */
export const fetchEntityTasks = (entityKind: 'shots' | 'assets' | 'sequences' | 'episodes', entityId: string) =>
  http.get<EntityTaskRow[]>(`/data/${entityKind}/${encodeURIComponent(entityId)}/tasks`);

/** Adds minutes to a person's time on a task for a day (YYYY-MM-DD). */
export const addTimeSpent = (taskId: string, day: string, personId: string, minutes: number) =>
  http.post<TimeSpentRow>(`/actions/tasks/${encodeURIComponent(taskId)}/time-spents/${day}/persons/${encodeURIComponent(personId)}/add`, {
    duration: minutes,
  });

/** The caller's time spents of a day. */
export const fetchMyTimeSpents = (day: string) => http.get<TimeSpentRow[]>(`/data/user/time-spents/${day}`);

/** Deletes a task with its comments and previews (force): undo of a change that created it. */
export const deleteTask = (taskId: string) => http.delete(`/data/tasks/${encodeURIComponent(taskId)}`, { query: { force: true } });

/** Tasks by id (the generic list with a JSON list of ids): a few hundred at most per call, the URL carries them. */
export const fetchTasksByIds = (taskIds: string[]) =>
  http.get<Array<{ id: string; difficulty: number }>>('/data/tasks', { query: { id: JSON.stringify(taskIds) } });
