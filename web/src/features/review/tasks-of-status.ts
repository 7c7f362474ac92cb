import type { EntityRow } from '@/features/breakdown/breakdown-model';

/**
 * The tasks a "from a status" playlist gathers ("everything waiting for approval in SQ010"): of one
 * task type, in that status, in one sequence or all of them, in the table's order; canceled shots out.
 */
export function tasksOfStatus(rows: readonly EntityRow[], choice: { taskTypeId: string; statusId: string; groupId: string | null }): string[] {
  return rows
    .filter((row) => !row.canceled && (choice.groupId === null || row.groupId === choice.groupId))
    .map((row) => row.tasks[choice.taskTypeId])
    .filter((task) => task !== undefined && !task.pending && task.task_status_id === choice.statusId)
    .map((task) => task!.id);
}
