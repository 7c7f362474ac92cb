import type { OpenProject } from '../../../../packages/contracts/src/projects.schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { listOpenProjects } from './project.repository.ts';

/**
 * `data/projects/open[?name]` (Gazu `all_open_projects`): admins get every open project, others the
 * open projects whose team they are in; clients only see descriptors published to clients.
 */
export async function openProjectsFor(deps: Pick<AppDeps, 'db'>, actor: Actor, name: string | undefined): Promise<OpenProject[]> {
  return listOpenProjects(deps.db, {
    name,
    memberId: actor.role === 'admin' ? undefined : actor.id,
    forClient: actor.role === 'client',
  });
}
