/**
 * The preview routes of the Zou-compatible API (§6.2) the task panel uses. Publishing a preview is
 * Zou's three steps: a comment on the task (tasks.api), a preview (revision) added to that comment,
 * then the file uploaded into it.
 */
import { http } from '@/lib/http';
import { uploadWithProgress } from '@/lib/upload';
import type { UpdateAnnotationsBody } from '@contracts/previews.schema.ts';
import type { PreviewFile } from './preview-model';

/** Adds a preview waiting for its file to a comment: the task's next revision (or the comment's own). */
export const addPreview = (taskId: string, commentId: string) =>
  http.post<PreviewFile>(`/actions/tasks/${encodeURIComponent(taskId)}/comments/${encodeURIComponent(commentId)}/add-preview`, {});

/**
 * Uploads the file of a preview (once per preview). Pictures come back ready; movies come back
 * processing, then the server's job makes them ready or broken.
 */
export const uploadPreviewFile = (previewId: string, file: File, onProgress?: (fraction: number) => void, signal?: AbortSignal) =>
  uploadWithProgress<PreviewFile>(`/pictures/preview-files/${encodeURIComponent(previewId)}`, file, file.name, { onProgress, signal });

/** The whole row of a preview: its status as it is processed, and why it broke. */
export const fetchPreviewFile = (previewId: string, signal?: AbortSignal) =>
  http.get<PreviewFile>(`/data/preview-files/${encodeURIComponent(previewId)}`, { signal });

/** Adds, replaces and removes drawn objects of a preview, frame by frame (others' objects stay). */
export const updateAnnotations = (previewId: string, changes: UpdateAnnotationsBody) =>
  http.put<PreviewFile>(`/actions/preview-files/${encodeURIComponent(previewId)}/update-annotations`, changes);
