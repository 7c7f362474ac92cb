import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/auth/actor.ts';
import { requireEntityAccess, requireProjectManager, requireProjectMember } from '../../platform/auth/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { PreviewFile } from '../../../../packages/contracts/src/previews.schema.ts';
import { entityKindOf, eventKindOf } from '../breakdown/entity-kind.ts';
import { presentEntity, type EntityView } from '../breakdown/entity.presenter.ts';
import { requireTaskActor, requireTaskReader } from '../files/task-access.ts';
import { findTaskContext } from '../tasks/task.repository.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';
import { presentPreviewFile } from './preview.presenter.ts';
import {
  attachPreviewToComment,
  countRevisionFiles,
  deletePreviews,
  findCommentPreviews,
  findPreview,
  insertPreview,
  lastTaskRevision,
  projectPreviewSettings,
  revisionTaken,
  setEntityMainPreview,
  setTaskLastPreview,
  type PreviewRow,
} from './preview.repository.ts';

/** Preview files of comments: revisions (§6.2), main previews, deletion. */

async function commentOfTask(tx: Tx, taskId: string, commentId: string) {
  const comment = await tx.selectFrom('comment').select(['id', 'object_id']).where('id', '=', uuidOr404(commentId)).forUpdate().executeTakeFirst();
  if (!comment || comment.object_id !== taskId) throw errors.notFound();
  return comment;
}

/**
 * The revision and position of a new preview of a comment (§6.2): a comment's first preview opens the
 * next revision of the task (or the given one, which must be free); later ones add files (positions)
 * to the comment's revision.
 */
async function placePreview(tx: Tx, taskId: string, commentId: string, requested: number | null | undefined) {
  const existing = await findCommentPreviews(tx, commentId);
  const first = existing[0];
  if (requested === null || requested === undefined) {
    if (!first) return { revision: (await lastTaskRevision(tx, taskId)) + 1, position: 1 };
    return { revision: first.revision, position: (await countRevisionFiles(tx, taskId, first.revision)) + 1 };
  }
  if (!first && (await revisionTaken(tx, taskId, requested))) {
    throw errors.badRequest(
      `Revision ${requested} already exists for this task. Choose a different revision number, or omit it to let the revision auto-increment.`,
    );
  }
  return { revision: requested, position: (await countRevisionFiles(tx, taskId, requested)) + 1 };
}

/**
 * `POST actions/tasks/<task_id>/comments/<comment_id>/add-preview {revision?}` (Gazu `create_preview`,
 * `add_preview`): a preview file waiting for its upload (status processing), linked to the comment.
 * Task actor. The task row is locked so that concurrent previews get distinct revisions.
 */
export async function addPreviewToComment(
  actor: Actor,
  input: { taskId: string; commentId: string; revision?: number | null },
  tx: Tx,
  events: DomainEvent[],
): Promise<PreviewFile> {
  const { context } = await requireTaskActor(tx, actor, input.taskId);
  const taskId = context.task.id;
  const projectId = context.task.project_id;
  await tx.selectFrom('task').select('id').where('id', '=', taskId).forUpdate().execute();
  const comment = await commentOfTask(tx, taskId, input.commentId);
  const { revision, position } = await placePreview(tx, taskId, comment.id, input.revision);
  if (position > 1 && (await projectPreviewSettings(tx, projectId)).is_single_preview_per_revision) {
    throw errors.badRequest('Only one preview file is allowed per revision for this project.');
  }
  const preview = await insertPreview(tx, { name: randomUUID().slice(0, 13), revision, position, task_id: taskId, person_id: actor.id });
  await attachPreviewToComment(tx, comment.id, preview.id);
  await recordAudit(tx, { actorId: actor.id, action: 'create', objectType: 'preview_file', objectId: preview.id, projectId, after: preview });
  events.push({ name: 'preview-file:new', data: { preview_file_id: preview.id, comment_id: comment.id }, projectId, actorId: actor.id });
  events.push({ name: 'comment:update', data: { comment_id: comment.id }, projectId, actorId: actor.id });
  return presentPreviewFile(preview);
}

/**
 * `POST actions/tasks/<task_id>/comments/<comment_id>/preview-files/<preview_file_id>` (Gazu
 * `create_extra_preview`): another file in the revision of the given preview.
 */
export async function addExtraPreview(
  actor: Actor,
  input: { taskId: string; commentId: string; previewFileId: string },
  tx: Tx,
  events: DomainEvent[],
): Promise<PreviewFile> {
  const related = await findPreview(tx, uuidOr404(input.previewFileId));
  if (!related) throw errors.notFound();
  return addPreviewToComment(actor, { taskId: input.taskId, commentId: input.commentId, revision: related.revision }, tx, events);
}

/** Sets the entity's main preview, with Zou's two events; the entity row. */
export async function makeMainPreview(tx: Tx, actor: Actor, preview: { id: string }, entityId: string, projectId: string, events: DomainEvent[]): Promise<EntityView> {
  const updated = await setEntityMainPreview(tx, entityId, preview.id);
  if (!updated) throw errors.notFound();
  const kind = entityKindOf(updated.typeName);
  const eventKind = eventKindOf(kind);
  events.push({ name: 'preview-file:set-main', data: { entity_id: entityId, preview_file_id: preview.id }, projectId, actorId: actor.id });
  events.push({ name: `${eventKind}:update`, data: { [`${eventKind}_id`]: entityId }, projectId, actorId: actor.id });
  return presentEntity(updated.entity, kind);
}

/**
 * What an uploaded position-1 preview changes (§6.2): it becomes the task's last preview, and the
 * entity's main preview when the project automates it. Then `comment:update` and
 * `preview-file:add-file` tell the clients.
 */
export async function announceUploadedPreview(tx: Tx, actor: Actor, preview: PreviewRow, events: DomainEvent[]): Promise<void> {
  if (!preview.task_id) return;
  const task = await tx.selectFrom('task').select(['id', 'project_id', 'entity_id']).where('id', '=', preview.task_id).executeTakeFirstOrThrow();
  if (preview.position === 1) {
    await setTaskLastPreview(tx, task.id, preview.id);
    if ((await projectPreviewSettings(tx, task.project_id)).is_set_preview_automated) {
      await makeMainPreview(tx, actor, preview, task.entity_id, task.project_id, events);
    }
  }
  const comment = await tx.selectFrom('comment_preview_link').select('comment_id').where('preview_file_id', '=', preview.id).executeTakeFirst();
  if (!comment) return;
  events.push({ name: 'comment:update', data: { comment_id: comment.comment_id }, projectId: task.project_id, actorId: actor.id });
  events.push({
    name: 'preview-file:add-file',
    data: {
      comment_id: comment.comment_id, task_id: task.id, preview_file_id: preview.id, revision: preview.revision,
      extension: preview.extension, status: preview.status,
    },
    projectId: task.project_id,
    actorId: actor.id,
  });
}

/**
 * `PUT actions/preview-files/<id>/set-main-preview` (Gazu `set_main_preview`): team member with
 * access to the entity, not a client. The entity row.
 */
export async function setMainPreview(actor: Actor, previewFileId: string, tx: Tx, events: DomainEvent[]): Promise<EntityView> {
  const preview = await findPreview(tx, uuidOr404(previewFileId));
  if (!preview?.task_id) throw errors.notFound();
  const context = await findTaskContext(tx, preview.task_id);
  if (!context) throw errors.notFound();
  const access = await requireProjectMember(tx, actor, context.task.project_id);
  await requireEntityAccess(tx, actor, context.task.entity_id, access.effectiveRole);
  if (access.effectiveRole === 'client') throw errors.forbidden();
  const entity = await makeMainPreview(tx, actor, preview, context.task.entity_id, context.task.project_id, events);
  await recordAudit(tx, {
    actorId: actor.id, action: 'set-main-preview', objectType: 'entity', objectId: context.task.entity_id, projectId: context.task.project_id,
    after: { preview_file_id: preview.id },
  });
  return entity;
}

/** The movie frame a main preview should show: checks that the preview is a movie the caller may set. */
export async function movieForFrame(actor: Actor, previewFileId: string, db: Executor): Promise<PreviewRow> {
  const preview = await findPreview(db, uuidOr404(previewFileId));
  if (!preview?.task_id) throw errors.notFound();
  const { access } = await requireTaskReader(db, actor, preview.task_id);
  if (access.effectiveRole === 'client') throw errors.forbidden();
  if (!preview.is_movie || preview.status !== 'ready') throw errors.badRequest("Can't use a given frame on non movie preview");
  return preview;
}

/**
 * `DELETE data/preview-files/<id>` (Gazu `remove_preview_file`): manager of the project. References
 * are cleared, the task's last preview falls back to its newest remaining one; the stored files are
 * removed by the cleanup job the deletion queues.
 */
export async function deletePreviewFile(actor: Actor, previewFileId: string, tx: Tx, events: DomainEvent[]): Promise<void> {
  const preview = await findPreview(tx, uuidOr404(previewFileId), { lock: true });
  if (!preview) throw errors.notFound();
  const task = preview.task_id ? await tx.selectFrom('task').select(['id', 'project_id']).where('id', '=', preview.task_id).executeTakeFirst() : undefined;
  if (task) await requireProjectManager(tx, actor, task.project_id);
  else if (actor.role !== 'admin') throw errors.forbidden();
  await deletePreviews(tx, [preview.id]);
  if (task) {
    const newest = await tx.selectFrom('preview_file').select('id').where('task_id', '=', task.id).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    await tx.updateTable('task').set({ last_preview_file_id: newest?.id ?? null }).where('id', '=', task.id).where('last_preview_file_id', 'is', null).execute();
  }
  const projectId = task?.project_id ?? null;
  await recordAudit(tx, { actorId: actor.id, action: 'delete', objectType: 'preview_file', objectId: preview.id, projectId, before: preview });
  events.push({ name: 'preview-file:delete', data: { preview_file_id: preview.id }, projectId, actorId: actor.id });
}

/** A preview whose task the caller may read (downloads). */
export async function readablePreview(actor: Actor, previewFileId: string, db: Executor): Promise<PreviewRow> {
  const preview = await findPreview(db, uuidOr404(previewFileId));
  if (!preview) throw errors.notFound();
  if (preview.task_id) await requireTaskReader(db, actor, preview.task_id);
  else if (actor.role !== 'admin') throw errors.forbidden();
  return preview;
}
