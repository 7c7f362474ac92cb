import type { Actor } from '../../platform/auth/actor.ts';
import { requireAdmin, requireProjectManager } from '../../platform/auth/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { Storage } from '../../platform/storage/index.ts';
import { downloadTo, withTempDir } from '../../platform/storage/local-copy.ts';
import { attachmentKey, attachmentThumbnailKey } from '../../platform/storage/layout.ts';
import type { AttachmentFile } from '../../../../packages/contracts/src/previews.schema.ts';
import { requireTaskReader } from '../files/task-access.ts';
import { storeThumbnail, UnreadableImageError } from '../previews/picture-variants.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';
import { findAttachment, insertAttachments, listCommentAttachments, listOwnerAttachments, type AttachmentRow, type NewAttachment } from './attachment.repository.ts';

/** Comment attachments (§6.1, §6.3): files stored beside a comment, read by whoever reads its task. */

export function presentAttachment(row: AttachmentRow): AttachmentFile {
  return {
    id: row.id,
    type: 'AttachmentFile',
    created_at: row.created_at,
    updated_at: row.updated_at,
    name: row.name,
    size: row.size,
    extension: row.extension,
    mimetype: row.mimetype,
    comment_id: row.comment_id,
    reply_id: row.reply_id,
    chat_message_id: row.chat_message_id,
  };
}

/**
 * Who may add attachments to a comment: its author, or a manager of its project; the comment must be
 * on the given task (403 otherwise). Checked before the upload is read, and again in its transaction.
 */
export async function requireAttachmentRights(db: Executor, actor: Actor, input: { taskId: string; commentId: string }, options: { lock?: boolean } = {}) {
  let query = db.selectFrom('comment').select(['id', 'object_id', 'person_id']).where('id', '=', uuidOr404(input.commentId));
  if (options.lock) query = query.forUpdate();
  const comment = await query.executeTakeFirst();
  if (!comment) throw errors.notFound();
  if (comment.object_id !== uuidOr404(input.taskId)) throw errors.forbidden();
  const task = await db.selectFrom('task').select(['id', 'project_id']).where('id', '=', comment.object_id).executeTakeFirst();
  if (!task) throw errors.notFound();
  if (comment.person_id !== actor.id) await requireProjectManager(db, actor, task.project_id);
  return { comment, task };
}

/**
 * `POST actions/tasks/<task_id>/comments/<comment_id>/add-attachment` (Gazu
 * `add_attachment_files_to_comment`). The files were stored under keys made from their ids; they
 * become rows here. 201: every attachment of the comment.
 */
export async function addAttachmentsToComment(
  actor: Actor,
  input: { taskId: string; commentId: string; files: readonly NewAttachment[] },
  tx: Tx,
  events: DomainEvent[],
): Promise<AttachmentFile[]> {
  const { comment, task } = await requireAttachmentRights(tx, actor, input, { lock: true });
  const added = await insertAttachments(tx, comment.id, input.files);
  await recordAudit(tx, added.map((row) => ({
    actorId: actor.id, action: 'create', objectType: 'attachment_file', objectId: row.id, projectId: task.project_id, after: row,
  })));
  events.push({ name: 'comment:update', data: { comment_id: comment.id, task_id: task.id }, projectId: task.project_id, actorId: actor.id });
  return (await listCommentAttachments(tx, comment.id)).map(presentAttachment);
}

/** An attachment whose comment's task the caller may read (404 / 403 otherwise; chat attachments are the admins'). */
export async function readableAttachment(actor: Actor, attachmentFileId: string, db: Executor): Promise<AttachmentRow> {
  const row = await findAttachment(db, uuidOr404(attachmentFileId));
  if (!row) throw errors.notFound();
  if (row.comment_id) {
    const comment = await db.selectFrom('comment').select('object_id').where('id', '=', row.comment_id).executeTakeFirst();
    if (!comment) throw errors.notFound();
    await requireTaskReader(db, actor, comment.object_id);
  } else if (actor.role !== 'admin') {
    throw errors.forbidden();
  }
  return row;
}

/** What `GET data/attachment-files/<id>/file/<name>` streams. */
export async function attachmentDownload(actor: Actor, attachmentFileId: string, db: Executor) {
  const row = await readableAttachment(actor, attachmentFileId, db);
  return {
    key: attachmentKey(row.id),
    contentType: row.mimetype ?? 'application/octet-stream',
    fileName: row.name ?? row.id,
    lastModified: row.updated_at,
  };
}

/**
 * `GET data/tasks/<task_id>/attachment-files` and `GET data/projects/<project_id>/attachment-files`
 * (Gazu `get_all_attachment_files_for_task` / `_for_project`): the attachments of the comments of a
 * task, or of every task of a project. Admins only (403 first, so the ids are not probed); 404 for an
 * unknown task or project.
 */
export async function listAttachmentsOf(actor: Actor, owner: { taskId: string } | { projectId: string }, db: Executor): Promise<AttachmentFile[]> {
  requireAdmin(actor);
  const key = 'taskId' in owner ? { taskId: uuidOr404(owner.taskId) } : { projectId: uuidOr404(owner.projectId) };
  const rows = await listOwnerAttachments(db, key);
  if (!rows) throw errors.notFound();
  return rows.map(presentAttachment);
}

/** Raster types sharp reads; SVG is left out (a document, not a picture to rasterise on the server). */
const THUMBNAIL_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/tiff', 'image/bmp']);

/**
 * `GET pictures/thumbnails/attachment-files/<id>.png` (Gazu `download_attachment_thumbnail`): a
 * 150×100 PNG of an image attachment, for whoever may download the attachment. Rendered from the
 * stored file on the first request and kept beside it (removed with the row); 404 when the attachment
 * is not a readable image.
 */
export async function attachmentThumbnail(actor: Actor, attachmentFileId: string, deps: { db: Executor; storage: Storage }) {
  const row = await readableAttachment(actor, attachmentFileId, deps.db);
  if (!THUMBNAIL_TYPES.has(row.mimetype ?? '')) throw errors.notFound();
  const key = attachmentThumbnailKey(row.id);
  if (!(await deps.storage.exists(key))) {
    try {
      await withTempDir(async (dir) => storeThumbnail(deps.storage, key, await downloadTo(deps.storage, attachmentKey(row.id), dir)));
    } catch (error) {
      if (error instanceof UnreadableImageError) throw errors.notFound();
      throw error;
    }
  }
  return { key, contentType: 'image/png', fileName: `${row.id}.png`, lastModified: row.updated_at };
}
