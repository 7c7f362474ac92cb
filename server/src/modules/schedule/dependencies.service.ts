import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { requireProjectManager } from '../../platform/auth/permissions.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { errors, pgErrorCode } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import type { TaskDependency } from '../../../../packages/contracts/src/schedule.schema.ts';
import { findTaskRef, requireTaskAccess } from '../time-spents/time-spents.policy.ts';
import * as repo from './dependencies.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;

/** `GET data/tasks/<id>/dependencies`: the task's predecessors (task access). */
export async function listDependencies(deps: Deps, actor: Actor, taskId: string): Promise<TaskDependency[]> {
  const task = await findTaskRef(deps.db, taskId);
  await requireTaskAccess(deps.db, actor, task);
  return repo.listPredecessors(deps.db, task.id);
}

/**
 * `POST data/tasks/<id>/dependencies {depends_on_task_id}` (manager of the project): the task cannot
 * end before the predecessor ends. Same project, no self link, no duplicate, no cycle (400 each).
 */
export async function addDependency(deps: Deps, actor: Actor, taskId: string, dependsOnTaskId: string): Promise<TaskDependency> {
  const task = await findTaskRef(deps.db, taskId);
  await requireProjectManager(deps.db, actor, task.project_id);
  const predecessor = await findTaskRef(deps.db, dependsOnTaskId);
  if (predecessor.id === task.id) throw errors.badRequest('A task cannot depend on itself.');
  if (predecessor.project_id !== task.project_id) throw errors.badRequest('A task can only depend on a task of the same project.');
  const created = await inTransaction(deps, async (tx, events) => {
    await repo.lockProjectDependencies(tx, task.project_id);
    if (await repo.wouldCycle(tx, task.id, predecessor.id)) throw errors.badRequest('This dependency would create a cycle.');
    const row = await repo.insertDependency(tx, { projectId: task.project_id, taskId: task.id, dependsOnTaskId: predecessor.id, createdBy: actor.id })
      .catch((error: unknown) => {
        throw pgErrorCode(error) === '23505' ? errors.badRequest('This dependency already exists.') : error;
      });
    const [link] = await repo.listPredecessors(tx, task.id, predecessor.id);
    if (!link) throw new Error('inserted dependency not found');
    await recordAudit(tx, { actorId: actor.id, action: 'create', objectType: 'task_dependency', objectId: row.id, projectId: task.project_id, after: link });
    events.push({ name: 'task-dependency:new', data: { task_dependency_id: row.id, task_id: task.id }, projectId: task.project_id, actorId: actor.id });
    return link;
  });
  return created;
}

/** `DELETE data/tasks/<id>/dependencies/<depends_on_task_id>` (manager of the project) → 204. */
export async function removeDependency(deps: Deps, actor: Actor, taskId: string, dependsOnTaskId: string): Promise<void> {
  const task = await findTaskRef(deps.db, taskId);
  await requireProjectManager(deps.db, actor, task.project_id);
  const predecessor = await findTaskRef(deps.db, dependsOnTaskId);
  await inTransaction(deps, async (tx, events) => {
    const removed = await repo.deleteDependency(tx, task.id, predecessor.id);
    if (!removed) throw errors.notFound();
    await recordAudit(tx, { actorId: actor.id, action: 'delete', objectType: 'task_dependency', objectId: removed.id, projectId: removed.project_id, before: removed });
    events.push({ name: 'task-dependency:delete', data: { task_dependency_id: removed.id, task_id: task.id }, projectId: removed.project_id, actorId: actor.id });
  });
}
