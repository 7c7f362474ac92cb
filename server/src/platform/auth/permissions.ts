import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { errors } from '../errors/index.ts';
import type { Actor, ProjectRole, Role } from './actor.ts';

/**
 * The building blocks of Zou's permission model (§5.2). Domain policies combine these; each takes the
 * caller and the object's project so that object-level checks are one indexed lookup.
 */

export interface ProjectAccess {
  /** In the project's team (admins always count). */
  isMember: boolean;
  /** The per-project role when set, else the global role; admins are always admin. */
  effectiveRole: Role;
  projectOpen: boolean;
  projectExists: boolean;
}

export async function projectAccess(db: Executor, actor: Actor, projectId: string): Promise<ProjectAccess> {
  const row = (
    await sql<{ member: boolean; project_role: ProjectRole | null; open: boolean }>`
      SELECT (ppl.person_id IS NOT NULL) AS member, ppl.role AS project_role, coalesce(ps.name = 'Open', false) AS open
        FROM project p
        LEFT JOIN project_status ps ON ps.id = p.project_status_id
        LEFT JOIN project_person_link ppl ON ppl.project_id = p.id AND ppl.person_id = ${actor.id}
       WHERE p.id = ${projectId}`.execute(db)
  ).rows[0];
  if (!row) return { isMember: false, effectiveRole: actor.role, projectOpen: false, projectExists: false };
  const admin = actor.role === 'admin';
  return {
    isMember: admin || row.member,
    effectiveRole: admin ? 'admin' : (row.project_role ?? actor.role),
    projectOpen: row.open,
    projectExists: true,
  };
}

/** Team member (`check_project_access`): admin, or in the project's team. Throws 403 otherwise. */
export async function requireProjectMember(db: Executor, actor: Actor, projectId: string): Promise<ProjectAccess> {
  const access = await projectAccess(db, actor, projectId);
  if (!access.projectExists) throw errors.notFound();
  if (!access.isMember) throw errors.forbidden();
  return access;
}

/** Manager of project (`check_manager_project_access`): admin, or a member whose effective role is manager. */
export async function requireProjectManager(db: Executor, actor: Actor, projectId: string): Promise<ProjectAccess> {
  const access = await requireProjectMember(db, actor, projectId);
  if (access.effectiveRole !== 'admin' && access.effectiveRole !== 'manager') throw errors.forbidden();
  return access;
}

/** Supervisor or more in the project. */
export async function requireProjectSupervisor(db: Executor, actor: Actor, projectId: string): Promise<ProjectAccess> {
  const access = await requireProjectMember(db, actor, projectId);
  if (!['admin', 'manager', 'supervisor'].includes(access.effectiveRole)) throw errors.forbidden();
  return access;
}

export function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw errors.forbidden();
}

/** Person access: admin or self. */
export function requireSelfOrAdmin(actor: Actor, personId: string): void {
  if (actor.role !== 'admin' && actor.id !== personId) throw errors.forbidden();
}

/** Ids of the projects whose lists a non-admin may see: open projects of which he is a team member. */
export function visibleProjectIdsQuery(actor: Actor) {
  return sql<{ id: string }>`
    SELECT ppl.project_id AS id FROM project_person_link ppl
      JOIN project p ON p.id = ppl.project_id
      JOIN project_status ps ON ps.id = p.project_status_id
     WHERE ppl.person_id = ${actor.id} AND ps.name = 'Open'`;
}

/**
 * Entity access for vendors (`check_entity_access`): vendors only reach entities with a task assigned
 * to them; everyone else always passes (pair it with a team-member check).
 */
export async function requireEntityAccess(db: Executor, actor: Actor, entityId: string, effectiveRole: Role): Promise<void> {
  if (effectiveRole !== 'vendor') return;
  const assigned = await sql<{ one: number }>`
    SELECT 1 AS one FROM task t JOIN assignations a ON a.task_id = t.id
     WHERE t.entity_id = ${entityId} AND a.person_id = ${actor.id} LIMIT 1`.execute(db);
  if (assigned.rows.length === 0) throw errors.forbidden();
}
