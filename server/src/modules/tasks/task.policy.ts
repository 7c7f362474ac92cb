import type { Selectable } from 'kysely';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import { requireEntityAccess, requireProjectMember, type ProjectAccess } from '../../platform/auth/permissions.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { TaskStatus } from '../../platform/db/schema.ts';
import { errors } from '../../platform/errors/index.ts';
import type { TaskContext } from './task.repository.ts';
import type { ProjectCapabilities } from '../../../../packages/contracts/src/user.schema.ts';

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

/** Whether a role may set a status: artists need `is_artist_allowed`, clients `is_client_allowed`. */
export function maySetStatus(role: Role, status: Pick<Selectable<TaskStatus>, 'is_artist_allowed' | 'is_client_allowed'>): boolean {
  if (role === 'user') return status.is_artist_allowed;
  if (role === 'client') return status.is_client_allowed;
  return true;
}

/** Task status access: artists need `is_artist_allowed`, clients `is_client_allowed`. */
export function requireTaskStatusAccess(access: ProjectAccess, status: Selectable<TaskStatus>): void {
  if (!maySetStatus(access.effectiveRole, status)) throw errors.forbidden();
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

/**
 * The task rules above, summarised for one production so that the web app offers only what the person
 * may do (the user context's `capabilities`). Derived from the same predicates, not restated: a task's
 * status and comments are open to `act_on_all_tasks`, to its assignees and to the supervisors of its
 * task type's department (`supervises`); its planning to managers and those supervisors; assignment of
 * anyone to `assign_anyone`, else of people sharing a department.
 */
export type TaskCapabilities = Pick<ProjectCapabilities, 'act_on_all_tasks' | 'supervises' | 'assign_anyone'>;

export function taskCapabilities(actor: Actor, effectiveRole: Role): TaskCapabilities {
  const manager = actor.role === 'admin' || isManagerRole(effectiveRole);
  const supervisor = effectiveRole === 'supervisor';
  return {
    act_on_all_tasks: manager || effectiveRole === 'client',
    supervises: manager || (supervisor && actor.departmentIds.length === 0) ? 'all' : supervisor ? [...actor.departmentIds] : [],
    assign_anyone: manager || (supervisor && actor.departmentIds.length === 0),
  };
}
