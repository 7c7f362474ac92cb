import { computed, onScopeDispose, ref, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';

export interface VirtualRange {
  start: number;
  end: number;
}

/** The items to render for a scroll position: those in view plus `overscan` on each side. */
export function visibleRange(scrollTop: number, viewportHeight: number, itemHeight: number, count: number, overscan: number): VirtualRange {
  if (count === 0 || itemHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / itemHeight);
  const inView = Math.ceil(Math.max(viewportHeight, itemHeight) / itemHeight) + 1;
  const start = Math.max(0, Math.min(first - overscan, count - 1));
  const end = Math.min(count, first + inView + overscan);
  return { start, end: Math.max(start, end) };
}

export interface UseVirtualListOptions {
  /** Fixed height of every item, px. */
  itemHeight: number;
  /** Items rendered beyond each edge of the viewport. */
  overscan?: number;
}

/**
 * Virtualises a long list of fixed-height items inside a scrolling element: only the visible slice
 * is rendered, above a spacer as tall as the whole list. Follows the scroll and the element's size,
 * and removes its listeners when the calling scope is disposed.
 */
export function useVirtualList(container: Ref<HTMLElement | null>, count: MaybeRefOrGetter<number>, options: UseVirtualListOptions) {
  const overscan = options.overscan ?? 8;
  const scrollTop = ref(0);
  const viewportHeight = ref(0);
  const target = shallowRef<HTMLElement | null>(null);
  let observer: ResizeObserver | undefined;

  const onScroll = () => {
    if (target.value) scrollTop.value = target.value.scrollTop;
  };
  const measure = () => {
    if (target.value) viewportHeight.value = target.value.clientHeight;
  };

  function detach() {
    target.value?.removeEventListener('scroll', onScroll);
    observer?.disconnect();
    observer = undefined;
    target.value = null;
  }

  watch(
    container,
    (element) => {
      detach();
      if (!element) return;
      target.value = element;
      element.addEventListener('scroll', onScroll, { passive: true });
      if (typeof ResizeObserver !== 'undefined') {
        observer = new ResizeObserver(measure);
        observer.observe(element);
      }
      measure();
      onScroll();
    },
    { immediate: true },
  );
  onScopeDispose(detach);

  // A new range object only when the slice changes: scrolling within a row re-renders nothing.
  let lastRange: VirtualRange = { start: -1, end: -1 };
  const range = computed(() => {
    const next = visibleRange(scrollTop.value, viewportHeight.value, options.itemHeight, toValue(count), overscan);
    if (next.start !== lastRange.start || next.end !== lastRange.end) lastRange = next;
    return lastRange;
  });
  const totalHeight = computed(() => toValue(count) * options.itemHeight);
  const offsetTop = computed(() => range.value.start * options.itemHeight);

  /** Scrolls so that an item is in view (keyboard navigation, "jump to"). */
  function scrollToIndex(index: number) {
    const element = target.value;
    if (!element) return;
    const top = index * options.itemHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + options.itemHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + options.itemHeight - element.clientHeight;
    onScroll();
  }

  return { range, totalHeight, offsetTop, scrollTop, viewportHeight, scrollToIndex, measure };
}
