import type { TaskCell } from '@/features/breakdown/breakdown-model';
import { useAssetsStore, useShotsStore } from '@/features/breakdown/breakdown.store';
import { useMyTasksStore } from '@/features/my-tasks/my-tasks.store';

/** A task changed in one page: the other loaded lists show it too, without reloading. */
export function syncTask(taskId: string, patch: Partial<TaskCell>): void {
  useShotsStore().applyTask(taskId, patch);
  useAssetsStore().applyTask(taskId, patch);
  useMyTasksStore().applyTask(taskId, patch);
}
