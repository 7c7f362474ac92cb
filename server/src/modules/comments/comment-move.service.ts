import { isGlobalManager, type Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { CommentWithRelations } from '../../../../packages/contracts/src/comments.schema.ts';
import { requireTaskAccess } from '../tasks/task.policy.ts';
import { recomputeTask } from '../tasks/task-recompute.service.ts';
import { findTaskContext, lockTasks } from '../tasks/task.repository.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';
import { presentCommentWithRelations } from './comment.presenter.ts';
import { findComment, findCommentRelations, hasPreview, moveCommentRow } from './comment.repository.ts';
import { notifyAboutComment } from './comment-notify.service.ts';
import { deleteNewsOfComment } from './news.repository.ts';
import { deleteNotificationsOfComment } from './notifications.repository.ts';

/**
 * The move is reserved to the global admin and manager roles, checked before anything else (§6.4): a
 * per-project manager override does not grant it, a per-project downgrade does not remove it.
 */
export function requireMoveRole(actor: Actor): void {
  if (!isGlobalManager(actor)) throw errors.forbidden();
}

async function loadTask(tx: Tx, actor: Actor, taskId: string) {
  const context = await findTaskContext(tx, uuidOr404(taskId));
  if (!context) throw errors.notFound();
  await requireTaskAccess(tx, actor, context);
  return context;
}

/**
 * `POST actions/tasks/<task_id>/comments/<comment_id>/move {target_task_id}` (Gazu
 * `move_comment_to_task`, §6.4, seed 004): re-targets a comment to another task of the same entity.
 * Text, attachments, mentions, date and the status it carries travel with it; its notifications and
 * news are rebuilt on the target (change=false) and both tasks are recomputed from their histories.
 */
export async function moveComment(
  actor: Actor,
  input: { taskId: string; commentId: string; targetTaskId: string },
  tx: Tx,
  events: DomainEvent[],
): Promise<CommentWithRelations> {
  requireMoveRole(actor);
  const source = await loadTask(tx, actor, input.taskId);
  const target = await loadTask(tx, actor, input.targetTaskId);
  const comment = await findComment(tx, uuidOr404(input.commentId), { lock: true });
  if (!comment) throw errors.notFound();
  if (comment.object_id !== source.task.id) throw errors.badRequest('Comment does not belong to the given task.');
  if (source.task.id === target.task.id) throw errors.badRequest('Source and target tasks must be different.');
  if (source.task.entity_id !== target.task.entity_id) {
    throw errors.badRequest('A comment can only be moved between tasks of the same entity.');
  }
  if (await hasPreview(tx, comment)) throw errors.badRequest('A comment attached to a preview revision cannot be moved.');

  await lockTasks(tx, [source.task.id, target.task.id]);
  await deleteNotificationsOfComment(tx, comment.id);
  await deleteNewsOfComment(tx, comment.id);
  await moveCommentRow(tx, comment.id, target.task.id);
  await recomputeTask(actor, { taskId: source.task.id }, tx, events);
  const recomputed = await recomputeTask(actor, { taskId: target.task.id }, tx, events);

  const sourceProject = source.task.project_id;
  const targetProject = target.task.project_id;
  events.push({ name: 'comment:delete', data: { comment_id: comment.id }, projectId: sourceProject, actorId: actor.id });
  events.push({
    name: 'comment:new',
    data: { comment_id: comment.id, task_id: target.task.id, task_status_id: comment.task_status_id },
    projectId: targetProject,
    actorId: actor.id,
  });

  const relations = await findCommentRelations(tx, comment.id);
  await notifyAboutComment(
    actor,
    {
      task: recomputed.task,
      entityParentId: target.entityParentId,
      entityKind: target.entityKind,
      comment,
      change: false,
      mentionIds: relations.mentions,
      departmentMentionIds: relations.department_mentions,
    },
    tx,
    events,
  );
  await recordAudit(tx, {
    actorId: actor.id,
    action: 'move-comment',
    objectType: 'comment',
    objectId: comment.id,
    projectId: targetProject,
    before: { object_id: source.task.id },
    after: { object_id: target.task.id },
  });
  const moved = await findComment(tx, comment.id);
  return presentCommentWithRelations(moved ?? { ...comment, object_id: target.task.id }, relations);
}
