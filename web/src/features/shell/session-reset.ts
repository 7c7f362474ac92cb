import { useProductionsStore } from '@/features/productions/productions.store';
import { useAssetsStore, useShotsStore } from '@/features/breakdown/breakdown.store';
import { useMyTasksStore } from '@/features/my-tasks/my-tasks.store';
import { usePeopleStore } from '@/features/people/people.store';
import { useScheduleStore } from '@/features/schedule/schedule.store';
import { useTaskStatusesStore } from '@/features/task-statuses/task-statuses.store';
import { useAccountStore } from '@/features/account/account.store';
import { useProfileStore } from '@/features/account/profile.store';

/** Forgets the previous user's data when the session ends. */
export function resetSessionStores(): void {
  useProductionsStore().reset();
  useShotsStore().reset();
  useAssetsStore().reset();
  useMyTasksStore().reset();
  useTaskStatusesStore().reset();
  useScheduleStore().reset();
  usePeopleStore().reset();
  useAccountStore().reset();
  useProfileStore().reset();
}
