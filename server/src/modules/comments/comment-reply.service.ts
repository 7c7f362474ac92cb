import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/auth/actor.ts';
import { projectAccess } from '../../platform/auth/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { CommentRow } from '../../../../packages/contracts/src/comments.schema.ts';
import { isTaskActor } from '../tasks/task.policy.ts';
import { findTaskContext } from '../tasks/task.repository.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';
import { presentComment } from './comment.presenter.ts';
import { findAuthor, findComment, findMentionables, isMentionedOnTask, updateCommentRow } from './comment.repository.ts';
import { findDepartmentMentions, findPersonMentions } from './mentions.ts';
import { findCommentRecipients, findDepartmentTeamMembers, insertNotifications, notificationEvents } from './notifications.repository.ts';

export interface Reply {
  id: string;
  date: string;
  person_id: string;
  text: string;
  mentions: string[];
  department_mentions: string[];
  created_at: string;
}

const repliesOf = (value: unknown): Reply[] => (Array.isArray(value) ? (value as Reply[]) : []);
const nowText = () => new Date().toISOString().slice(0, 19);

async function loadForReply(tx: Tx, taskId: string, commentId: string) {
  const comment = await findComment(tx, uuidOr404(commentId), { lock: true });
  if (!comment) throw errors.notFound();
  // Zou answers 403 when the comment is not on the task of the URL.
  if (comment.object_id !== taskId.toLowerCase()) throw errors.forbidden();
  const context = await findTaskContext(tx, comment.object_id);
  if (!context) throw errors.notFound();
  return { comment, context };
}

/**
 * `POST data/tasks/<task_id>/comments/<comment_id>/reply {text}` (§6.3): the comment author, a task
 * actor, or a team member mentioned on the task may reply. Assignees, watchers, earlier repliers and
 * the comment author get a `reply` notification, mentioned people a `reply-mention` one.
 */
export async function replyToComment(
  actor: Actor,
  input: { taskId: string; commentId: string; text: string },
  tx: Tx,
  events: DomainEvent[],
): Promise<Reply & { person: Record<string, unknown> }> {
  const { comment, context } = await loadForReply(tx, input.taskId, input.commentId);
  const projectId = context.task.project_id;
  const access = await projectAccess(tx, actor, projectId);
  if (!access.isMember) throw errors.forbidden();
  if (comment.person_id !== actor.id && !isTaskActor(actor, access, context)) {
    const mentioned = access.effectiveRole !== 'vendor' && (await isMentionedOnTask(tx, context.task.id, actor.id, actor.departmentIds));
    if (!mentioned) throw errors.forbidden();
  }

  const { team, departments } = await findMentionables(tx, projectId);
  const now = nowText();
  const reply: Reply = {
    id: randomUUID(),
    date: now,
    person_id: actor.id,
    text: input.text,
    mentions: findPersonMentions(input.text, team),
    department_mentions: findDepartmentMentions(input.text, departments),
    created_at: now,
  };
  const previous = repliesOf(comment.replies);
  await updateCommentRow(tx, comment.id, { replies: JSON.stringify([...previous, reply]) });

  const watchers = await findCommentRecipients(tx, { id: context.task.id, task_type_id: context.task.task_type_id, entityParentId: context.entityParentId });
  const recipients = new Set([...watchers, ...previous.map((item) => item.person_id), comment.person_id]);
  recipients.delete(actor.id);
  const viaDepartments = await findDepartmentTeamMembers(tx, projectId, reply.department_mentions);
  const mentioned = [...new Set([...reply.mentions, ...viaDepartments])].filter((personId) => personId !== actor.id);
  const base = { author_id: actor.id, comment_id: comment.id, task_id: context.task.id, reply_id: reply.id };
  const created = await insertNotifications(tx, [
    ...[...recipients].map((personId) => ({ ...base, person_id: personId, type: 'reply' as const })),
    ...mentioned.map((personId) => ({ ...base, person_id: personId, type: 'reply-mention' as const })),
  ]);
  events.push({ name: 'comment:reply', data: { task_id: context.task.id, comment_id: comment.id, reply_id: reply.id }, projectId, actorId: actor.id });
  events.push(...notificationEvents(created, projectId, actor.id));
  await recordAudit(tx, { actorId: actor.id, action: 'reply', objectType: 'comment', objectId: comment.id, projectId, after: reply });

  const author = await findAuthor(tx, actor.id);
  const person = author
    ? { id: author.person.id, first_name: author.person.first_name, last_name: author.person.last_name,
      full_name: `${author.person.first_name} ${author.person.last_name}`.trim(), has_avatar: author.person.has_avatar, role: author.person.role }
    : { id: actor.id };
  return { ...reply, person };
}

/** `DELETE data/tasks/<task_id>/comments/<comment_id>/reply/<reply_id>`: the reply author or an admin. */
export async function deleteReply(
  actor: Actor,
  input: { taskId: string; commentId: string; replyId: string },
  tx: Tx,
  events: DomainEvent[],
): Promise<CommentRow> {
  const { comment, context } = await loadForReply(tx, input.taskId, input.commentId);
  const replies = repliesOf(comment.replies);
  const reply = replies.find((item) => item.id === input.replyId);
  if (!reply) throw errors.notFound();
  if (reply.person_id !== actor.id && actor.role !== 'admin') throw errors.forbidden();
  const updated = await updateCommentRow(tx, comment.id, { replies: JSON.stringify(replies.filter((item) => item.id !== reply.id)) });
  await tx.deleteFrom('attachment_file').where('comment_id', '=', comment.id).where('reply_id', '=', reply.id).execute();
  await tx.deleteFrom('notification').where('reply_id', '=', reply.id).execute();
  const projectId = context.task.project_id;
  await recordAudit(tx, { actorId: actor.id, action: 'delete-reply', objectType: 'comment', objectId: comment.id, projectId, before: reply });
  events.push({ name: 'comment:delete-reply', data: { task_id: context.task.id, comment_id: comment.id, reply_id: reply.id }, projectId, actorId: actor.id });
  return presentComment(updated);
}
