import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { inTransaction } from '../../../platform/db/unit-of-work.ts';
import type { AppDeps } from '../../../platform/http/types.ts';
import { StorageLimitError } from '../../../platform/storage/index.ts';
import { tooLarge, uploadedFilePart } from '../media/multipart-upload.ts';
import { requireItem, resolveScope } from '../organizations/organization-scope.ts';
import { v1Errors } from '../organizations/v1-errors.ts';
import { BASE_IMAGES_ZIP_QUEUE } from './base-images-zip.job.ts';
import { checkReferences } from './set-design-images.service.ts';
import { reachSetDesign } from './set-design.service.ts';
import { findSetDesign } from './set-design.repository.ts';
import { findUploadTask, insertUploadTask, latestUploadTask, type UploadTaskRow } from './upload-task.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'events' | 'storage' | 'jobs' | 'config'>;
type Scoped = string | null | undefined;

const isTooLarge = (error: unknown) =>
  error instanceof StorageLimitError || (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE';

/**
 * Accepts a ZIP of base images for one subject of a set design: streams it to storage (never whole
 * in memory; past RUSHES_MAX_ZIP_BYTES it is refused with 413 and nothing is kept), then records a
 * PENDING upload task and its job in one transaction and answers at once. The job does the rest.
 */
export async function acceptBaseImagesZip(
  deps: Deps, actor: Actor, request: FastifyRequest, setDesignId: string, query: { organization_id?: Scoped; subject_id: string },
): Promise<UploadTaskRow> {
  const scope = await resolveScope(deps.db, actor, query.organization_id);
  const setDesign = await reachSetDesign(deps.db, scope, setDesignId, 'update');
  await checkReferences(deps.db, setDesign, { subject_portraits: [{ subject_id: query.subject_id }] });
  const part = await uploadedFilePart(request);
  const id = randomUUID();
  const archiveKey = `uploads/set-design-zips/${id}.zip`;
  const maxBytes = deps.config.uploads.maxZipBytes;
  try {
    await deps.storage.put(archiveKey, part.file, { maxBytes, contentType: 'application/zip' });
  } catch (error) {
    if (isTooLarge(error)) throw tooLarge(maxBytes);
    throw error;
  }
  // @fastify/multipart ends a file stream cut at its size limit normally, marked truncated.
  if (part.file.truncated) {
    await deps.storage.delete(archiveKey);
    throw tooLarge(maxBytes);
  }
  const task = await inTransaction(deps, async (tx) => {
    const row = await insertUploadTask(tx, { id, owner_id: actor.id, set_design_id: setDesign.id, subject_id: query.subject_id, archive_key: archiveKey });
    await deps.jobs.enqueue(tx, BASE_IMAGES_ZIP_QUEUE, { task_id: id });
    await recordAudit(tx, { actorId: actor.id, action: 'upload-base-images-zip', objectType: 'set_design', objectId: setDesign.id, after: { task_id: id, subject_id: query.subject_id } });
    return row;
  });
  deps.jobs.wake();
  return task;
}

/** An upload task, for whoever may read its set design (404 otherwise, as for an unknown task). */
export async function getUploadTask(deps: Deps, actor: Actor, taskId: string): Promise<UploadTaskRow> {
  const task = await findUploadTask(deps.db, taskId);
  if (!task) throw v1Errors.notFound('Upload task');
  if (task.owner_id === actor.id) return task;
  // Reached through the set design: its own scope (organization members), no query parameter here.
  const setDesign = await findSetDesign(deps.db, task.set_design_id);
  const scope = await resolveScope(deps.db, actor, setDesign?.organization_id ?? null).catch(() => undefined);
  if (!scope || !setDesign) throw v1Errors.notFound('Upload task');
  requireItem(scope, setDesign, 'read', 'Upload task');
  return task;
}

/** The latest upload task (by created_at) of a set design and subject. */
export async function latestTaskFor(deps: Deps, actor: Actor, setDesignId: string, query: { organization_id?: Scoped; subject_id: string }) {
  const scope = await resolveScope(deps.db, actor, query.organization_id);
  await reachSetDesign(deps.db, scope, setDesignId, 'read');
  const task = await latestUploadTask(deps.db, setDesignId, query.subject_id);
  if (!task) throw v1Errors.notFound('Upload task');
  return task;
}
