import type { Selectable } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Task, TaskStatus } from '../../platform/db/schema.ts';
import { errors } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { findDefaultStatus } from './task.repository.ts';
import {
  findCommentHistory,
  lockTaskForRecompute,
  writeCommentStatusIfLatest,
  writeDerivedFields,
  type CommentStep,
  type DerivedFields,
} from './task-recompute.repository.ts';

export interface StatusOutcome {
  task: Selectable<Task>;
  previousStatusId: string;
  statusChanged: boolean;
}

/**
 * Replays a comment history (§6.5): the last comment sets the status (the default one when there is
 * none); retakes count transitions into a retake status; WIP starts, feedback ends, done completes.
 */
export function deriveFromHistory(history: CommentStep[], defaultStatusId: string, duration: number): DerivedFields {
  const fields: DerivedFields = {
    task_status_id: defaultStatusId,
    retake_count: 0,
    real_start_date: null,
    end_date: null,
    done_date: null,
    last_comment_date: null,
    duration,
  };
  let previousIsRetake = false;
  for (const step of history) {
    if (step.is_retake && !previousIsRetake) fields.retake_count += 1;
    previousIsRetake = step.is_retake;
    if (step.is_wip && fields.real_start_date === null) fields.real_start_date = step.created_at;
    if (step.is_feedback_request && fields.end_date === null) fields.end_date = step.created_at;
    if (step.is_done) fields.done_date = step.created_at;
    fields.task_status_id = step.task_status_id;
    fields.last_comment_date = step.created_at;
  }
  return fields;
}

/**
 * Recomputes a task from its comments and time spents (Zou `reset_task_data`), with the task row
 * locked. Used after deleting, moving or re-statusing a comment, and for backdated comments.
 */
export async function recomputeTask(actor: Actor, input: { taskId: string }, tx: Tx, events: DomainEvent[]): Promise<StatusOutcome> {
  const locked = await lockTaskForRecompute(tx, input.taskId);
  if (!locked) throw errors.notFound();
  const defaultStatus = await findDefaultStatus(tx, locked.is_concept, locked.project_id);
  const fields = deriveFromHistory(await findCommentHistory(tx, input.taskId), defaultStatus.id, locked.duration);
  const task = await writeDerivedFields(tx, input.taskId, fields);
  await recordAudit(tx, {
    actorId: actor.id,
    action: 'recompute',
    objectType: 'task',
    objectId: task.id,
    projectId: task.project_id,
    before: { task_status_id: locked.task_status_id },
    after: fields,
  });
  events.push({ name: 'task:update', data: { task_id: task.id }, projectId: task.project_id, actorId: actor.id });
  return { task, previousStatusId: locked.task_status_id, statusChanged: locked.task_status_id !== task.task_status_id };
}

/**
 * §6.1 step 5: a new comment moves its task when it is the latest one (status, last comment date and,
 * on a change, retake count and real start / end / done dates); a backdated comment makes the task
 * be recomputed from its whole history instead, and then counts as no status change.
 * The caller holds the task row lock.
 */
export async function applyCommentToTask(
  actor: Actor,
  input: { taskId: string; previousStatusId: string; commentId: string; authorId: string; status: Selectable<TaskStatus> },
  tx: Tx,
  events: DomainEvent[],
): Promise<StatusOutcome> {
  const changed = input.status.id !== input.previousStatusId;
  const task = await writeCommentStatusIfLatest(tx, input.taskId, input.commentId, input.status, changed);
  if (!task) {
    const outcome = await recomputeTask(actor, { taskId: input.taskId }, tx, events);
    return { ...outcome, statusChanged: false };
  }
  await recordAudit(tx, {
    actorId: actor.id,
    action: 'comment-status',
    objectType: 'task',
    objectId: task.id,
    projectId: task.project_id,
    before: { task_status_id: input.previousStatusId },
    after: { task_status_id: task.task_status_id, retake_count: task.retake_count, last_comment_date: task.last_comment_date },
  });
  const projectId = task.project_id;
  events.push({ name: 'task:update', data: { task_id: task.id }, projectId, actorId: actor.id });
  if (changed) {
    const change = { task_id: task.id, new_task_status_id: input.status.id, previous_task_status_id: input.previousStatusId, person_id: input.authorId };
    events.push({ name: 'task:status-changed', data: change, projectId, actorId: actor.id });
    if (input.status.is_feedback_request) {
      events.push({ name: 'task:to-review', data: { ...change, comment_id: input.commentId }, projectId, actorId: actor.id });
    }
  }
  return { task, previousStatusId: input.previousStatusId, statusChanged: changed };
}
