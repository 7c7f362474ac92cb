import { useAuthStore } from '@/features/auth/auth.store';
import { useProductionsStore } from '@/features/productions/productions.store';
import type { StatusOption } from '@/features/task-statuses/status-model';
import { mayActOnTask, mayAssignPerson, mayPlanTask, settableStatuses, type TaskViewer } from './task-permissions';

/** The signed-in person's task permissions in the pages, from the user context's capabilities. */
export function useTaskPermissions() {
  const auth = useAuthStore();
  const productions = useProductionsStore();

  const viewerIn = (projectId: string): TaskViewer => ({
    id: auth.user?.id ?? '',
    departmentIds: auth.user?.departments ?? [],
    capabilities: productions.capabilitiesIn(projectId),
  });
  const departmentOf = (taskTypeId: string) => productions.taskTypesById.get(taskTypeId)?.department_id ?? null;

  return {
    viewerIn,
    /** The statuses the person may set in a production. */
    statusesIn: (projectId: string, options: readonly StatusOption[]) => settableStatuses(productions.capabilitiesIn(projectId), options),
    /** Whether the person may change this task's status (and comment on it). */
    mayChange: (projectId: string, task: { assignees: readonly string[]; task_type_id: string }) =>
      mayActOnTask(viewerIn(projectId), task, departmentOf(task.task_type_id)),
    /** Whether the person may change this task's assignees, dates, estimate and priority. */
    mayPlan: (projectId: string, task: { task_type_id: string }) => mayPlanTask(viewerIn(projectId), departmentOf(task.task_type_id)),
    /**
     * The production's team as the person may assign it, sorted by name: everyone for coordinators,
     * people of their departments for department supervisors.
     */
    assignableTeam: (projectId: string): Array<{ id: string; label: string }> => {
      const viewer = viewerIn(projectId);
      return (productions.openProject(projectId)?.team ?? [])
        .filter((id) => mayAssignPerson(viewer, { id, departmentIds: productions.personsById.get(id)?.departments ?? [] }))
        .map((id) => ({ id, label: productions.personName(id) }))
        .sort((a, b) => a.label.localeCompare(b.label));
    },
  };
}
