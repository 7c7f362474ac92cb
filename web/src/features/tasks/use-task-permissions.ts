import { useAuthStore } from '@/features/auth/auth.store';
import { useProductionsStore } from '@/features/productions/productions.store';
import type { StatusOption } from '@/features/task-statuses/status-model';
import { mayActOnTask, settableStatuses, type TaskViewer } from './task-permissions';

/** The signed-in person's task permissions in the pages, from the session and the user context. */
export function useTaskPermissions() {
  const auth = useAuthStore();
  const productions = useProductionsStore();

  const viewerIn = (projectId: string): TaskViewer => ({
    id: auth.user?.id ?? '',
    role: productions.roleIn(projectId),
    departmentIds: auth.user?.departments ?? [],
  });

  return {
    viewerIn,
    /** The statuses the person may set in a production. */
    statusesIn: (projectId: string, options: readonly StatusOption[]) => settableStatuses(productions.roleIn(projectId), options),
    /** Whether the person may change this task's status (and comment on it). */
    mayChange: (projectId: string, task: { assignees: readonly string[]; task_type_id: string }) =>
      mayActOnTask(viewerIn(projectId), task, productions.taskTypesById.get(task.task_type_id)?.department_id ?? null),
  };
}
