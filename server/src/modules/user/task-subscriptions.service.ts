import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';
import type { TaskSubscription } from '../../../../packages/contracts/src/user.schema.ts';
import { requireTaskAccess } from '../tasks/task.policy.ts';
import { findTaskContext } from '../tasks/task.repository.ts';
import * as repo from './task-subscriptions.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;

/**
 * A person watches a task they can see (team member; vendors only on their entities): watchers are
 * notified of its comments like assignees. Zou checks nothing here; Rushes does not let a watch reveal
 * a task of another production (404 for an unknown task, 403 without access).
 */
async function watchableTask(db: Executor, actor: Actor, taskId: string) {
  const context = await findTaskContext(db, uuidOr404(taskId));
  if (!context) throw errors.notFound();
  await requireTaskAccess(db, actor, context);
  return context;
}

const present = (row: Omit<TaskSubscription, 'type'>): TaskSubscription => ({ ...row, type: 'Subscription' });

/** `GET data/user/tasks/<task_id>/subscribed`: true or false. */
export async function isWatchingTask(deps: Deps, actor: Actor, taskId: string): Promise<boolean> {
  const context = await watchableTask(deps.db, actor, taskId);
  return (await repo.findTaskSubscription(deps.db, actor.id, context.task.id)) !== undefined;
}

/** `POST actions/user/tasks/<task_id>/subscribe`: the caller's watch (the existing one when already watching). */
export async function watchTask(deps: Deps, actor: Actor, taskId: string): Promise<TaskSubscription> {
  const context = await watchableTask(deps.db, actor, taskId);
  return inTransaction(deps, async (tx) => {
    const { created, row } = await repo.insertTaskSubscription(tx, actor.id, context.task.id);
    if (created) {
      await recordAudit(tx, {
        actorId: actor.id, action: 'create', objectType: 'subscription', objectId: row.id, projectId: context.task.project_id,
        before: null, after: { task_id: row.task_id, person_id: row.person_id },
      });
    }
    return present(row);
  });
}

/** `DELETE actions/user/tasks/<task_id>/unsubscribe`: removes the caller's watch, if any. */
export async function unwatchTask(deps: Deps, actor: Actor, taskId: string): Promise<void> {
  const context = await watchableTask(deps.db, actor, taskId);
  await inTransaction(deps, async (tx) => {
    const removed = await repo.deleteTaskSubscription(tx, actor.id, context.task.id);
    if (!removed) return;
    await recordAudit(tx, {
      actorId: actor.id, action: 'delete', objectType: 'subscription', objectId: removed.id, projectId: context.task.project_id,
      before: { task_id: removed.task_id, person_id: removed.person_id }, after: null,
    });
  });
}
