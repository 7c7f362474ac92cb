import type { Selectable } from 'kysely';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import { requireEntityAccess, requireProjectMember, type ProjectAccess } from '../../platform/auth/permissions.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { TaskStatus } from '../../platform/db/schema.ts';
import { errors } from '../../platform/errors/index.ts';
import type { TaskContext } from './task.repository.ts';

/**
 * The task rules of §5.2, as pure predicates over the caller's project access and the task context
 * (so that bulk routes can decide per task without one query per task).
 */

const isManagerRole = (role: Role) => role === 'admin' || role === 'manager';

/** Task access: team member of the task's project, and vendors only on entities they work on. */
export async function requireTaskAccess(db: Executor, actor: Actor, context: TaskContext): Promise<ProjectAccess> {
  const access = await requireProjectMember(db, actor, context.task.project_id);
  await requireEntityAccess(db, actor, context.task.entity_id, access.effectiveRole);
  return access;
}

/** Supervisor rule: a supervisor without departments covers every department. */
const coversDepartment = (actor: Actor, departmentId: string | null) =>
  actor.departmentIds.length === 0 || (departmentId !== null && actor.departmentIds.includes(departmentId));

/** Task actor (`check_task_action_access`): may comment with a status change, add previews... */
export function isTaskActor(actor: Actor, access: ProjectAccess, context: TaskContext): boolean {
  if (actor.role === 'admin') return true;
  if (!access.isMember) return false;
  if (isManagerRole(access.effectiveRole) || access.effectiveRole === 'client') return true;
  if (context.assigneeIds.includes(actor.id)) return true;
  if (access.effectiveRole === 'supervisor' && coversDepartment(actor, context.taskTypeDepartmentId)) return true;
  return context.entityCreatedBy === actor.id;
}

/** Task status access: artists need `is_artist_allowed`, clients `is_client_allowed`. */
export function requireTaskStatusAccess(access: ProjectAccess, status: Selectable<TaskStatus>): void {
  if (access.effectiveRole === 'user' && !status.is_artist_allowed) throw errors.forbidden();
  if (access.effectiveRole === 'client' && !status.is_client_allowed) throw errors.forbidden();
}

/** Department rules for assignment (`check_task_department_access`). */
export function mayAssign(
  actor: Actor,
  access: ProjectAccess,
  context: TaskContext,
  assignee: { id: string; departmentIds: string[] },
): boolean {
  if (actor.role === 'admin') return true;
  if (!access.isMember) return false;
  if (isManagerRole(access.effectiveRole)) return true;
  const departmentId = context.taskTypeDepartmentId;
  const ownsDepartment = departmentId !== null && actor.departmentIds.includes(departmentId);
  if (access.effectiveRole === 'supervisor') {
    if (actor.departmentIds.length === 0) return true;
    if (ownsDepartment && assignee.departmentIds.some((id) => actor.departmentIds.includes(id))) return true;
  }
  return ownsDepartment && assignee.id === actor.id;
}

/** Department rules for unassignment: managers, department supervisors, or an assignee removing himself. */
export function mayUnassign(actor: Actor, access: ProjectAccess, context: TaskContext, personId: string | null): boolean {
  if (actor.role === 'admin') return true;
  if (!access.isMember) return false;
  if (isManagerRole(access.effectiveRole)) return true;
  if (access.effectiveRole === 'supervisor' && coversDepartment(actor, context.taskTypeDepartmentId)) return true;
  return context.assigneeIds.includes(actor.id) && personId === actor.id;
}

export const isProjectManager = (access: ProjectAccess) => isManagerRole(access.effectiveRole);
