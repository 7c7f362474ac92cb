import path from 'node:path';
import { recordAudit } from '../../platform/audit/audit.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { downloadTo, withTempDir } from '../../platform/storage/local-copy.ts';
import { previewKeys } from '../../platform/storage/layout.ts';
import { extractFrame, MovieToolError, normalizeMovie, probeMovie } from './movie-tools.ts';
import { storeFile, storePreviewPictures, UnreadableImageError } from './picture-variants.ts';
import { findPreview, mergedData } from './preview.repository.ts';

/**
 * The background job that turns an uploaded preview movie into an H.264 MP4 with a poster frame
 * (thumbnails and web-sized picture made from it). `normalize: false` keeps the movie as uploaded and
 * only makes the pictures. The preview goes from `processing` to `ready`, or to `broken` with the
 * error in `data.error` when ffmpeg cannot read the movie. Failures of the machinery (database,
 * storage) are retried; a job whose preview was deleted or already settled does nothing.
 */
export const MOVIE_QUEUE = 'preview-file:normalize-movie';

type Deps = Pick<AppDeps, 'db' | 'events' | 'storage' | 'config' | 'jobs'>;

export function defineMovieJob(deps: Deps): void {
  deps.jobs.define({
    queue: MOVIE_QUEUE,
    maxAttempts: 3,
    handle: (payload, context) => processMovie(deps, String(payload.preview_file_id), payload.normalize !== false, context.signal),
    onExhausted: (payload, error) => markBroken(deps, String(payload.preview_file_id), `Processing the movie failed: ${error}`),
  });
}

interface Processed {
  width: number;
  height: number;
  duration: number;
  fileSize: number;
}

async function render(deps: Deps, previewFileId: string, normalize: boolean, signal: AbortSignal): Promise<Processed> {
  const ffmpeg = deps.config.ffmpegPath;
  const keys = previewKeys(previewFileId);
  return withTempDir(async (dir) => {
    const source = await downloadTo(deps.storage, keys.source, dir, 'source');
    const uploaded = await probeMovie(ffmpeg, source, signal);
    let movie = source;
    if (normalize) {
      movie = path.join(dir, 'movie.mp4');
      await normalizeMovie(ffmpeg, source, movie, signal);
    }
    const poster = path.join(dir, 'poster.png');
    await extractFrame(ffmpeg, movie, poster, 0, signal);
    await storePreviewPictures(deps.storage, previewFileId, poster);
    const facts = normalize ? await probeMovie(ffmpeg, movie, signal) : uploaded;
    const fileSize = normalize ? await storeFile(deps.storage, keys.movie, movie, 'video/mp4') : (await deps.storage.stat(keys.source))?.size ?? 0;
    return { ...facts, fileSize };
  });
}

export async function processMovie(deps: Deps, previewFileId: string, normalize: boolean, signal: AbortSignal): Promise<void> {
  const preview = await findPreview(deps.db, previewFileId);
  if (!preview || preview.status !== 'processing') return;
  let processed: Processed;
  try {
    processed = await render(deps, previewFileId, normalize, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    if (error instanceof MovieToolError || error instanceof UnreadableImageError) {
      await markBroken(deps, previewFileId, error.message);
      return;
    }
    throw error;
  }
  const settled = await inTransaction(deps, async (tx, events) => {
    const updated = await tx
      .updateTable('preview_file')
      .set({
        status: 'ready', width: processed.width, height: processed.height, duration: processed.duration, file_size: processed.fileSize,
        data: mergedData({ normalized: normalize }),
      })
      .where('id', '=', previewFileId)
      .where('status', '=', 'processing')
      .returning(['id', 'task_id'])
      .executeTakeFirst();
    if (!updated) return false;
    const task = await tx.selectFrom('task').select('project_id').where('id', '=', updated.task_id ?? '00000000-0000-0000-0000-000000000000').executeTakeFirst();
    await recordAudit(tx, { actorId: null, action: 'normalize-movie', objectType: 'preview_file', objectId: previewFileId, projectId: task?.project_id, after: processed });
    events.push({ name: 'preview-file:update', data: { preview_file_id: previewFileId }, projectId: task?.project_id ?? null });
    return true;
  });
  if (!settled) {
    // Deleted while processing: what was just stored must not outlive it.
    await Promise.all(Object.values(previewKeys(previewFileId)).map((key) => deps.storage.delete(key)));
    return;
  }
  // The normalised movie replaces the upload.
  if (normalize) await deps.storage.delete(previewKeys(previewFileId).source);
}

/** The preview is `broken`, the reason kept in `data.error`. */
export async function markBroken(deps: Pick<AppDeps, 'db' | 'events'>, previewFileId: string, message: string): Promise<void> {
  await inTransaction(deps, async (tx, events) => {
    const updated = await tx
      .updateTable('preview_file')
      .set({ status: 'broken', data: mergedData({ error: message.slice(0, 4000) }) })
      .where('id', '=', previewFileId)
      .where('status', '=', 'processing')
      .returning(['id', 'task_id'])
      .executeTakeFirst();
    if (!updated) return;
    const task = await tx.selectFrom('task').select('project_id').where('id', '=', updated.task_id ?? '00000000-0000-0000-0000-000000000000').executeTakeFirst();
    events.push({ name: 'preview-file:update', data: { preview_file_id: previewFileId }, projectId: task?.project_id ?? null });
  });
}
