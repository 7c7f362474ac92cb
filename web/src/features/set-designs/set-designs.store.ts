import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { ApiError, messageOf } from '@/lib/http';
import { useToastsStore } from '@/features/shell/toasts.store';
import * as api from './set-designs.api';
import type { BaseImage, BaseImageCreate, Organization, SetDesign, SetDesignCreate, ShotType, Subject, UploadTask } from './set-designs.api';

export const PAGE_SIZE = 20;
/** How often a running ZIP upload task is read again. */
export const POLL_MS = 600;
/** Failed reads of a task in a row before the page stops following it. */
const POLL_RETRIES = 3;

/**
 * A readable message for an API failure: a 422 `{detail: [...]}` list becomes every field and its
 * message ("name: String must have at most 255 characters"), anything else the client's message.
 */
export function readableError(error: unknown): string {
  if (error instanceof ApiError && typeof error.body === 'object' && error.body !== null) {
    const detail = (error.body as { detail?: unknown }).detail;
    if (Array.isArray(detail) && detail.length > 0) {
      return detail
        .map((item: { loc?: unknown[]; msg?: string }) => {
          const field = (item.loc ?? []).filter((part) => part !== 'body' && part !== 'query' && part !== 'path').join('.');
          return field ? `${field}: ${item.msg ?? 'invalid'}` : (item.msg ?? 'invalid');
        })
        .join('; ');
    }
  }
  return messageOf(error);
}

export const isFinished = (task: UploadTask | null | undefined) => task?.status === 'COMPLETED' || task?.status === 'FAILED';

/** A subject's ZIP upload as the page shows it: sending the file, then the server's task as it runs. */
export interface ZipUpload {
  phase: 'sending' | 'processing' | 'completed' | 'failed';
  task: UploadTask | null;
  /** 0-100: the task's progress once the server has it. */
  progress: number;
  error: string | null;
}

const cellKey = (subjectId: string, shotTypeId: string) => `${subjectId}:${shotTypeId}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The list input of a PUT that keeps every base image but the changed cell (full replace). */
function baseImagesWith(images: BaseImage[], subjectId: string, shotTypeId: string, image: BaseImageCreate['image'] | undefined): BaseImageCreate[] {
  const kept: BaseImageCreate[] = images
    .filter((item) => item.subject_id !== subjectId || item.shot_type_id !== shotTypeId)
    .map((item) => ({
      subject_id: item.subject_id,
      shot_type_id: item.shot_type_id,
      image: item.image_media ? { media_resource_id: item.image_media.id } : item.image_url,
    }));
  return image === undefined ? kept : [...kept, { subject_id: subjectId, shot_type_id: shotTypeId, image }];
}

export const useSetDesignsStore = defineStore('set-designs', () => {
  const toasts = useToastsStore();

  // The list page.
  const items = shallowRef<SetDesign[]>([]);
  const count = ref(0);
  const skip = ref(0);
  const organizationFilter = ref<string | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const organizations = shallowRef<Organization[]>([]);
  const saving = ref(false);

  async function load(page = skip.value) {
    loading.value = true;
    error.value = null;
    try {
      const result = await api.fetchSetDesigns({ skip: page, limit: PAGE_SIZE, organizationId: organizationFilter.value });
      items.value = result.data;
      count.value = result.count;
      skip.value = page;
    } catch (failure) {
      error.value = readableError(failure);
    } finally {
      loading.value = false;
    }
  }

  async function loadOrganizations() {
    try {
      organizations.value = (await api.fetchOrganizations()).data;
    } catch {
      organizations.value = []; // Without them the page still works on the caller's own set designs.
    }
  }

  /** Creates a set design; the message of a refusal is returned for the dialog to show. */
  async function create(body: SetDesignCreate): Promise<{ created: SetDesign } | { error: string }> {
    saving.value = true;
    try {
      const created = await api.createSetDesign(body);
      toasts.success(`Set design “${created.name}” created`);
      return { created };
    } catch (failure) {
      return { error: readableError(failure) };
    } finally {
      saving.value = false;
    }
  }

  // The detail page.
  const current = shallowRef<SetDesign | null>(null);
  const subjects = shallowRef<Subject[]>([]);
  const shotTypes = shallowRef<ShotType[]>([]);
  const detailLoading = ref(false);
  const detailError = ref<string | null>(null);
  const savingCells = ref(new Set<string>());
  const uploads = ref(new Map<string, ZipUpload>());
  let polling = new Set<string>();
  let generation = 0;

  const byCell = computed(() => new Map((current.value?.base_images ?? []).map((image) => [cellKey(image.subject_id, image.shot_type_id), image])));
  const baseImageAt = (subjectId: string, shotTypeId: string) => byCell.value.get(cellKey(subjectId, shotTypeId)) ?? null;
  const isCellSaving = (subjectId: string, shotTypeId: string) => savingCells.value.has(cellKey(subjectId, shotTypeId));

  async function loadDetail(id: string, organizationId: string | null = null) {
    stopPolling();
    const mine = generation;
    detailLoading.value = true;
    detailError.value = null;
    try {
      const setDesign = await api.fetchSetDesign(id, organizationId);
      const [subjectPage, shotTypePage] = await Promise.all([api.fetchSubjects(setDesign.organization_id), api.fetchShotTypes(setDesign.organization_id)]);
      if (mine !== generation) return;
      current.value = setDesign;
      subjects.value = subjectPage.data;
      shotTypes.value = shotTypePage.data;
    } catch (failure) {
      if (mine === generation) detailError.value = readableError(failure);
    } finally {
      if (mine === generation) detailLoading.value = false;
    }
  }

  async function refreshCurrent() {
    if (!current.value) return;
    current.value = await api.fetchSetDesign(current.value.id, current.value.organization_id);
  }

  async function rename(changes: { name?: string; description?: string | null }): Promise<string | null> {
    const setDesign = current.value;
    if (!setDesign) return null;
    saving.value = true;
    try {
      current.value = await api.updateSetDesign(setDesign.id, setDesign.organization_id, changes);
      return null;
    } catch (failure) {
      return readableError(failure);
    } finally {
      saving.value = false;
    }
  }

  /**
   * Puts one image in a cell (or empties it with `null`): the cell changes at once and goes back,
   * with one visible error, when the upload or the save fails.
   */
  async function setCellImage(subjectId: string, shotTypeId: string, file: File | null): Promise<boolean> {
    const setDesign = current.value;
    if (!setDesign) return false;
    const key = cellKey(subjectId, shotTypeId);
    const before = setDesign;
    const preview = file ? URL.createObjectURL(file) : null;
    const now = new Date().toISOString();
    const optimistic: BaseImage = { id: `pending-${key}`, created_at: now, updated_at: now, subject_id: subjectId, shot_type_id: shotTypeId, image_url: preview, image_media: null };
    current.value = {
      ...setDesign,
      base_images: [...setDesign.base_images.filter((item) => item.subject_id !== subjectId || item.shot_type_id !== shotTypeId), ...(file ? [optimistic] : [])],
    };
    savingCells.value = new Set(savingCells.value).add(key);
    try {
      const media = file ? await api.uploadMedia(file) : null;
      const images = baseImagesWith(before.base_images, subjectId, shotTypeId, media ? { media_resource_id: media.id } : undefined);
      const saved = await api.updateSetDesign(before.id, before.organization_id, { base_images: images });
      if (current.value?.id === saved.id) current.value = saved;
      return true;
    } catch (failure) {
      if (current.value?.id === before.id) current.value = before;
      toasts.error(`${file ? 'The image was not saved' : 'The image was not removed'}: ${readableError(failure)}`);
      return false;
    } finally {
      const next = new Set(savingCells.value);
      next.delete(key);
      savingCells.value = next;
      if (preview) URL.revokeObjectURL(preview);
    }
  }

  function setUpload(subjectId: string, upload: ZipUpload) {
    uploads.value = new Map(uploads.value).set(subjectId, upload);
  }

  /** Sends a subject's ZIP, then follows its task until it ends; the grid reloads when images came in. */
  async function uploadZip(subjectId: string, zip: File): Promise<void> {
    const setDesign = current.value;
    if (!setDesign) return;
    setUpload(subjectId, { phase: 'sending', task: null, progress: 0, error: null });
    let task: UploadTask;
    try {
      task = await api.uploadBaseImagesZip(setDesign.id, setDesign.organization_id, subjectId, zip);
    } catch (failure) {
      setUpload(subjectId, { phase: 'failed', task: null, progress: 0, error: readableError(failure) });
      return;
    }
    await followTask(subjectId, task);
  }

  /**
   * Reads the task every POLL_MS while it is PENDING or PROCESSING and stops on COMPLETED or FAILED
   * (or after a few failed reads in a row, or when the page is left).
   */
  async function followTask(subjectId: string, first: UploadTask): Promise<void> {
    const mine = generation;
    const stillMine = () => mine === generation && polling.has(subjectId);
    polling.add(subjectId);
    let task = first;
    let failures = 0;
    const show = (next: UploadTask, error: string | null = next.error_message) =>
      setUpload(subjectId, { phase: next.status === 'COMPLETED' ? 'completed' : next.status === 'FAILED' ? 'failed' : 'processing', task: next, progress: next.progress, error });
    show(task);
    try {
      while (!isFinished(task)) {
        await sleep(POLL_MS);
        if (!stillMine()) return;
        try {
          task = await api.fetchUploadTask(task.id);
          failures = 0;
        } catch (failure) {
          failures += 1;
          if (failures >= POLL_RETRIES) {
            setUpload(subjectId, { phase: 'failed', task, progress: task.progress, error: `Lost track of the upload: ${readableError(failure)}` });
            return;
          }
          continue;
        }
        if (!stillMine()) return;
        show(task);
      }
      if (task.status === 'COMPLETED' && task.images_processed > 0) {
        try {
          await refreshCurrent();
        } catch (failure) {
          toasts.error(`The new images could not be shown: ${readableError(failure)}`);
        }
      }
    } finally {
      if (mine === generation) polling.delete(subjectId);
    }
  }

  /** Shows the subject's last upload (for instance one still running when the page was opened). */
  async function resumeUpload(subjectId: string): Promise<void> {
    const setDesign = current.value;
    if (!setDesign || uploads.value.has(subjectId)) return;
    try {
      const task = await api.fetchLatestUploadTask(setDesign.id, setDesign.organization_id, subjectId);
      if (!isFinished(task)) await followTask(subjectId, task);
    } catch {
      // No upload yet (404): nothing to show.
    }
  }

  function dismissUpload(subjectId: string) {
    const next = new Map(uploads.value);
    next.delete(subjectId);
    uploads.value = next;
  }

  const requesting = ref(false);
  /** Asks the operators to complete these subjects and shot types: the API's message, or throws a readable one. */
  async function requestCompletion(subjectIds: string[], shotTypeIds: string[]): Promise<{ message: string } | { error: string }> {
    const setDesign = current.value;
    if (!setDesign) return { error: 'No set design is open.' };
    requesting.value = true;
    try {
      return { message: (await api.requestCompletion(setDesign.id, setDesign.organization_id, { subject_ids: subjectIds, shot_type_ids: shotTypeIds })).message };
    } catch (failure) {
      return { error: readableError(failure) };
    } finally {
      requesting.value = false;
    }
  }

  async function remove(): Promise<string | null> {
    const setDesign = current.value;
    if (!setDesign) return null;
    saving.value = true;
    try {
      await api.deleteSetDesign(setDesign.id, setDesign.organization_id);
      toasts.success(`Set design “${setDesign.name}” deleted`);
      current.value = null;
      return null;
    } catch (failure) {
      return readableError(failure);
    } finally {
      saving.value = false;
    }
  }

  /** Stops following uploads (the page is left or another set design opened). */
  function stopPolling() {
    generation += 1;
    polling = new Set();
    uploads.value = new Map();
  }

  function reset() {
    stopPolling();
    items.value = [];
    count.value = 0;
    skip.value = 0;
    current.value = null;
    subjects.value = [];
    shotTypes.value = [];
  }

  return {
    items, count, skip, organizationFilter, loading, error, organizations, saving, load, loadOrganizations, create,
    current, subjects, shotTypes, detailLoading, detailError, baseImageAt, isCellSaving, loadDetail, rename, setCellImage,
    uploads, uploadZip, followTask, resumeUpload, dismissUpload, requesting, requestCompletion, remove, stopPolling, reset,
  };
});
