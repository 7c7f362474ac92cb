import type { Selectable } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { projectAccess, type ProjectAccess } from '../../platform/auth/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Comment, TaskStatus } from '../../platform/db/schema.ts';
import { errors } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { CreatedComment } from '../../../../packages/contracts/src/comments.schema.ts';
import { presentPerson } from '../persons/person.presenter.ts';
import { isProjectManager, isTaskActor, requireTaskStatusAccess } from '../tasks/task.policy.ts';
import { presentTaskStatus } from '../tasks/task.presenter.ts';
import { applyCommentToTask } from '../tasks/task-recompute.service.ts';
import { findTaskContext, findTaskContexts, findTaskStatus, lockTasks, type TaskContext } from '../tasks/task.repository.ts';
import { isUuid, uuidOr404 } from '../../platform/http/uuid.ts';
import { presentCommentWithRelations } from './comment.presenter.ts';
import {
  findAuthor,
  findCommentRelations,
  findMentionables,
  findProjectRetakeSettings,
  findSiblingTasks,
  insertComment,
  insertMentions,
  isMentionedOnTask,
} from './comment.repository.ts';
import { notifyAboutComment } from './comment-notify.service.ts';
import { findDepartmentMentions, findHashtags, findPersonMentions } from './mentions.ts';
import { insertAttachments, type NewAttachment } from '../attachments/attachment.repository.ts';

export interface CreateCommentInput {
  taskId: string;
  taskStatusId: string;
  text: string;
  checklist: unknown[];
  links: unknown[];
  forClient: boolean;
  /** Managers only: post on behalf of someone, or backdate. Ignored for everyone else. */
  personId?: string;
  createdAt?: string;
  /** Files already stored under keys made from their ids (multipart comments); they become attachment rows. */
  attachments?: readonly NewAttachment[];
}

/** Zou accepts `YYYY-MM-DD HH:MM:SS` and `YYYY-MM-DDTHH:MM:SS`; anything else means "now". */
export function parseCommentDate(value: string | undefined): string | null {
  const match = value?.trim().match(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/);
  if (!match) return null;
  const iso = `${match[1]}T${match[2]}`;
  return Number.isNaN(Date.parse(`${iso}Z`)) ? null : iso;
}

/** §6.1 permission steps 1-2: task actor, or mentioned member keeping the status; then status access. */
async function authorizeComment(tx: Tx, actor: Actor, context: TaskContext, status: Selectable<TaskStatus>): Promise<ProjectAccess> {
  const access = await projectAccess(tx, actor, context.task.project_id);
  if (!isTaskActor(actor, access, context)) {
    const mayAnswer =
      access.isMember &&
      access.effectiveRole !== 'vendor' &&
      (await isMentionedOnTask(tx, context.task.id, actor.id, actor.departmentIds));
    if (!mayAnswer || status.id !== context.task.task_status_id) throw errors.forbidden();
  }
  requireTaskStatusAccess(access, status);
  return access;
}

function checkRetakeCap(context: TaskContext, status: Selectable<TaskStatus>, projectMaxRetakes: number): void {
  if (!status.is_retake || projectMaxRetakes <= 0) return;
  const entityData = context.entityData && typeof context.entityData === 'object' && !Array.isArray(context.entityData) ? context.entityData : {};
  const entityMax = Number(entityData.max_retakes ?? 0);
  const limit = entityMax > 0 ? entityMax : projectMaxRetakes;
  if (context.task.retake_count >= limit) throw errors.badRequest('No more retakes allowed on this task');
}

interface Posting {
  context: TaskContext;
  status: Selectable<TaskStatus>;
  authorId: string;
  text: string;
  checklist: unknown[];
  links: unknown[];
  forClient: boolean;
  createdAt: string | null;
}

/** Steps 3, 5, 6 and 7 for one task (the commented one, or a #hashtag copy); the task row is locked. */
async function post(actor: Actor, posting: Posting, tx: Tx, events: DomainEvent[]) {
  const { context, status } = posting;
  const projectId = context.task.project_id;
  const comment = await insertComment(tx, {
    object_id: context.task.id,
    task_status_id: status.id,
    person_id: posting.authorId,
    text: posting.text,
    checklist: posting.checklist,
    links: posting.links,
    for_client: posting.forClient,
    created_at: posting.createdAt,
  });
  // Every mention starts with "@": without one, nobody to look up.
  const { team, departments } = posting.text.includes('@') ? await findMentionables(tx, projectId) : { team: [], departments: [] };
  const mentionIds = findPersonMentions(posting.text, team);
  const departmentMentionIds = findDepartmentMentions(posting.text, departments);
  await insertMentions(tx, comment.id, mentionIds, departmentMentionIds);
  events.push({ name: 'comment:new', data: { comment_id: comment.id, task_id: context.task.id, task_status_id: status.id }, projectId, actorId: actor.id });
  await recordAudit(tx, { actorId: actor.id, action: 'create', objectType: 'comment', objectId: comment.id, projectId, after: comment });
  return { comment, mentionIds, departmentMentionIds };
}

async function settle(actor: Actor, posting: Posting, comment: Selectable<Comment>, mentions: { mentionIds: string[]; departmentMentionIds: string[] }, tx: Tx, events: DomainEvent[]) {
  const { context, status } = posting;
  const outcome = await applyCommentToTask(
    actor,
    { taskId: context.task.id, previousStatusId: context.task.task_status_id, commentId: comment.id, authorId: posting.authorId, status },
    tx,
    events,
  );
  await notifyAboutComment(
    actor,
    { task: context.task, entityParentId: context.entityParentId, entityKind: context.entityKind, comment, change: outcome.statusChanged, ...mentions },
    tx,
    events,
  );
}

/** Locks the #hashtag targets with the commented task (in id order: no deadlock) and reads the task again, locked. */
async function lockWithTargets(tx: Tx, initial: TaskContext, tags: string[]) {
  const taskId = initial.task.id;
  const siblings = await findSiblingTasks(tx, initial.task.entity_id, taskId);
  const targets = siblings.filter(
    (task) => task.task_type_id !== initial.task.task_type_id && (tags.includes('all') || tags.includes(task.task_type_name.toLowerCase())),
  );
  await lockTasks(tx, [taskId, ...targets.map((task) => task.id)]);
  const context = await findTaskContext(tx, taskId);
  if (!context) throw errors.notFound();
  return { context, targets };
}

/**
 * `POST actions/tasks/<task_id>/comment` (Gazu `add_comment`, `start_task`): the whole §6.1 flow in the
 * caller's transaction. The commented task (and the #hashtag targets) are locked first, so that two
 * concurrent status changes are applied one after the other on fresh rows. Without #hashtags the task
 * is read locked at once: one statement where the general case takes three (the comment flow is the
 * studio's busiest write; bench/README.md).
 */
export async function createComment(actor: Actor, input: CreateCommentInput, tx: Tx, events: DomainEvent[]): Promise<CreatedComment> {
  const taskId = uuidOr404(input.taskId);
  const tags = findHashtags(input.text);
  const initial = await findTaskContext(tx, taskId, { lock: tags.length === 0 });
  if (!initial) throw errors.notFound();
  const status = await findTaskStatus(tx, uuidOr404(input.taskStatusId));
  if (!status || (status.project_id !== null && status.project_id !== initial.task.project_id)) throw errors.notFound();
  const access = await authorizeComment(tx, actor, initial, status);

  const manager = isProjectManager(access);
  const requestedAuthor = manager && input.personId ? input.personId : actor.id;
  const author = isUuid(requestedAuthor) ? await findAuthor(tx, requestedAuthor.toLowerCase()) : undefined;
  if (!author) throw errors.notFound();
  const createdAt = manager ? parseCommentDate(input.createdAt) : null;
  const forClient = manager ? input.forClient : false;

  const { context, targets } = tags.length > 0 ? await lockWithTargets(tx, initial, tags) : { context: initial, targets: [] };
  if (status.is_retake) checkRetakeCap(context, status, (await findProjectRetakeSettings(tx, context.task.project_id)).max_retakes);

  const posting: Posting = {
    context, status, authorId: author.person.id, text: input.text, checklist: input.checklist, links: input.links, forClient, createdAt,
  };
  const main = await post(actor, posting, tx, events);
  await insertAttachments(tx, main.comment.id, input.attachments ?? []);

  // #hashtags: a copy on each targeted sibling task, keeping that task's status; copies never recurse.
  for (const target of await findTaskContexts(tx, targets.map((task) => task.id))) {
    const targetStatus = await findTaskStatus(tx, target.task.task_status_id);
    if (!targetStatus) continue;
    const copy: Posting = {
      ...posting, context: target, status: targetStatus, text: `${input.text}\n\n____\nFrom ${context.taskTypeName} task`,
      checklist: [], links: [], forClient: false, createdAt: null, // a copy is a plain comment posted now
    };
    const posted = await post(actor, copy, tx, events);
    await settle(actor, copy, posted.comment, posted, tx, events);
  }

  await settle(actor, posting, main.comment, main, tx, events);
  // A new comment's links are what this flow wrote: read them back only when attachments were added.
  const relations = input.attachments?.length
    ? await findCommentRelations(tx, main.comment.id)
    : { previews: [], mentions: [...main.mentionIds].sort(), department_mentions: [...main.departmentMentionIds].sort(), acknowledgements: [], attachment_files: [] };
  return {
    ...presentCommentWithRelations(main.comment, relations, { attachmentSummaries: true }),
    task_status: presentTaskStatus(status),
    person: presentPerson(author.person, author.departmentIds),
  };
}
