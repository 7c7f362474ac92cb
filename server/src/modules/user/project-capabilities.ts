import type { Actor, Role } from '../../platform/auth/actor.ts';
import { normaliseRole } from '../../platform/auth/actor.ts';
import type { OpenProject, ProjectCapabilities, UserContext } from '../../../../packages/contracts/src/user.schema.ts';
import { maySetStatus, taskCapabilities } from '../tasks/task.policy.ts';

type StatusRow = UserContext['task_status'][number];

/**
 * The context's `capabilities`: per open production, what the caller may do there, computed with the
 * task policy's own predicates so that the web app never offers what the API then refuses.
 */
export function projectCapabilities(
  actor: Actor,
  projects: readonly OpenProject[],
  projectRoles: Readonly<Record<string, string>>,
  statuses: readonly StatusRow[],
): Record<string, ProjectCapabilities> {
  const capabilities: Record<string, ProjectCapabilities> = {};
  for (const project of projects) {
    const role = effectiveRole(actor, projectRoles[project.id]);
    capabilities[project.id] = {
      role,
      manage: role === 'admin' || role === 'manager',
      ...taskCapabilities(actor, role),
      settable_task_status_ids: statuses
        .filter((status) => (status.project_id == null || status.project_id === project.id) && maySetStatus(role, status))
        .map((status) => status.id),
    };
  }
  return capabilities;
}

/** As `projectAccess` decides it: admins stay admins, else the per-project role, else the global one. */
function effectiveRole(actor: Actor, projectRole: string | undefined): Role {
  if (actor.role === 'admin') return 'admin';
  return (projectRole === undefined ? undefined : normaliseRole(projectRole)) ?? actor.role;
}
