import path from 'node:path';
import type { Actor } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { downloadTo, withTempDir } from '../../platform/storage/local-copy.ts';
import { previewKeys } from '../../platform/storage/layout.ts';
import { extractFrame, ffmpegAvailable, MovieToolError } from './movie-tools.ts';
import { storePreviewPictures } from './picture-variants.ts';
import type { PreviewRow } from './preview.repository.ts';
import { movieForFrame } from './preview.service.ts';

/** The stored movie of a preview: the normalised MP4, or the upload when it was kept as it came. */
export function movieKeyOf(preview: Pick<PreviewRow, 'id' | 'data'>): string {
  const keys = previewKeys(preview.id);
  const data = preview.data && typeof preview.data === 'object' && !Array.isArray(preview.data) ? preview.data : {};
  return data.normalized === true ? keys.movie : keys.source;
}

/**
 * `set-main-preview {frame_number}` on a movie: that frame becomes the preview's pictures (original,
 * thumbnails, web copy), so the entity shows it. Needs ffmpeg (400 without).
 */
export async function useMovieFrame(deps: Pick<AppDeps, 'db' | 'storage' | 'config'>, actor: Actor, previewFileId: string, frameNumber: number): Promise<void> {
  const preview = await movieForFrame(actor, previewFileId, deps.db);
  if (!(await ffmpegAvailable(deps.config.ffmpegPath))) throw errors.badRequest('Extracting a frame needs ffmpeg, which this server does not have.');
  try {
    await withTempDir(async (dir) => {
      const movie = await downloadTo(deps.storage, movieKeyOf(preview), dir, 'movie');
      const frame = path.join(dir, 'frame.png');
      await extractFrame(deps.config.ffmpegPath, movie, frame, frameNumber);
      await storePreviewPictures(deps.storage, preview.id, frame);
    });
  } catch (error) {
    if (error instanceof MovieToolError) throw errors.badRequest(error.message);
    throw error;
  }
}
