import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { useVirtualList, visibleRange } from '@/composables/useVirtualList';

describe('visibleRange', () => {
  it('covers the viewport plus the overscan, clamped to the list', () => {
    expect(visibleRange(0, 360, 36, 3000, 5)).toEqual({ start: 0, end: 16 });
    expect(visibleRange(36 * 1000, 360, 36, 3000, 5)).toEqual({ start: 995, end: 1016 });
    expect(visibleRange(36 * 2995, 360, 36, 3000, 5)).toEqual({ start: 2990, end: 3000 });
    expect(visibleRange(0, 360, 36, 0, 5)).toEqual({ start: 0, end: 0 });
  });

  it('renders a few dozen items whatever the list length', () => {
    const range = visibleRange(123_456, 900, 36, 3000, 12);
    expect(range.end - range.start).toBeLessThanOrEqual(Math.ceil(900 / 36) + 1 + 24);
  });
});

describe('useVirtualList', () => {
  it('follows the scroll of its element and stops listening when its scope ends', async () => {
    const element = document.createElement('div');
    Object.defineProperty(element, 'clientHeight', { value: 360 });
    const container = ref<HTMLElement | null>(element);
    const scope = effectScope();
    const list = scope.run(() => useVirtualList(container, () => 3000, { itemHeight: 36, overscan: 2 }))!;
    expect(list.totalHeight.value).toBe(108_000);
    expect(list.range.value).toEqual({ start: 0, end: 13 });

    element.scrollTop = 3600;
    element.dispatchEvent(new Event('scroll'));
    await nextTick();
    expect(list.range.value.start).toBe(98);
    expect(list.offsetTop.value).toBe(98 * 36);

    scope.stop();
    element.scrollTop = 0;
    element.dispatchEvent(new Event('scroll'));
    expect(list.scrollTop.value).toBe(3600);
  });

  it('scrolls an item into view', () => {
    const element = document.createElement('div');
    Object.defineProperty(element, 'clientHeight', { value: 360 });
    const scope = effectScope();
    const list = scope.run(() => useVirtualList(ref(element), 3000, { itemHeight: 36 }))!;
    list.scrollToIndex(100);
    expect(element.scrollTop).toBe(100 * 36 + 36 - 360);
    scope.stop();
  });
});
