import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { AppError, errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { discardFiles, type ReceivedFile } from '../../platform/http/uploads.ts';
import { downloadTo, withTempDir } from '../../platform/storage/local-copy.ts';
import { previewKeys } from '../../platform/storage/layout.ts';
import type { PreviewFile } from '../../../../packages/contracts/src/previews.schema.ts';
import { requireTaskActor } from '../files/task-access.ts';
import { hasImageMagic } from '../v1/media/image-probe.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';
import { ffmpegAvailable, hasMovieMagic } from './movie-tools.ts';
import { MOVIE_QUEUE } from './movie-normalize.job.ts';
import { storePreviewPictures, UnreadableImageError } from './picture-variants.ts';
import { presentPreviewFile } from './preview.presenter.ts';
import { claimUpload, deletePreviews, findPreview, releaseUpload, updatePreview, type PreviewRow } from './preview.repository.ts';
import { announceUploadedPreview } from './preview.service.ts';

/** Zou's three families of preview uploads, by the uploaded file's extension (§6.2). */
const PICTURES = new Set(['jpe', 'jpeg', 'jpg', 'png']);
const MOVIES = new Set(['avi', 'm4v', 'mkv', 'mov', 'mp4', 'webm', 'wmv']);
/** Production files kept as they are. */
const FILES = new Set([
  'ae', 'ai', 'blend', 'clip', 'comp', 'diff', 'exr', 'fbx', 'fla', 'flv', 'gif', 'glb', 'gltf', 'hip', 'kra', 'ma', 'mb', 'md', 'mp3',
  'obj', 'pdf', 'psd', 'psb', 'rar', 'rev', 'riv', 'sai', 'sai2', 'sbbkp', 'svg', 'swf', 'tvpp', 'wav', 'zip',
]);

type Deps = Pick<AppDeps, 'db' | 'events' | 'storage' | 'config' | 'jobs'>;

const notThatKind = (what: string) =>
  new AppError(415, 'unsupported_media_type', `The file is not ${what}: its content is checked, not its name.`);

/** `shot.v2.PNG` → extension `png`, original name `shot.v2` (Zou keeps the name without extension). */
function splitName(fileName: string) {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  // original_name holds 250 characters.
  return dot < 0 ? { extension: '', originalName: base.slice(0, 250) } : { extension: base.slice(dot + 1).toLowerCase(), originalName: base.slice(0, dot).slice(0, 250) };
}

/**
 * `POST pictures/preview-files/<id>[?normalize=false]` (Gazu `upload_preview_file`): the one upload
 * of a preview, by a task actor. The preview is claimed first (a second upload gets a 400), then
 * `receive` streams the multipart file into the preview's source key, then the file is processed by
 * kind:
 * - pictures (jpg, png): checked by content, turned into a PNG original, thumbnails and a web-sized
 *   copy; ready.
 * - movies: checked by content; normalised by ffmpeg in a background job (processing, then ready or
 *   broken), or kept as uploaded when the server has no ffmpeg (ready, `data.normalized: false`).
 * - allow-listed production files: kept as they are; ready.
 * - anything else: the preview is removed, 400 "Wrong file format, extension: x".
 */
export async function uploadPreviewFile(
  deps: Deps,
  actor: Actor,
  input: { previewFileId: string; normalize: boolean },
  receive: (id: string, key: string) => Promise<ReceivedFile>,
): Promise<PreviewFile> {
  const id = uuidOr404(input.previewFileId);
  const preview = await findPreview(deps.db, id);
  if (!preview?.task_id) throw errors.notFound();
  await requireTaskActor(deps.db, actor, preview.task_id);
  if (preview.original_name !== null || !(await claimUpload(deps.db, id))) {
    throw errors.badRequest('This preview file was uploaded already: add a new preview to upload another file.');
  }
  let received: ReceivedFile | undefined;
  try {
    received = await receive(id, previewKeys(id).source);
    return await processUpload(deps, actor, preview, received, input.normalize);
  } catch (error) {
    // Nothing of this upload stays: neither the source nor a variant already rendered.
    if (received) await Promise.all(Object.values(previewKeys(id)).map((key) => deps.storage.delete(key).catch(() => undefined)));
    await releaseUpload(deps.db, id);
    throw error;
  }
}

async function processUpload(deps: Deps, actor: Actor, preview: PreviewRow, file: ReceivedFile, normalize: boolean): Promise<PreviewFile> {
  const { extension, originalName } = splitName(file.filename);
  if (PICTURES.has(extension)) return processPicture(deps, actor, preview, file, originalName);
  if (MOVIES.has(extension)) return processMovie(deps, actor, preview, file, { extension, originalName, normalize });
  if (FILES.has(extension)) {
    return finish(deps, actor, preview, { extension, original_name: originalName, file_size: file.size, status: 'ready' });
  }
  await discardFiles(deps.storage, [file]);
  await inTransaction(deps, async (tx, events) => {
    await deletePreviews(tx, [preview.id]);
    const projectId = (await tx.selectFrom('task').select('project_id').where('id', '=', preview.task_id ?? '').executeTakeFirst())?.project_id ?? null;
    events.push({ name: 'preview-file:delete', data: { preview_file_id: preview.id }, projectId, actorId: actor.id });
  });
  throw errors.badRequest(`Wrong file format, extension: ${extension}`);
}

async function processPicture(deps: Deps, actor: Actor, preview: PreviewRow, file: ReceivedFile, originalName: string) {
  if (!hasImageMagic(file.head)) throw notThatKind('an image');
  let size: { width: number; height: number };
  try {
    size = await withTempDir(async (dir) => storePreviewPictures(deps.storage, preview.id, await downloadTo(deps.storage, file.key, dir)));
  } catch (error) {
    if (error instanceof UnreadableImageError) throw new AppError(415, 'unsupported_media_type', error.message);
    throw error;
  }
  // The PNG original stands for the upload from now on.
  await deps.storage.delete(file.key);
  return finish(deps, actor, preview, {
    extension: 'png', original_name: originalName, width: size.width, height: size.height, file_size: file.size, status: 'ready', is_movie: false,
  });
}

async function processMovie(
  deps: Deps,
  actor: Actor,
  preview: PreviewRow,
  file: ReceivedFile,
  movie: { extension: string; originalName: string; normalize: boolean },
) {
  if (!hasMovieMagic(file.head)) throw notThatKind('a movie');
  const base = { original_name: movie.originalName, file_size: file.size, is_movie: true };
  if (!(await ffmpegAvailable(deps.config.ffmpegPath))) {
    return finish(deps, actor, preview, {
      ...base, extension: movie.extension, status: 'ready',
      data: { normalized: false, reason: 'ffmpeg is not installed on the server: the movie is kept as uploaded.' },
    });
  }
  const row = await finish(deps, actor, preview, {
    ...base, extension: movie.normalize ? 'mp4' : movie.extension, status: 'processing', data: { normalized: false, uploaded_extension: movie.extension },
  }, async (tx) => {
    await deps.jobs.enqueue(tx, MOVIE_QUEUE, { preview_file_id: preview.id, normalize: movie.normalize });
  });
  deps.jobs.wake();
  return row;
}

interface UploadOutcome {
  extension: string;
  original_name: string;
  file_size: number;
  status: 'ready' | 'processing';
  width?: number;
  height?: number;
  is_movie?: boolean;
  data?: Record<string, unknown>;
}

/** Records the upload on the preview (and queues its processing) in one transaction, then announces it. */
async function finish(
  deps: Deps,
  actor: Actor,
  preview: PreviewRow,
  outcome: UploadOutcome,
  alsoInTransaction?: (tx: Tx) => Promise<void>,
): Promise<PreviewFile> {
  return inTransaction(deps, async (tx, events) => {
    const { data, ...columns } = outcome;
    const updated = await updatePreview(tx, preview.id, columns, data);
    if (!updated) throw errors.notFound();
    await alsoInTransaction?.(tx);
    const projectId = (await requireTaskActor(tx, actor, updated.task_id ?? '')).context.task.project_id;
    await recordAudit(tx, { actorId: actor.id, action: 'upload', objectType: 'preview_file', objectId: updated.id, projectId, after: outcome });
    await announceUploadedPreview(tx, actor, updated, events);
    return presentPreviewFile(updated);
  });
}
