import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { messageOf } from '@/lib/http';
import { fetchPreviewFile, updateAnnotations } from '@/features/previews/previews.api';
import { useToastsStore } from '@/features/shell/toasts.store';
import { annotationTime, type AnnotationFrame, type PenStroke } from './annotation-model';

/** Each preview's drawings, read once per preview the player shows, and changed stroke by stroke. */
export const useAnnotationsStore = defineStore('annotations', () => {
  const toasts = useToastsStore();
  const byPreview = shallowRef(new Map<string, AnnotationFrame[]>());

  const put = (previewId: string, frames: AnnotationFrame[]) => {
    byPreview.value = new Map(byPreview.value).set(previewId, frames);
  };
  const framesOf = (previewId: string) => byPreview.value.get(previewId) ?? [];

  async function load(previewId: string): Promise<void> {
    try {
      const preview = await fetchPreviewFile(previewId);
      put(previewId, Array.isArray(preview.annotations) ? (preview.annotations as AnnotationFrame[]) : []);
    } catch (caught) {
      toasts.error(`The drawings of this revision could not be read: ${messageOf(caught)}`);
    }
  }

  /** Shows a stroke at once and saves it; it goes away, with one message, if the server refuses. */
  async function addStroke(previewId: string, frame: number, fps: number, stroke: PenStroke): Promise<void> {
    const time = annotationTime(frame, fps);
    const before = framesOf(previewId);
    const others = before.filter((entry) => entry.time !== time);
    const at = before.find((entry) => entry.time === time);
    put(previewId, [...others, { time, drawing: { objects: [...(at?.drawing.objects ?? []), { ...stroke }] } }]);
    try {
      await updateAnnotations(previewId, { additions: [{ time, drawing: { objects: [{ ...stroke }] } }] });
    } catch (caught) {
      put(previewId, before);
      toasts.error(`The drawing was not saved: ${messageOf(caught)}`);
    }
  }

  async function removeStroke(previewId: string, frame: number, fps: number, strokeId: string): Promise<void> {
    const time = annotationTime(frame, fps);
    const before = framesOf(previewId);
    put(previewId, before.map((entry) => (entry.time === time ? { ...entry, drawing: { ...entry.drawing, objects: entry.drawing.objects.filter((object) => object.id !== strokeId) } } : entry)));
    try {
      await updateAnnotations(previewId, { deletions: [{ time, objects: [strokeId] }] });
    } catch (caught) {
      put(previewId, before);
      toasts.error(`The stroke was not undone: ${messageOf(caught)}`);
    }
  }

  return { byPreview, framesOf, load, addStroke, removeStroke };
});
