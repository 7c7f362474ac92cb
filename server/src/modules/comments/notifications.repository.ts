import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';

export type NotificationType = 'comment' | 'mention' | 'assignation' | 'reply' | 'reply-mention';

export interface NewNotification {
  person_id: string;
  author_id: string;
  type: NotificationType;
  change?: boolean;
  comment_id?: string | null;
  task_id?: string | null;
  reply_id?: string | null;
}

/** Inserts every notification in one statement; returns what `notification:new` events need. */
export async function insertNotifications(tx: Tx, rows: NewNotification[]): Promise<Array<{ id: string; person_id: string; task_id: string | null }>> {
  if (rows.length === 0) return [];
  return tx
    .insertInto('notification')
    .values(rows.map((row) => ({ ...row, change: row.change ?? false, read: false })))
    .returning(['id', 'person_id', 'task_id'])
    .execute();
}

/** `notification:new {notification_id, person_id}`: the live signal of each notification (§6.1 step 6). */
export function notificationEvents(
  created: Array<{ id: string; person_id: string }>,
  projectId: string,
  actorId: string,
): DomainEvent[] {
  return created.map((row) => ({
    name: 'notification:new',
    data: { notification_id: row.id, person_id: row.person_id },
    projectId,
    actorId,
  }));
}

export async function deleteNotificationsOfComment(tx: Tx, commentId: string, type?: NotificationType): Promise<void> {
  let query = tx.deleteFrom('notification').where('comment_id', '=', commentId);
  if (type) query = query.where('type', '=', type);
  await query.execute();
}

/**
 * Who hears about a comment on a task: its assignees, the people watching the task, and the people
 * watching the parent sequence for this task type (§6.1 step 6). One query.
 */
export async function findCommentRecipients(
  db: Executor,
  task: { id: string; task_type_id: string; entityParentId: string | null },
): Promise<string[]> {
  const result = await sql<{ person_id: string }>`
    SELECT a.person_id FROM assignations a WHERE a.task_id = ${task.id}
    UNION
    SELECT s.person_id FROM subscription s WHERE s.task_id = ${task.id}
    UNION
    SELECT s.person_id FROM subscription s
     WHERE ${task.entityParentId}::uuid IS NOT NULL AND s.entity_id = ${task.entityParentId}::uuid AND s.task_type_id = ${task.task_type_id}`.execute(db);
  return result.rows.map((row) => row.person_id);
}

/** Team members of the project who belong to one of the departments (department mentions). */
export async function findDepartmentTeamMembers(db: Executor, projectId: string, departmentIds: string[]): Promise<string[]> {
  if (departmentIds.length === 0) return [];
  const rows = await db
    .selectFrom('project_person_link as ppl')
    .innerJoin('department_link as dl', 'dl.person_id', 'ppl.person_id')
    .select('ppl.person_id')
    .distinct()
    .where('ppl.project_id', '=', projectId)
    .where('dl.department_id', 'in', departmentIds)
    .execute();
  return rows.map((row) => row.person_id);
}
