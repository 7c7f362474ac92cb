import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { CommentWithRelations, TaskComment } from '../../../../packages/contracts/src/comments.schema.ts';
import { presentPersonMinimal } from '../persons/person.presenter.ts';
import { requireTaskAccess } from '../tasks/task.policy.ts';
import { findTaskContext } from '../tasks/task.repository.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';
import { presentComment, presentCommentWithRelations } from './comment.presenter.ts';
import { findComment, findCommentRelations, findProjectRetakeSettings, toggleAcknowledgement } from './comment.repository.ts';
import { findTaskComments, type TaskCommentRow } from './comment-list.repository.ts';

async function loadTask(db: Executor, actor: Actor, taskId: string) {
  const context = await findTaskContext(db, uuidOr404(taskId));
  if (!context) throw errors.notFound();
  const access = await requireTaskAccess(db, actor, context);
  return { context, access };
}

function author(row: TaskCommentRow): TaskComment['person'] {
  const person = presentPersonMinimal({
    id: row.person_id, first_name: row.person_first_name, last_name: row.person_last_name, has_avatar: row.person_has_avatar, role: row.person_role,
  });
  return {
    id: row.person_id,
    first_name: row.person_first_name,
    last_name: row.person_last_name,
    full_name: String(person.full_name),
    has_avatar: row.person_has_avatar,
    role: row.person_role,
  };
}

function present(row: TaskCommentRow): TaskComment {
  const comment: TaskComment = {
    ...presentComment(row),
    person: author(row),
    task_status: { id: row.task_status_id ?? '', name: row.status_name, short_name: row.status_short_name, color: row.status_color },
    previews: row.previews,
    mentions: row.mentions,
    department_mentions: row.department_mentions,
    acknowledgements: row.acknowledgements,
    attachment_files: row.attachment_files,
  };
  if (row.editor_id) {
    comment.editor = {
      id: row.editor_id,
      first_name: row.editor_first_name ?? '',
      last_name: row.editor_last_name ?? '',
      has_avatar: row.editor_has_avatar ?? false,
      role: row.editor_role ?? 'user',
    };
  }
  return comment;
}

/**
 * What a client may read (§5.3): comments authored by clients (only his own when the project isolates
 * clients) or flagged `for_client`; comments with previews stay listed but blanked. Studio members'
 * identities are hidden from him.
 */
function clientView(actor: Actor, comments: TaskComment[], rows: TaskCommentRow[], isolated: boolean): TaskComment[] {
  const out: TaskComment[] = [];
  rows.forEach((row, index) => {
    const comment = comments[index];
    if (!comment) return;
    const authorIsClient = row.person_role === 'client';
    const allowed = row.for_client || (isolated ? row.person_id === actor.id : authorIsClient);
    if (!authorIsClient) comment.person = null;
    if (comment.editor && comment.editor.role !== 'client') {
      comment.editor = null;
      comment.editor_id = null;
    }
    if (comment.previews.length > 0 && !authorIsClient && !row.for_client) {
      out.push({ ...comment, text: '', attachment_files: [], checklist: [], replies: [] });
    } else if (allowed) {
      out.push(comment);
    }
  });
  return out;
}

/** `GET data/tasks/<task_id>/comments` (Gazu `all_comments_for_task`, `get_last_comment_for_task`): newest first. */
export async function listTaskComments(actor: Actor, input: { taskId: string }, db: Executor): Promise<TaskComment[]> {
  const { context, access } = await loadTask(db, actor, input.taskId);
  const role = access.effectiveRole;
  const isClient = role === 'client';
  const seesAll = role === 'admin' || role === 'manager' || role === 'supervisor';
  const rows = await findTaskComments(db, context.task.id, {
    projectId: context.task.project_id,
    hideClientAuthors: !seesAll && !isClient,
    hideRejectedPreviews: isClient,
  });
  const comments = rows.map(present);
  if (!isClient) return comments;
  const project = await findProjectRetakeSettings(db, context.task.project_id);
  return clientView(actor, comments, rows, project.is_clients_isolated);
}

/** `GET data/tasks/<task_id>/comments/<comment_id>`: one comment of the task, with the read rules of the list. */
export async function getTaskComment(actor: Actor, input: { taskId: string; commentId: string }, db: Executor): Promise<TaskComment> {
  const commentId = uuidOr404(input.commentId);
  const comments = await listTaskComments(actor, { taskId: input.taskId }, db);
  const comment = comments.find((item) => item.id === commentId);
  if (!comment) {
    const exists = await findComment(db, commentId);
    throw exists && exists.object_id === input.taskId.toLowerCase() ? errors.forbidden() : errors.notFound();
  }
  return comment;
}

/** `POST data/tasks/<task_id>/comments/<comment_id>/ack`: toggles the caller in the acknowledgements. */
export async function acknowledgeComment(
  actor: Actor,
  input: { taskId: string; commentId: string },
  tx: Tx,
  events: DomainEvent[],
): Promise<CommentWithRelations> {
  const { context } = await loadTask(tx, actor, input.taskId);
  const comment = await findComment(tx, uuidOr404(input.commentId));
  if (!comment || comment.object_id !== context.task.id) throw errors.notFound();
  const direction = await toggleAcknowledgement(tx, comment.id, actor.id);
  const projectId = context.task.project_id;
  await recordAudit(tx, { actorId: actor.id, action: direction, objectType: 'comment', objectId: comment.id, projectId });
  events.push({ name: `comment:${direction}`, data: { comment_id: comment.id, person_id: actor.id }, projectId, actorId: actor.id });
  return presentCommentWithRelations(comment, await findCommentRelations(tx, comment.id));
}
