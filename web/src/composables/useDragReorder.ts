import { ref } from 'vue';

/**
 * HTML5 drag and drop over a list: which item is dragged, where it would land, and the move to make
 * on drop (`onMove(from, to)`). Items bind `dragstart`, `dragover`, `drop` and `dragend`.
 */
export function useDragReorder(onMove: (from: number, to: number) => void) {
  const dragging = ref<number | null>(null);
  const over = ref<number | null>(null);

  function start(index: number, event: DragEvent) {
    dragging.value = index;
    if (event.dataTransfer) {
      event.dataTransfer.effectAllowed = 'move';
      // Firefox starts a drag only with some data set.
      event.dataTransfer.setData('text/plain', String(index));
    }
  }

  function enter(index: number, event: DragEvent) {
    if (dragging.value === null) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    over.value = index;
  }

  function drop(index: number, event: DragEvent) {
    event.preventDefault();
    const from = dragging.value;
    dragging.value = null;
    over.value = null;
    if (from !== null && from !== index) onMove(from, index);
  }

  function end() {
    dragging.value = null;
    over.value = null;
  }

  return { dragging, over, start, enter, drop, end };
}
