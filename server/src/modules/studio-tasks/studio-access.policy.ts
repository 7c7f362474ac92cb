import type { Actor } from '../../platform/auth/actor.ts';
import { projectAccess } from '../../platform/auth/permissions.ts';
import type { Executor } from '../../platform/db/database.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { studioErrors } from './studio-http.ts';

/**
 * Access rules of the studio endpoints (seeds 000/001): mutations need the coordinator role — Zou's
 * global "manager" (the "coordinator" alias is stored as manager) — or admin; every project-scoped
 * call needs membership of the project's team (admins always pass).
 */


/** `require_coordinator_or_admin`: decided on the global role, before any object is looked up. */
export function requireCoordinator(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'manager') throw studioErrors.insufficientPermissions();
}

/** `check_project_access`: the project must exist (404 "Project not found") and the caller be in its team. */
export async function requireProjectTeam(db: Executor, actor: Actor, projectId: string): Promise<void> {
  if (!isUuid(projectId)) throw studioErrors.projectNotFound();
  const access = await projectAccess(db, actor, projectId);
  if (!access.projectExists) throw studioErrors.projectNotFound();
  if (!access.isMember) throw studioErrors.accessDenied();
}

/** Team check for an object already known to exist (its project id comes from the object's row). */
export async function requireTeamOfExistingProject(db: Executor, actor: Actor, projectId: string): Promise<void> {
  const access = await projectAccess(db, actor, projectId);
  if (!access.isMember) throw studioErrors.accessDenied();
}
