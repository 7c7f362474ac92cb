import type { TaskCell } from '@/features/breakdown/breakdown-model';

/**
 * A task changed in one page: every loaded list shows it too, without reloading. Stores that hold
 * tasks subscribe when they are created; the page that made the change announces it here, so this
 * module knows none of the stores (and no store imports another to reach it).
 */
type TaskListener = (taskId: string, patch: Partial<TaskCell>) => void;

const listeners = new Set<TaskListener>();

/** Calls `listener` for every task change announced from now on; returns the unsubscribe function. */
export function onTaskChanged(listener: TaskListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function syncTask(taskId: string, patch: Partial<TaskCell>): void {
  for (const listener of listeners) listener(taskId, patch);
}
