/**
 * A custom status was deleted and its tasks moved to another status: the production's loaded tables
 * must re-read them. Announced by the task-statuses store, heard by the breakdown tables, without
 * either store importing the other.
 */
type ReassignmentListener = (projectId: string) => void;

const listeners = new Set<ReassignmentListener>();

export function onStatusesReassigned(listener: ReassignmentListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceStatusesReassigned(projectId: string): void {
  for (const listener of listeners) listener(projectId);
}
