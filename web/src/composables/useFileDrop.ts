import { onMounted, onUnmounted, ref, type Ref } from 'vue';

export interface FileDropOptions {
  /** Called with the dropped files (never with text or links dragged from a page). */
  onDrop: (files: File[]) => void;
}

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

/**
 * Makes `target` a drop zone for files from the desktop. `dragging` is true while files are held
 * over it, for a visible highlight. Entering and leaving child elements fires dragenter/dragleave on
 * each of them, so a depth count, not the last event, says whether the pointer is still inside.
 */
export function useFileDrop(target: Ref<HTMLElement | null>, options: FileDropOptions) {
  const dragging = ref(false);
  let depth = 0;

  const onEnter = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth += 1;
    dragging.value = true;
  };
  const onOver = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    // Without preventDefault here the browser refuses the drop (and would open the file instead).
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };
  const onLeave = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) dragging.value = false;
  };
  const onDropEvent = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth = 0;
    dragging.value = false;
    options.onDrop(Array.from(event.dataTransfer?.files ?? []));
  };
  const listeners = [['dragenter', onEnter], ['dragover', onOver], ['dragleave', onLeave], ['drop', onDropEvent]] as const;

  let bound: HTMLElement | null = null;
  onMounted(() => {
    bound = target.value;
    for (const [name, listener] of listeners) bound?.addEventListener(name, listener);
  });
  onUnmounted(() => {
    for (const [name, listener] of listeners) bound?.removeEventListener(name, listener);
  });

  return { dragging };
}
