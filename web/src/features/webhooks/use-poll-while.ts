import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue';

/**
 * Calls `refresh` every `intervalMs` while `active` is true (a delivery is still pending), one call at
 * a time, and stops when the component's scope ends.
 */
export function usePollWhile(active: MaybeRefOrGetter<boolean>, refresh: () => Promise<void>, options: { intervalMs?: number } = {}) {
  const intervalMs = options.intervalMs ?? 1500;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const schedule = () => {
    if (stopped || timer !== undefined || !toValue(active)) return;
    timer = setTimeout(() => {
      void refresh().finally(() => {
        timer = undefined;
        schedule();
      });
    }, intervalMs);
  };
  const stopWatching = watch(() => toValue(active), schedule, { immediate: true });

  onScopeDispose(() => {
    stopped = true;
    stopWatching();
    if (timer !== undefined) clearTimeout(timer);
  });
}
