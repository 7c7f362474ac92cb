import { isDeepStrictEqual } from 'node:util';
import type { Selectable, Updateable } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { projectAccess, requireProjectMember, type ProjectAccess } from '../../platform/auth/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Comment } from '../../platform/db/schema.ts';
import { errors } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { CommentRow, CommentUpdateBody } from '../../../../packages/contracts/src/comments.schema.ts';
import { isProjectManager, isTaskActor, requireTaskStatusAccess } from '../tasks/task.policy.ts';
import { recomputeTask } from '../tasks/task-recompute.service.ts';
import { findTaskContext, findTaskStatus, lockTasks, type TaskContext } from '../tasks/task.repository.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { presentComment } from './comment.presenter.ts';
import { deleteCommentCascade, findComment, findMentionables, setMentions, updateCommentRow } from './comment.repository.ts';
import { renotifyMentions } from './comment-notify.service.ts';
import { findDepartmentMentions, findPersonMentions } from './mentions.ts';
import { deleteNotificationsOfComment } from './notifications.repository.ts';

/** Columns a PUT may change; every other key of the body (Gazu sends the whole comment) is ignored. */
const EDITABLE = ['text', 'checklist', 'pinned', 'for_client', 'links', 'data', 'task_status_id', 'person_id', 'object_id'] as const;
type Editable = (typeof EDITABLE)[number];

/** Loads a comment by the CRUD rules (§3.4): malformed id → 400 "Malformed ID.", unknown → 404. */
export async function loadComment(tx: Tx, commentId: string, options: { lock?: boolean; malformedIs404?: boolean } = {}) {
  if (!isUuid(commentId)) throw options.malformedIs404 ? errors.notFound() : errors.malformedId();
  const comment = await findComment(tx, commentId.toLowerCase(), { lock: options.lock });
  if (!comment) throw errors.notFound();
  const context = await findTaskContext(tx, comment.object_id);
  if (!context) throw errors.notFound();
  return { comment, context };
}

function changedKeys(comment: Selectable<Comment>, body: CommentUpdateBody): Editable[] {
  const current: Record<Editable, unknown> = {
    text: comment.text, checklist: comment.checklist, pinned: comment.pinned, for_client: comment.for_client, links: comment.links,
    data: comment.data, task_status_id: comment.task_status_id, person_id: comment.person_id, object_id: comment.object_id,
  };
  // An unpinned comment is null in the database and false in clients' eyes.
  const same = (key: Editable) => (key === 'pinned' ? Boolean(body.pinned) === Boolean(current.pinned) : isDeepStrictEqual(body[key], current[key]));
  return EDITABLE.filter((key) => key in body && body[key] !== undefined && !same(key));
}

/** Only the `checked` flags differ: the item list itself is the same. */
function onlyTicks(before: unknown, after: unknown): boolean {
  if (!Array.isArray(before) || !Array.isArray(after) || before.length !== after.length) return false;
  return before.every((item, index) => {
    const next: unknown = after[index];
    if (typeof item !== 'object' || item === null || typeof next !== 'object' || next === null) return false;
    const strip = (value: object) => Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'checked'));
    return isDeepStrictEqual(strip(item), strip(next));
  });
}

/** §6.3 update rules for everyone but admins and managers of the project. */
function checkEditRights(actor: Actor, access: ProjectAccess, context: TaskContext, comment: Selectable<Comment>, body: CommentUpdateBody, changed: Editable[]) {
  const isAuthor = comment.person_id === actor.id;
  const coversDepartment =
    access.effectiveRole === 'supervisor' &&
    (actor.departmentIds.length === 0 || (context.taskTypeDepartmentId !== null && actor.departmentIds.includes(context.taskTypeDepartmentId)));
  const assigned = context.assigneeIds.includes(actor.id);
  if (changed.includes('for_client')) throw errors.forbidden();
  if (changed.includes('pinned') && !coversDepartment) throw errors.forbidden();
  if (changed.includes('object_id')) throw errors.forbidden();
  if (changed.includes('person_id') && body.person_id !== actor.id) throw errors.forbidden();
  if (!isAuthor) {
    if (changed.some((key) => key !== 'pinned' && key !== 'checklist')) throw errors.forbidden();
    if (changed.includes('checklist') && (!(assigned || coversDepartment) || !onlyTicks(comment.checklist, body.checklist))) throw errors.forbidden();
  }
  if (changed.includes('task_status_id') && !isTaskActor(actor, access, context)) throw errors.forbidden();
}

/**
 * `PUT data/comments/<id>` (Gazu `update_comment`, §6.3): records the editor, rebuilds mentions and
 * their notifications, and recomputes the task when the comment's status changed. Only keys whose
 * value changes are judged, so a whole comment PUT back unchanged but for one field is accepted.
 */
export async function updateComment(actor: Actor, input: { commentId: string; body: CommentUpdateBody }, tx: Tx, events: DomainEvent[]): Promise<CommentRow> {
  const { comment, context } = await loadComment(tx, input.commentId, { lock: true });
  const projectId = context.task.project_id;
  const access = actor.role === 'admin' ? await projectAccess(tx, actor, projectId) : await requireProjectMember(tx, actor, projectId);
  const changed = changedKeys(comment, input.body);
  if (!isProjectManager(access)) checkEditRights(actor, access, context, comment, input.body, changed);
  // Re-targeting through a plain edit would leave both tasks stale: the move route recomputes them.
  if (changed.includes('object_id')) throw errors.badRequest('A comment moves with POST actions/tasks/<task_id>/comments/<comment_id>/move.');

  const values: Updateable<Comment> = { editor_id: actor.id };
  for (const key of changed) {
    const value = input.body[key];
    if (key === 'checklist' || key === 'links' || key === 'data') values[key] = JSON.stringify(value ?? null);
    else if (key === 'text') values.text = (value as string | null) ?? '';
    else if (key === 'pinned') values.pinned = value as boolean | null;
    else if (key === 'for_client') values.for_client = Boolean(value);
    else if (key === 'task_status_id' || key === 'person_id') {
      if (!isUuid(value)) throw errors.badRequest(`Invalid UUID value: ${String(value)}`);
      values[key] = value.toLowerCase();
    }
  }
  if (values.task_status_id) {
    const status = await findTaskStatus(tx, values.task_status_id);
    if (!status || (status.project_id !== null && status.project_id !== projectId)) throw errors.notFound();
    requireTaskStatusAccess(access, status);
  }
  const updated = await updateCommentRow(tx, comment.id, values);

  const { team, departments } = await findMentionables(tx, projectId);
  const mentionIds = findPersonMentions(updated.text ?? '', team);
  const departmentMentionIds = findDepartmentMentions(updated.text ?? '', departments);
  await setMentions(tx, comment.id, mentionIds, departmentMentionIds);
  await deleteNotificationsOfComment(tx, comment.id, 'mention');
  await renotifyMentions(actor, { task: context.task, comment: updated, mentionIds, departmentMentionIds }, tx, events);

  if (changed.includes('task_status_id')) {
    await lockTasks(tx, [context.task.id]);
    await recomputeTask(actor, { taskId: context.task.id }, tx, events);
    events.push({
      name: 'task:status-changed',
      data: { task_id: context.task.id, new_task_status_id: updated.task_status_id, previous_task_status_id: comment.task_status_id, person_id: updated.person_id },
      projectId,
      actorId: actor.id,
    });
  }
  await recordAudit(tx, { actorId: actor.id, action: 'update', objectType: 'comment', objectId: comment.id, projectId, before: comment, after: updated });
  events.push({ name: 'comment:update', data: { comment_id: comment.id, task_id: context.task.id }, projectId, actorId: actor.id });
  return presentComment(updated);
}

/**
 * `DELETE data/comments/<id>` (Gazu `remove_comment`): managers of the project, or the author. Removes
 * the comment with its notifications, news, previews and attachments, then recomputes the task (§6.5).
 */
export async function deleteComment(
  actor: Actor,
  input: { commentId: string; taskId?: string },
  tx: Tx,
  events: DomainEvent[],
): Promise<void> {
  const { comment, context } = await loadComment(tx, input.commentId, { lock: true, malformedIs404: input.taskId !== undefined });
  if (input.taskId !== undefined && input.taskId.toLowerCase() !== comment.object_id) throw errors.notFound();
  const projectId = context.task.project_id;
  const access = await projectAccess(tx, actor, projectId);
  if (isProjectManager(access)) await requireProjectMember(tx, actor, projectId);
  else if (actor.role !== 'admin' && comment.person_id !== actor.id) throw errors.forbidden();

  await lockTasks(tx, [context.task.id]);
  await deleteCommentCascade(tx, comment);
  const outcome = await recomputeTask(actor, { taskId: context.task.id }, tx, events);
  await recordAudit(tx, { actorId: actor.id, action: 'delete', objectType: 'comment', objectId: comment.id, projectId, before: comment });
  events.push({ name: 'comment:delete', data: { comment_id: comment.id }, projectId, actorId: actor.id });
  if (outcome.statusChanged) {
    events.push({
      name: 'task:status-changed',
      data: { task_id: context.task.id, new_task_status_id: outcome.task.task_status_id, previous_task_status_id: outcome.previousStatusId, person_id: comment.person_id },
      projectId,
      actorId: actor.id,
    });
  }
}
