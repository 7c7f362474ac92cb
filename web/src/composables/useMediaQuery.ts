import { onScopeDispose, shallowRef, toValue, watchEffect, type MaybeRefOrGetter, type ShallowRef } from 'vue';

/** Whether a CSS media query matches now, kept up to date; the listener goes with the component. */
export function useMediaQuery(query: MaybeRefOrGetter<string>): ShallowRef<boolean> {
  const matches = shallowRef(false);
  let list: MediaQueryList | null = null;
  const update = () => (matches.value = list?.matches ?? false);
  const stop = () => list?.removeEventListener('change', update);
  watchEffect(() => {
    stop();
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return;
    list = window.matchMedia(toValue(query));
    update();
    list.addEventListener('change', update);
  });
  onScopeDispose(stop);
  return matches;
}
