import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { PreviewFile, UpdateAnnotationsBody } from '../../../../packages/contracts/src/previews.schema.ts';
import { requireTaskReader } from '../files/task-access.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';
import { presentPreviewFile } from './preview.presenter.ts';
import { findPreview, setPreviewAnnotations } from './preview.repository.ts';

/**
 * Annotations of a preview: a list of frames `{time, drawing: {objects: [...]}}` drawn by reviewers.
 * Clients send changes (objects added, replaced, removed) rather than the whole list, so that two
 * people drawing at once keep each other's objects.
 */

type Frame = { time: number; drawing: { objects: Array<Record<string, unknown>> } } & Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The frame at `time` (only well-formed frames take part; anything else stored is kept as it is). */
function frameAt(frames: unknown[], time: number): Frame | undefined {
  return frames.find((frame): frame is Frame =>
    isRecord(frame) && frame.time === time && isRecord(frame.drawing) && Array.isArray(frame.drawing.objects));
}

/**
 * Applies the changes to a stored annotation list, returning a new list: additions append objects to
 * the frame at their time (created when missing; an object whose id is there already is replaced, so
 * a re-sent addition does not duplicate it), updates replace objects by id (an object deleted
 * meanwhile stays deleted), deletions remove objects by id.
 */
export function mergeAnnotations(stored: unknown, changes: UpdateAnnotationsBody): unknown[] {
  const frames: unknown[] = Array.isArray(stored) ? structuredClone(stored) : [];
  for (const addition of changes.additions ?? []) {
    const frame = frameAt(frames, addition.time);
    if (!frame) {
      frames.push(structuredClone(addition));
      continue;
    }
    for (const object of addition.drawing.objects) {
      const index = frame.drawing.objects.findIndex((existing) => existing.id === object.id);
      if (index >= 0) frame.drawing.objects[index] = structuredClone(object);
      else frame.drawing.objects.push(structuredClone(object));
    }
  }
  for (const update of changes.updates ?? []) {
    const frame = frameAt(frames, update.time);
    if (!frame) continue;
    for (const object of update.drawing.objects) {
      const index = frame.drawing.objects.findIndex((existing) => existing.id === object.id);
      if (index >= 0) frame.drawing.objects[index] = structuredClone(object);
    }
  }
  for (const deletion of changes.deletions ?? []) {
    const frame = frameAt(frames, deletion.time);
    if (!frame) continue;
    const removed = new Set(deletion.objects);
    frame.drawing.objects = frame.drawing.objects.filter((object) => typeof object.id !== 'string' || !removed.has(object.id));
  }
  return frames;
}

/**
 * `PUT actions/preview-files/<id>/update-annotations {additions, updates, deletions}` (Gazu
 * `update_preview_annotations`): team member with access to the preview's task. The preview row is
 * locked while the changes are merged, so concurrent annotators are applied one after the other.
 * The preview file row.
 */
export async function updatePreviewAnnotations(
  actor: Actor,
  input: { previewFileId: string; changes: UpdateAnnotationsBody },
  tx: Tx,
  events: DomainEvent[],
): Promise<PreviewFile> {
  const id = uuidOr404(input.previewFileId);
  const found = await findPreview(tx, id);
  if (!found) throw errors.notFound();
  if (!found.task_id) throw errors.forbidden();
  const { context } = await requireTaskReader(tx, actor, found.task_id);
  const preview = await findPreview(tx, id, { lock: true });
  if (!preview) throw errors.notFound();
  const annotations = mergeAnnotations(preview.annotations, input.changes);
  const updated = await setPreviewAnnotations(tx, id, annotations);
  if (!updated) throw errors.notFound();
  const projectId = context.task.project_id;
  await recordAudit(tx, {
    actorId: actor.id, action: 'update-annotations', objectType: 'preview_file', objectId: id, projectId,
    before: { annotations: preview.annotations }, after: { annotations: updated.annotations },
  });
  events.push({ name: 'preview-file:annotation-update', data: { preview_file_id: id, person_id: actor.id }, projectId, actorId: actor.id });
  return presentPreviewFile(updated);
}
