import type { Actor } from '../../platform/auth/actor.ts';
import type { ProjectAccess } from '../../platform/auth/permissions.ts';
import type { Executor } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import { isTaskActor, requireTaskAccess } from '../tasks/task.policy.ts';
import { findTaskContext, type TaskContext } from '../tasks/task.repository.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';

/**
 * The two task checks of the file routes (§5.2): "task access" to read a task's files, "task actor"
 * to add or change them. An unknown or malformed task id is a 404.
 */

export async function requireTaskReader(db: Executor, actor: Actor, taskId: string): Promise<{ context: TaskContext; access: ProjectAccess }> {
  const context = await findTaskContext(db, uuidOr404(taskId));
  if (!context) throw errors.notFound();
  const access = await requireTaskAccess(db, actor, context);
  return { context, access };
}

export async function requireTaskActor(db: Executor, actor: Actor, taskId: string): Promise<{ context: TaskContext; access: ProjectAccess }> {
  const found = await requireTaskReader(db, actor, taskId);
  if (!isTaskActor(actor, found.access, found.context)) throw errors.forbidden();
  return found;
}
