import { http } from '@/lib/http';
import type { TodoRow } from '@/lib/api-types';

/** The caller's unfinished tasks, with the names a task list shows. */
export const fetchMyTasks = () => http.get<TodoRow[]>('/data/user/tasks');

export { addTimeSpent, fetchMyTimeSpents, postComment } from '@/features/tasks/tasks.api';
