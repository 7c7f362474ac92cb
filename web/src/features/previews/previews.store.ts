import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { ApiError, messageOf } from '@/lib/http';
import { useToastsStore } from '@/features/shell/toasts.store';
import { useTaskPanelStore } from '@/features/tasks/task-panel.store';
import * as tasksApi from '@/features/tasks/tasks.api';
import { syncTask } from '@/features/tasks/task-sync';
import * as api from './previews.api';
import { checkPreviewFile, isProcessing, revisionsOf, uploadErrorMessage, type CommentPreview, type PreviewFile } from './preview-model';

/** First wait between two reads of a processing preview; it grows by half each time, up to MAX_POLL_MS. */
export const POLL_MS = 2000;
export const MAX_POLL_MS = 10_000;
/** Failed reads in a row before the panel stops following the processing. */
export const POLL_FAILURES = 5;

/** The publication of a preview as the comment form shows it. */
export interface PreviewUpload {
  phase: 'posting' | 'adding' | 'uploading' | 'done' | 'failed';
  fileName: string;
  /** 0-100 of the file sent. */
  progress: number;
  error: string | null;
}

/** What a failed publication already did, so that publishing again goes on from there. */
interface Draft {
  taskId: string;
  commentId: string;
  previewId: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pageHidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden';

/**
 * The previews of the task open in the side panel: its revisions (from the comment thread), the one
 * on show, processing movies followed until they settle, and the publication of a new revision from
 * a dropped or picked file (comment, then preview, then upload with its progress).
 */
export const useTaskPreviewsStore = defineStore('task-previews', () => {
  const panel = useTaskPanelStore();
  const toasts = useToastsStore();

  const selected = ref<{ revision: number; previewId: string | null } | null>(null);
  /** Rows read from the server once settled (ready, broken): newer than the thread for those previews. */
  const details = shallowRef(new Map<string, PreviewFile>());
  const pollError = ref<string | null>(null);
  const file = shallowRef<File | null>(null);
  const fileError = ref<string | null>(null);
  const upload = ref<PreviewUpload | null>(null);
  const draft = shallowRef<Draft | null>(null);
  /** Bumped when the panel closes: loops and publications of the previous task stop writing here. */
  let generation = 0;
  let polling = false;

  const revisions = computed(() => revisionsOf(panel.comments));
  /** The selected revision, or the latest one. */
  const revision = computed(() => revisions.value.find((item) => item.revision === selected.value?.revision) ?? revisions.value[0] ?? null);
  const shown = computed(() => {
    const files = revision.value?.files ?? [];
    const preview = files.find((item) => item.id === selected.value?.previewId) ?? files[0];
    return preview ? settled(preview) : null;
  });
  const busy = computed(() => upload.value !== null && ['posting', 'adding', 'uploading'].includes(upload.value.phase));
  /** A comment was posted but its preview did not make it: publishing again only sends the file. */
  const resuming = computed(() => draft.value !== null && draft.value.taskId === panel.taskId);

  /** A preview as last known: the thread's copy, or the row read since it settled. */
  function settled(preview: CommentPreview): CommentPreview {
    return details.value.get(preview.id) ?? preview;
  }
  const detailsOf = (previewId: string) => details.value.get(previewId);

  /** Previews to read from the server: uploads being processed, and broken ones whose reason is unknown. */
  const pending = computed(() =>
    revisions.value
      .flatMap((item) => item.files)
      .filter((preview) => !details.value.has(preview.id) && (isProcessing(preview) || preview.status === 'broken'))
      .map((preview) => preview.id),
  );

  function remember(rows: PreviewFile[]) {
    if (rows.length === 0) return;
    details.value = new Map([...details.value, ...rows.map((row) => [row.id, row] as const)]);
  }

  /**
   * Reads the pending previews until none is left: at once, then after POLL_MS, waiting half as long
   * again each time up to MAX_POLL_MS, skipping rounds while the page is hidden. Stops when the panel
   * closes, and after POLL_FAILURES failed reads in a row.
   */
  async function followPending(mine: number): Promise<void> {
    let delay = POLL_MS;
    let failures = 0;
    while (mine === generation && pending.value.length > 0) {
      if (!pageHidden()) {
        try {
          const rows = await Promise.all(pending.value.map((id) => api.fetchPreviewFile(id)));
          if (mine !== generation) return;
          failures = 0;
          pollError.value = null;
          remember(rows.filter((row) => row.status !== 'processing'));
        } catch (error) {
          if (mine !== generation) return;
          failures += 1;
          if (failures >= POLL_FAILURES) {
            pollError.value = `The panel stopped checking the processing: ${messageOf(error)}`;
            return;
          }
        }
      }
      if (pending.value.length === 0) return;
      await sleep(delay);
      delay = Math.min(MAX_POLL_MS, Math.round(delay * 1.5));
    }
  }

  function startFollowing() {
    if (polling || pending.value.length === 0) return;
    polling = true;
    const mine = generation;
    void followPending(mine).finally(() => {
      if (mine !== generation) return;
      polling = false;
      // A preview may have turned pending while the loop was ending.
      if (!pollError.value) startFollowing();
    });
  }
  watch(pending, startFollowing, { immediate: true });

  function select(revisionNumber: number, previewId: string | null = null) {
    selected.value = { revision: revisionNumber, previewId };
  }

  /** Takes the dropped or picked files for the next publication: one picture or movie, checked here. */
  function attach(files: readonly File[]): boolean {
    if (busy.value) {
      fileError.value = 'Wait for the upload in progress to finish.';
      return false;
    }
    upload.value = null;
    if (files.length !== 1) {
      fileError.value = files.length === 0 ? 'No file was dropped.' : 'Drop one file at a time: each file is a revision of its own.';
      return false;
    }
    // A refused file leaves the one already attached in place.
    fileError.value = checkPreviewFile(files[0] as File);
    if (fileError.value) return false;
    file.value = files[0] as File;
    return true;
  }

  /** Forgets the attached file (and a comment posted without its preview: it stays in the thread as it is). */
  function detach() {
    if (busy.value) return;
    file.value = null;
    fileError.value = null;
    upload.value = null;
    draft.value = null;
  }

  /**
   * Publishes the attached file as the task's next revision: posts the comment (its status becomes
   * the task's), adds a preview to it, uploads the file with its progress, then shows the revision.
   * After a failure the steps already done are kept, and publishing again goes on from there.
   */
  async function publish(input: { statusId: string; text: string }): Promise<boolean> {
    const chosen = file.value;
    const taskId = panel.taskId;
    if (!chosen || !taskId || busy.value) return false;
    const mine = generation;
    const here = () => mine === generation;
    const show = (change: Partial<PreviewUpload>) => {
      if (here() && upload.value) upload.value = { ...upload.value, ...change };
    };
    let step: Draft | null = draft.value?.taskId === taskId ? draft.value : null;
    let doing = 'The comment was not posted';
    upload.value = { phase: step ? 'adding' : 'posting', fileName: chosen.name, progress: 0, error: null };
    try {
      if (!step) {
        const created = await tasksApi.postComment(taskId, input.statusId, input.text);
        syncTask(taskId, { task_status_id: created.task_status_id ?? input.statusId, last_comment_date: created.created_at });
        step = { taskId, commentId: created.id, previewId: null };
      }
      if (!step.previewId) {
        doing = 'The comment is posted, but its preview could not be added';
        show({ phase: 'adding' });
        step = { ...step, previewId: (await api.addPreview(taskId, step.commentId)).id };
      }
      doing = '';
      show({ phase: 'uploading' });
      const uploaded = await api.uploadPreviewFile(step.previewId as string, chosen, (fraction) => show({ progress: Math.round(fraction * 100) }));
      step = null;
      if (!here()) {
        toasts.success(`“${chosen.name}” is published.`);
        return true;
      }
      if (uploaded.status !== 'processing') remember([uploaded]);
      draft.value = null;
      file.value = null;
      selected.value = null;
      await panel.reload().catch((error: unknown) => toasts.error(`The new revision is published but could not be shown: ${messageOf(error)}`));
      upload.value = { phase: 'done', fileName: chosen.name, progress: 100, error: null };
      return true;
    } catch (error) {
      // A 400 on the upload removed the preview (wrong format) or refuses a second file: the next try adds a new one.
      if (step && !doing && error instanceof ApiError && error.status === 400) step = { ...step, previewId: null };
      const message = doing ? `${doing}: ${messageOf(error)}` : uploadErrorMessage(error, chosen.name);
      if (!here()) {
        toasts.error(message);
        return false;
      }
      draft.value = step;
      upload.value = { phase: 'failed', fileName: chosen.name, progress: upload.value?.progress ?? 0, error: message };
      // The comment may be posted: the thread shows it.
      if (step) await panel.reload().catch(() => undefined);
      return false;
    }
  }

  /** The panel closed: stop following, forget the task's selection and attachment. */
  function reset() {
    generation += 1;
    polling = false;
    selected.value = null;
    details.value = new Map();
    pollError.value = null;
    file.value = null;
    fileError.value = null;
    upload.value = null;
    draft.value = null;
  }

  return {
    selected, revisions, revision, shown, pending, pollError, file, fileError, upload, busy, resuming,
    settled, detailsOf, select, attach, detach, publish, reset,
  };
});
