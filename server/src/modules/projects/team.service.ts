import type { Static } from 'typebox';
import type {
  AddTeamMemberBody,
  TeamMember,
  TeamRole,
  TeamRoleBody,
} from '../../../../packages/contracts/src/projects.schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requireProjectManager, requireProjectMember } from '../../platform/auth/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { presentPerson, presentPersonMinimal } from '../persons/person.presenter.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { presentProject, type ProjectView } from './project.presenter.ts';
import { getProjectRecord } from './project.repository.ts';
import { addTeamMember, listTeam, personExists, removeTeamMember, setTeamRole } from './team.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;
type TeamMemberView = Static<typeof TeamMember>;

/**
 * `GET data/projects/<id>/team` (Gazu `get_team`): team member. Managers of the project see each
 * member's full safe record, others the minimal view; everyone gets `project_role` (§5.1).
 */
export async function getTeam(deps: Deps, actor: Actor, projectId: string): Promise<TeamMemberView[]> {
  const access = await requireProjectMember(deps.db, actor, projectId);
  const full = access.effectiveRole === 'admin' || access.effectiveRole === 'manager';
  const rows = await listTeam(deps.db, projectId);
  return rows.map((row) => {
    const person = full ? presentPerson(row, row.department_ids) : presentPersonMinimal(row, row.department_ids);
    // The person presenters return loose records; the whitelisted keys include the TeamMember ones.
    return { ...person, project_role: row.project_role } as TeamMemberView;
  });
}

/**
 * `POST data/projects/<id>/team {person_id[, role]}` (Gazu `add_person_to_team`): manager of the
 * project. Adding a member twice keeps him once (his role changes only when one is given).
 * Answers the project row; emits `project:update`.
 */
export async function addToTeam(deps: Deps, actor: Actor, projectId: string, body: AddTeamMemberBody): Promise<ProjectView> {
  await requireProjectManager(deps.db, actor, projectId);
  const personId = body.person_id.toLowerCase();
  if (!isUuid(personId) || !(await personExists(deps.db, personId))) {
    throw errors.badRequest(`Person with id ${body.person_id} not found`);
  }
  return inTransaction(deps, async (tx, events) => {
    const { wasMember, previousRole } = await addTeamMember(tx, projectId, personId, body.role);
    events.push({ name: 'project:update', data: {}, projectId, actorId: actor.id });
    await recordAudit(tx, {
      actorId: actor.id, action: 'add-team-member', objectType: 'project', objectId: projectId, projectId,
      before: wasMember ? { person_id: personId, role: previousRole } : null,
      after: { person_id: personId, role: body.role ?? previousRole },
    });
    return presentProject(await getProjectRecord(tx, projectId));
  });
}

/** `DELETE data/projects/<id>/team/<person_id>` (Gazu `remove_person_from_team`): manager of the project. */
export async function removeFromTeam(deps: Deps, actor: Actor, projectId: string, personId: string): Promise<void> {
  await requireProjectManager(deps.db, actor, projectId);
  await inTransaction(deps, async (tx, events) => {
    const removed = await removeTeamMember(tx, projectId, personId);
    events.push({ name: 'project:update', data: {}, projectId, actorId: actor.id });
    if (removed) {
      await recordAudit(tx, {
        actorId: actor.id, action: 'remove-team-member', objectType: 'project', objectId: projectId, projectId,
        before: { person_id: personId, role: removed.role },
      });
    }
  });
}

/**
 * `PUT data/projects/<id>/team/<person_id> {role}`: the member's role on this project only; null
 * restores his global role (§5.1). 400 when he is not in the team. Emits `project:update`.
 */
export async function changeTeamRole(
  deps: Deps, actor: Actor, projectId: string, personId: string, body: TeamRoleBody,
): Promise<Static<typeof TeamRole>> {
  await requireProjectManager(deps.db, actor, projectId);
  const role = body.role ?? null;
  return inTransaction(deps, async (tx, events) => {
    const changed = await setTeamRole(tx, projectId, personId, role);
    if (!changed) throw errors.badRequest('Person is not a member of the project team');
    events.push({ name: 'project:update', data: {}, projectId, actorId: actor.id });
    await recordAudit(tx, {
      actorId: actor.id, action: 'set-team-role', objectType: 'project', objectId: projectId, projectId,
      before: { person_id: personId, role: changed.previousRole }, after: { person_id: personId, role },
    });
    return { project_id: projectId, person_id: personId, role };
  });
}
