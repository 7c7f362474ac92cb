import type { Actor } from '../../platform/auth/actor.ts';
import { isGlobalManager } from '../../platform/auth/actor.ts';
import { requireProjectMember, type ProjectAccess } from '../../platform/auth/permissions.ts';
import type { Executor } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';

/**
 * Who may export what (§8.7, Zou's export blueprint):
 * - a project's shots, assets, casting and tasks: team members of the project, vendors excepted;
 * - studio-wide lists (persons, task types, projects, the tasks of every open project): global managers.
 */

export async function requireProjectExporter(db: Executor, actor: Actor, projectId: string): Promise<ProjectAccess> {
  const access = await requireProjectMember(db, actor, projectId);
  if (access.effectiveRole === 'vendor') throw errors.forbidden();
  return access;
}

export function requireStudioExporter(actor: Actor): void {
  if (!isGlobalManager(actor)) throw errors.forbidden();
}
