import { useProductionsStore } from '@/features/productions/productions.store';
import { useAssetsStore, useShotsStore } from '@/features/breakdown/breakdown.store';
import { useMyTasksStore } from '@/features/my-tasks/my-tasks.store';

/** Forgets the previous user's data when the session ends. */
export function resetSessionStores(): void {
  useProductionsStore().reset();
  useShotsStore().reset();
  useAssetsStore().reset();
  useMyTasksStore().reset();
}
