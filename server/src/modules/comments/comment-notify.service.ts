import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { EntityKind } from '../breakdown/entity-kind.ts';
import { findDepartmentTeamMembers, insertCommentNotices, insertNotifications, notificationEvents } from './notifications.repository.ts';

export interface CommentAudience {
  task: { id: string; project_id: string; task_type_id: string };
  entityParentId: string | null;
  entityKind: EntityKind;
  comment: { id: string; person_id: string; task_status_id: string | null };
  /** The comment changed the task status (`change` flag of notifications and news). */
  change: boolean;
  mentionIds: string[];
  departmentMentionIds: string[];
}

/**
 * §6.1 steps 6-7: a `comment` notification for the assignees and watchers of the task (and of its
 * sequence for this task type), a `mention` notification for the people mentioned by name or through
 * a department, never for the author; then the news row, except on concepts. One statement.
 */
export async function notifyAboutComment(actor: Actor, audience: CommentAudience, tx: Tx, events: DomainEvent[]): Promise<void> {
  const { task, comment } = audience;
  const authorId = comment.person_id;
  const viaDepartments = await findDepartmentTeamMembers(tx, task.project_id, audience.departmentMentionIds);
  const mentioned = [...new Set([...audience.mentionIds, ...viaDepartments])].filter((personId) => personId !== authorId);
  const withNews = audience.entityKind !== 'Concept';
  const { notified, newsId } = await insertCommentNotices(tx, {
    task: { id: task.id, task_type_id: task.task_type_id, entityParentId: audience.entityParentId },
    commentId: comment.id,
    authorId,
    change: audience.change,
    mentioned,
    withNews,
  });
  events.push(...notificationEvents(notified, task.project_id, actor.id));
  if (!withNews || newsId === null) return;
  events.push({
    name: 'news:new',
    data: { news_id: newsId, task_status_id: comment.task_status_id, task_type_id: task.task_type_id },
    projectId: task.project_id,
    actorId: actor.id,
  });
}

/** After an edit of its text, the comment's mention notifications are rebuilt (§6.3). */
export async function renotifyMentions(
  actor: Actor,
  input: { task: { id: string; project_id: string }; comment: { id: string; person_id: string }; mentionIds: string[]; departmentMentionIds: string[] },
  tx: Tx,
  events: DomainEvent[],
): Promise<void> {
  const viaDepartments = await findDepartmentTeamMembers(tx, input.task.project_id, input.departmentMentionIds);
  const mentioned = [...new Set([...input.mentionIds, ...viaDepartments])].filter((personId) => personId !== input.comment.person_id);
  const created = await insertNotifications(
    tx,
    mentioned.map((personId) => ({
      person_id: personId, author_id: input.comment.person_id, type: 'mention', comment_id: input.comment.id, task_id: input.task.id,
    })),
  );
  events.push(...notificationEvents(created, input.task.project_id, actor.id));
}
