import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { useProductionsStore } from '@/features/productions/productions.store';

/** `off` signed out; `connecting` the first connection; `live` receiving; `paused` lost, reconnecting. */
export type LiveStatus = 'off' | 'connecting' | 'live' | 'paused';

/** What the shell shows of the live connection: whether it is paused, and the unread notifications. */
export const useLiveStore = defineStore('live', () => {
  const productions = useProductionsStore();
  const status = ref<LiveStatus>('off');
  /** Notifications announced live since the studio context (which has the unread count) was read. */
  const arrived = ref(0);

  const paused = computed(() => status.value === 'paused');
  const unreadNotifications = computed(() => (productions.context?.notification_count ?? 0) + arrived.value);

  // A context read again counts every unread notification itself.
  watch(() => productions.context, () => (arrived.value = 0));

  function notificationsArrived(count: number) {
    arrived.value += count;
  }

  function reset() {
    status.value = 'off';
    arrived.value = 0;
  }

  return { status, paused, unreadNotifications, notificationsArrived, reset };
});
