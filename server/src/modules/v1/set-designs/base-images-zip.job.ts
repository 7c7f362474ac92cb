import path from 'node:path';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { inTransaction } from '../../../platform/db/unit-of-work.ts';
import type { AppDeps } from '../../../platform/http/types.ts';
import { NotAnImageError } from '../media/image-probe.ts';
import { storeImage } from '../media/media.service.ts';
import { shotTypesBySlug } from '../shot-types/shot-type.repository.ts';
import { findSetDesign, upsertBaseImage, type SetDesignRow } from './set-design.repository.ts';
import {
  findUploadTask,
  finishUploadTask,
  recordUploadProgress,
  startUploadTask,
  type UploadProgress,
  type UploadTaskRow,
} from './upload-task.repository.ts';
import { ArchiveRefusedError, inspectArchive, readCapped, walkArchive, type ArchiveEntry } from './zip-archive.ts';

export const BASE_IMAGES_ZIP_QUEUE = 'set-design.base-images-zip';

type Deps = Pick<AppDeps, 'db' | 'events' | 'storage' | 'config'>;

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif', '.avif', '.tif', '.tiff']);

interface Outcome {
  processed: Array<{ file: string; slug: string; shot_type_id: string; media_resource_id: string }>;
  skipped: Array<{ file: string; reason: string }>;
}

type Decision = { skip: string } | { slug: string; shotTypeId: string };

/** Which shot type an entry is for, judged by its file name alone (contents are checked when read). */
function decide(entry: ArchiveEntry, slugs: Map<string, string>, taken: Set<string>): Decision {
  const base = path.posix.basename(entry.name);
  const extension = path.posix.extname(base).toLowerCase();
  if (base.startsWith('.') || entry.name.split('/').includes('__MACOSX')) return { skip: 'hidden or system file' };
  if (!IMAGE_EXTENSIONS.has(extension)) return { skip: `not an image file name (${[...IMAGE_EXTENSIONS].join(', ')})` };
  const slug = base.slice(0, base.length - extension.length).toLowerCase();
  const shotTypeId = slugs.get(slug);
  if (!shotTypeId) return { skip: `no shot type with slug "${slug}"` };
  if (taken.has(shotTypeId)) return { skip: `an earlier file of the archive is already the "${slug}" image` };
  return { slug, shotTypeId };
}

async function report(deps: Deps, task: UploadTaskRow, counters: UploadProgress): Promise<void> {
  if (!(await recordUploadProgress(deps.db, task.id, counters))) throw new Error('The upload task is no longer processing');
  // In-process only (live progress bars): progress ticks do not belong in the event log.
  deps.events.publish([{ name: 'set-design:upload-task-progress', data: { id: task.id, status: 'PROCESSING', ...counters }, actorId: task.owner_id }]);
}

/**
 * Reads the archive twice: first its central directory alone (refusing hostile archives before
 * anything is inflated), then entry by entry, storing each image that names a shot type. Nothing
 * touches the set design yet: the caller applies all images at once, or none when the archive is
 * refused halfway (a fake image, an entry inflating past its size).
 */
async function ingestArchive(deps: Deps, task: UploadTaskRow, setDesign: SetDesignRow, size: number, signal: AbortSignal) {
  const limits = deps.config.uploads;
  const entries = await inspectArchive(deps.storage, task.archive_key, size, {
    maxEntries: limits.maxZipEntries,
    maxUncompressedBytes: limits.maxZipUncompressedBytes,
  });
  const counters: UploadProgress = { total_items: entries.filter((e) => !e.isDirectory).length, processed_items: 0, images_processed: 0, images_skipped: 0, progress: 0 };
  await report(deps, task, counters);
  const slugs = await shotTypesBySlug(deps.db, setDesign);
  const outcome: Outcome = { processed: [], skipped: [] };
  const taken = new Set<string>();
  let inflated = 0;
  await walkArchive(deps.storage, task.archive_key, size, async (entry, openContent) => {
    if (signal.aborted) throw signal.reason;
    if (entry.isDirectory) return;
    const decision = decide(entry, slugs, taken);
    if ('skip' in decision) {
      outcome.skipped.push({ file: entry.name, reason: decision.skip });
      counters.images_skipped += 1;
    } else {
      const bytes = await readCapped(await openContent(), Math.min(limits.maxImageBytes, limits.maxZipUncompressedBytes - inflated), entry.name);
      inflated += bytes.length;
      const media = await storeImage(deps, bytes, task.owner_id).catch((error: unknown) => {
        if (error instanceof NotAnImageError) throw new ArchiveRefusedError(`Refused archive: "${entry.name}" is not a valid image. ${error.message}`);
        throw error;
      });
      taken.add(decision.shotTypeId);
      outcome.processed.push({ file: entry.name, slug: decision.slug, shot_type_id: decision.shotTypeId, media_resource_id: media.id });
      counters.images_processed += 1;
    }
    counters.processed_items += 1;
    counters.progress = Math.floor((counters.processed_items * 100) / Math.max(counters.total_items, 1));
    await report(deps, task, counters);
  });
  return { outcome, counters };
}

/** Applies the archive's images as the subject's base images and completes the task, in one transaction. */
async function applyImages(deps: Deps, task: UploadTaskRow, outcome: Outcome, counters: UploadProgress): Promise<void> {
  await inTransaction(deps, async (tx) => {
    if (!(await findSetDesign(tx, task.set_design_id, { lock: true }))) return;
    const baseImageIds = [];
    for (const image of outcome.processed) {
      baseImageIds.push(await upsertBaseImage(tx, task.set_design_id, {
        subject_id: task.subject_id, shot_type_id: image.shot_type_id, image_url: null, image_media_id: image.media_resource_id,
      }));
    }
    const finished = await finishUploadTask(tx, task.id, {
      status: 'COMPLETED', error_message: null, result_data: { ...outcome, base_image_ids: baseImageIds }, progress: { ...counters, progress: 100 },
    });
    if (!finished) throw new Error('The upload task is no longer processing');
    await recordAudit(tx, {
      actorId: task.owner_id, action: 'upload-base-images', objectType: 'set_design', objectId: task.set_design_id,
      after: { task_id: task.id, subject_id: task.subject_id, base_image_ids: baseImageIds },
    });
  });
}

/** Marks the task FAILED (if still pending or processing) and drops its archive. */
export async function failUploadTask(deps: Deps, taskId: string, message: string): Promise<void> {
  await finishUploadTask(deps.db, taskId, { status: 'FAILED', error_message: message, result_data: {} });
  const task = await findUploadTask(deps.db, taskId);
  if (task) await deps.storage.delete(task.archive_key);
}

/**
 * The job: PENDING -> PROCESSING -> COMPLETED | FAILED. Idempotent: a finished task is left alone,
 * and a task whose worker died restarts from the beginning of its archive (images are stored once
 * per content, base image slots are upserted).
 */
export async function processBaseImagesZip(deps: Deps, taskId: string, signal: AbortSignal): Promise<void> {
  const task = await startUploadTask(deps.db, taskId);
  if (!task) return;
  const setDesign = await findSetDesign(deps.db, task.set_design_id);
  const stat = await deps.storage.stat(task.archive_key);
  if (!setDesign || !stat) return failUploadTask(deps, task.id, 'The set design or the uploaded archive is gone.');
  try {
    const { outcome, counters } = await ingestArchive(deps, task, setDesign, stat.size, signal);
    await applyImages(deps, task, outcome, counters);
  } catch (error) {
    if (!(error instanceof ArchiveRefusedError)) throw error;
    return failUploadTask(deps, task.id, error.message);
  }
  await deps.storage.delete(task.archive_key);
}
