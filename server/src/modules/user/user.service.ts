import type { Actor } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { loadPersons, loadReferenceData } from './context.repository.ts';
import { listOpenProjects } from './open-projects.repository.ts';
import { projectCapabilities } from './project-capabilities.ts';
import { listPersonTasks, type TodoRow } from './todo.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'config'>;

/** `gazu.user.all_tasks_to_do` / `all_done_tasks`: the caller's tasks in the open projects of his team. */
export function userTasks(deps: Deps, actor: Actor, done: boolean): Promise<TodoRow[]> {
  return listPersonTasks(deps.db, { personId: actor.id, done, teamOf: actor.id });
}

/**
 * `data/persons/<id>/tasks` and `…/done-tasks`: anyone's task list, limited to the open projects the
 * caller sees (admins: all open projects). Clients get an empty list; vendors may only ask for
 * themselves; a bot is not a person with a task list (403), an unknown person is a 404.
 */
export async function personTasks(deps: Deps, actor: Actor, personId: string, done: boolean): Promise<TodoRow[]> {
  if (!isUuid(personId)) throw errors.notFound();
  const target = await deps.db.selectFrom('person').select(['id', 'is_bot']).where('id', '=', personId).executeTakeFirst();
  if (!target) throw errors.notFound();
  if (target.is_bot) throw errors.forbidden();
  if (actor.role === 'vendor' && actor.id !== personId) throw errors.forbidden();
  if (actor.role === 'client') return [];
  return listPersonTasks(deps.db, { personId, done, teamOf: actor.role === 'admin' ? null : actor.id });
}

/** `gazu.user.all_open_projects`: open projects where the caller is in the team (admins: all). */
export function userOpenProjects(deps: Deps, actor: Actor, name?: string) {
  return listOpenProjects(deps.db, actor, { name });
}

/**
 * `data/user/context`: what the web app loads at start, in three statements run side by side. Tables
 * Rushes does not have (custom actions, automations, filters, backgrounds, plugins) come back empty;
 * `capabilities` (Rushes' own) says what the caller may do in each open production.
 */
export async function userContext(deps: Deps, actor: Actor) {
  const managerView = actor.role === 'admin' || actor.role === 'manager';
  const [projects, reference, persons] = await Promise.all([
    listOpenProjects(deps.db, actor),
    loadReferenceData(deps.db, actor),
    loadPersons(deps.db, managerView),
  ]);
  return {
    ...reference,
    projects,
    persons,
    custom_actions: [],
    status_automations: [],
    search_filters: [],
    search_filter_groups: [],
    preview_background_files: [],
    plugins: [],
    ...(actor.role === 'admin' ? { user_limit: deps.config.userLimit } : {}),
    capabilities: projectCapabilities(actor, projects, reference.project_roles, reference.task_status),
  };
}
