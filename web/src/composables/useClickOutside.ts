import { onMounted, onUnmounted, type Ref } from 'vue';

/** Calls `handler` on a pointer press outside `target` or on Escape (popovers and menus). */
export function useDismiss(target: Ref<HTMLElement | null>, handler: () => void) {
  const onPointer = (event: PointerEvent) => {
    if (target.value && event.target instanceof Node && !target.value.contains(event.target)) handler();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') handler();
  };
  onMounted(() => {
    // Registered after the opening click has finished propagating.
    setTimeout(() => document.addEventListener('pointerdown', onPointer, true));
    document.addEventListener('keydown', onKey);
  });
  onUnmounted(() => {
    document.removeEventListener('pointerdown', onPointer, true);
    document.removeEventListener('keydown', onKey);
  });
}
