import type { OpenProject } from '../../../../packages/contracts/src/projects.schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { errors } from '../../platform/errors/index.ts';
import { listAllProjects, listOpenProjects } from './project.repository.ts';

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

/**
 * `data/projects/all[?name]` (the Kitsu web client's productions list, Gazu `all_projects`): admins
 * get every project, others every project whose team they are in, open or closed. With a name, the
 * one project of that name (404 when there is none), as a list.
 */
export async function allProjectsFor(deps: Pick<AppDeps, 'db'>, actor: Actor, name: string | undefined) {
  const isAdmin = actor.role === 'admin';
  const projects = await listAllProjects(deps.db, { name, memberId: isAdmin ? undefined : actor.id, withDescriptors: isAdmin });
  if (name !== undefined && projects.length === 0) throw errors.notFound();
  return projects;
}
