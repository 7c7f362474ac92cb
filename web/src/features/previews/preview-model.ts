/**
 * What the task panel knows about previews without asking the server: which files Rushes takes as
 * previews, how a task's revisions line up, where each variant is served, and what to say when an
 * upload is refused.
 */
import type { Static } from 'typebox';
import type { CommentPreview as CommentPreviewSchema, TaskComment as TaskCommentSchema } from '@contracts/comments.schema.ts';
import type { PreviewFile as PreviewFileSchema } from '@contracts/previews.schema.ts';
import { ApiError, messageOf } from '@/lib/http';

/** A preview as the comment thread lists it. */
export type CommentPreview = Static<typeof CommentPreviewSchema>;
/** The whole preview row (`GET data/preview-files/<id>`, the add and upload answers). */
export type PreviewFile = Static<typeof PreviewFileSchema>;
type TaskComment = Static<typeof TaskCommentSchema>;

/** The server makes thumbnails and a web copy of these (§6.2), and stores them as PNG. */
export const PICTURE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'jpe'] as const;
/** The server normalises these to MP4 (or keeps them as uploaded when it has no ffmpeg). */
export const MOVIE_EXTENSIONS = ['mp4', 'mov', 'm4v', 'mkv', 'webm', 'avi', 'wmv'] as const;
/**
 * The server's default upload limit (RUSHES_UPLOAD_LIMIT, 2 GiB). A server set lower answers 413,
 * which is shown as clearly; checking here first saves sending gigabytes to learn it.
 */
export const MAX_PREVIEW_BYTES = 2 * 1024 ** 3;

export type PreviewKind = 'picture' | 'movie' | 'file';

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
};
const isPictureExtension = (extension: string) => (PICTURE_EXTENSIONS as readonly string[]).includes(extension);
const isMovieExtension = (extension: string) => (MOVIE_EXTENSIONS as readonly string[]).includes(extension);

/** How a stored preview is shown: pictures are stored as PNG, movies keep a movie extension. */
export function kindOf(preview: Pick<CommentPreview, 'extension'>): PreviewKind {
  const extension = (preview.extension ?? '').toLowerCase();
  if (isMovieExtension(extension)) return 'movie';
  if (isPictureExtension(extension)) return 'picture';
  return 'file';
}

/** "1.5 MB": decimal units, as file managers show sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/**
 * Why a file cannot be published as a preview, or null when it can. The type the browser reports
 * must be a picture or a movie (image/*, video/*; some browsers report none for .mkv, then the
 * extension decides), and the extension one the server turns into a preview: a .webp or .gif would
 * be refused after the upload.
 */
export function checkPreviewFile(file: Pick<File, 'name' | 'type' | 'size'>, maxBytes = MAX_PREVIEW_BYTES): string | null {
  const extension = extensionOf(file.name);
  const family = file.type.split('/')[0];
  const accepted = 'Rushes takes PNG or JPEG pictures and MP4, MOV, M4V, MKV, WEBM, AVI or WMV movies';
  if (file.type !== '' && family !== 'image' && family !== 'video') return `“${file.name}” is not a picture or a movie. ${accepted}.`;
  if (!isPictureExtension(extension) && !isMovieExtension(extension)) {
    return `“${file.name}” cannot be a preview: ${accepted}.`;
  }
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > maxBytes) return `“${file.name}” is ${formatBytes(file.size)}: previews are limited to ${formatBytes(maxBytes)}.`;
  return null;
}

/** One revision of a task: its files in position order and the comment that published it. */
export interface Revision {
  revision: number;
  commentId: string;
  files: CommentPreview[];
}

/** The task's revisions from its comment thread, newest first (a comment's previews share one revision). */
export function revisionsOf(comments: readonly Pick<TaskComment, 'id' | 'previews'>[]): Revision[] {
  const byRevision = new Map<number, Revision>();
  for (const comment of comments) {
    for (const preview of comment.previews) {
      const revision = byRevision.get(preview.revision) ?? { revision: preview.revision, commentId: comment.id, files: [] };
      revision.files.push(preview);
      byRevision.set(preview.revision, revision);
    }
  }
  const revisions = [...byRevision.values()].sort((a, b) => b.revision - a.revision);
  for (const revision of revisions) revision.files.sort((a, b) => a.position - b.position);
  return revisions;
}

/** Created by add-preview but never given its file (the upload failed or was abandoned). */
export const isWaitingForFile = (preview: Pick<CommentPreview, 'original_name' | 'status'>) =>
  preview.original_name === null && preview.status === 'processing';

/** Uploaded and being processed by the server (a movie in its normalisation job). */
export const isProcessing = (preview: Pick<CommentPreview, 'original_name' | 'status'>) =>
  preview.status === 'processing' && preview.original_name !== null;

/** Where the API serves a preview's variants (§6.2). */
export function previewUrls(preview: Pick<CommentPreview, 'id' | 'extension'>) {
  const id = encodeURIComponent(preview.id);
  const extension = encodeURIComponent(preview.extension ?? 'png');
  return {
    thumbnail: `/api/pictures/thumbnails/preview-files/${id}.png`,
    /** The 1200-wide picture; for a movie, its poster frame. */
    web: `/api/pictures/previews/preview-files/${id}.png`,
    movie: `/api/movies/originals/preview-files/${id}.${extension}`,
    download: `/api/pictures/originals/preview-files/${id}/download`,
  };
}

/** Why a ready-looking preview is broken: the movie job keeps ffmpeg's reason in `data.error`. */
export function brokenReason(preview: Pick<PreviewFile, 'data'> | undefined): string {
  const reason = (preview?.data as { error?: unknown } | null | undefined)?.error;
  return typeof reason === 'string' && reason.trim() !== '' ? reason : 'The server could not process this file.';
}

/** The message of a refused upload, in the words of the person who sent `fileName`. */
export function uploadErrorMessage(error: unknown, fileName: string): string {
  if (!(error instanceof ApiError)) return messageOf(error);
  if (error.status === 413) {
    // The server names its limit in bytes ("larger than the 2147483648 bytes allowed").
    const limit = /(\d+) bytes/.exec(error.message)?.[1];
    return limit ? `“${fileName}” is larger than the ${formatBytes(Number(limit))} the server accepts.` : `“${fileName}” is too large for the server.`;
  }
  if (error.status === 415) return `The server could not read “${fileName}” as a picture or a movie: ${error.message}`;
  if (error.status === 0) return `The upload of “${fileName}” was interrupted: ${error.message}`;
  return error.message;
}
