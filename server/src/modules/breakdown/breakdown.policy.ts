import type { Actor } from '../../platform/auth/actor.ts';
import {
  requireEntityAccess,
  requireProjectManager,
  requireProjectMember,
  type ProjectAccess,
} from '../../platform/auth/permissions.ts';
import type { Executor } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';

/**
 * Who may do what on the breakdown (§4.4, §4.5, §5.2):
 * - read an entity: team member of its project, and for vendors a task of it assigned to them;
 * - create / update / cast: manager of the project;
 * - delete: the entity's creator if still in the team, else a manager of the project.
 */

interface EntityRef {
  id: string;
  project_id: string;
  created_by: string | null;
}

export async function requireEntityReader(db: Executor, actor: Actor, entity: EntityRef): Promise<ProjectAccess> {
  const access = await requireProjectMember(db, actor, entity.project_id);
  await requireEntityAccess(db, actor, entity.id, access.effectiveRole);
  return access;
}

export async function requireEntityRemover(db: Executor, actor: Actor, entity: EntityRef): Promise<ProjectAccess> {
  if (entity.created_by !== null && entity.created_by === actor.id) {
    return requireProjectMember(db, actor, entity.project_id);
  }
  return requireProjectManager(db, actor, entity.project_id);
}

/** Vendors see no project-wide casting views (Zou blocks them on every casting read). */
export function refuseVendor(access: ProjectAccess): void {
  if (access.effectiveRole === 'vendor') throw errors.forbidden();
}

/** Lists without a project scope are admin-only (`data/shots/all`, `data/sequences`, `data/episodes`). */
export function requireAdminForUnscopedList(actor: Actor): void {
  if (actor.role !== 'admin') throw errors.forbidden();
}

/**
 * Whose assigned work a team member's list is limited to: a vendor's own (only the entities holding
 * a task assigned to him), nobody's for the other roles (undefined: the whole project).
 */
export async function requireListScope(db: Executor, actor: Actor, projectId: string): Promise<string | undefined> {
  const access = await requireProjectMember(db, actor, projectId);
  return access.effectiveRole === 'vendor' ? actor.id : undefined;
}

/** The same for lists filtered by query keys: with a project, a team member's scope; without, admins only. */
export async function requireFilteredListScope(db: Executor, actor: Actor, projectId: string | undefined): Promise<string | undefined> {
  if (projectId === undefined) {
    requireAdminForUnscopedList(actor);
    return undefined;
  }
  return requireListScope(db, actor, projectId);
}
