import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/errors/index.ts';
import { projectAccess, requireEntityAccess, requireProjectMember } from '../../platform/auth/permissions.ts';
import { isUuid } from '../../platform/http/uuid.ts';

/** What the time-spent rules need to know about a task. */
export interface TaskRef {
  id: string;
  project_id: string;
  entity_id: string;
}

/** The task behind a feature route: a malformed or unknown id is a 404 (Zou's TaskNotFound). */
export async function findTaskRef(db: Executor, taskId: string): Promise<TaskRef> {
  if (!isUuid(taskId)) throw errors.notFound();
  const task = await db
    .selectFrom('task')
    .select(['id', 'project_id', 'entity_id'])
    .where('id', '=', taskId)
    .executeTakeFirst();
  if (!task) throw errors.notFound();
  return task;
}

/** Task access: team member of the task's project, and for vendors an assignment on its entity. */
export async function requireTaskAccess(db: Executor, actor: Actor, task: TaskRef): Promise<void> {
  const access = await requireProjectMember(db, actor, task.project_id);
  await requireEntityAccess(db, actor, task.entity_id, access.effectiveRole);
}

/**
 * Time-spent access (§5.2, §6.6): the target person exists (404), is not a bot unless the project
 * enables bot collaboration (403), is an assignee of the task, and the caller is that person, an
 * admin or a manager of the project (403 otherwise).
 */
export async function requireTimeSpentAccess(db: Executor, actor: Actor, task: TaskRef, personId: string): Promise<void> {
  if (!isUuid(personId)) throw errors.notFound();
  const target = (
    await sql<{ is_bot: boolean; bots_allowed: boolean; assigned: boolean }>`
      SELECT p.is_bot, pr.is_bot_collaboration_enabled AS bots_allowed,
             EXISTS (SELECT 1 FROM assignations a WHERE a.task_id = ${task.id} AND a.person_id = p.id) AS assigned
        FROM person p CROSS JOIN project pr
       WHERE p.id = ${personId} AND pr.id = ${task.project_id}`.execute(db)
  ).rows[0];
  if (!target) throw errors.notFound();
  if (target.is_bot && !target.bots_allowed) throw errors.forbidden();
  if (!target.assigned) throw errors.forbidden();
  if (actor.id === personId || actor.role === 'admin') return;
  const access = await projectAccess(db, actor, task.project_id);
  if (!access.isMember || access.effectiveRole !== 'manager') throw errors.forbidden();
}

/** Projects where the caller's effective role is manager. */
async function managedProjectIds(db: Executor, actor: Actor): Promise<string[]> {
  const rows = await sql<{ project_id: string }>`
    SELECT project_id FROM project_person_link
     WHERE person_id = ${actor.id} AND coalesce(role, ${actor.role}) = 'manager'`.execute(db);
  return rows.rows.map((row) => row.project_id);
}

function narrow(projectIds: string[], projectId: string | undefined): string[] {
  if (projectId === undefined) return projectIds;
  if (!projectIds.includes(projectId)) throw errors.forbidden();
  return [projectId];
}

function checkProjectFilter(projectId: string | undefined): void {
  if (projectId !== undefined && !isUuid(projectId)) throw errors.badRequest(`Invalid UUID value: ${projectId}`);
}

/**
 * Who may read a person's time sheet: the person, an admin (all projects), or a manager (only the
 * projects he manages). Returns the project ids the read is limited to, null for no limit.
 */
export async function personTimeSheetScope(
  db: Executor,
  actor: Actor,
  personId: string,
  projectId?: string,
): Promise<string[] | null> {
  checkProjectFilter(projectId);
  if (!isUuid(personId)) throw errors.notFound();
  const person = await db.selectFrom('person').select(['id', 'is_bot']).where('id', '=', personId).executeTakeFirst();
  if (!person) throw errors.notFound();
  if (person.is_bot) throw errors.forbidden();
  if (actor.role === 'admin' || actor.id === personId) return projectId === undefined ? null : [projectId];
  const managed = await managedProjectIds(db, actor);
  if (managed.length === 0) throw errors.forbidden();
  return narrow(managed, projectId);
}

/** Studio time tables: admins see everyone, managers their projects, anybody else only himself. */
export async function timeTableScope(
  db: Executor,
  actor: Actor,
  projectId?: string,
): Promise<{ personId: string | null; projectIds: string[] | null }> {
  checkProjectFilter(projectId);
  const one = projectId === undefined ? null : [projectId];
  if (actor.role === 'admin') return { personId: null, projectIds: one };
  const managed = await managedProjectIds(db, actor);
  if (managed.length > 0) return { personId: null, projectIds: narrow(managed, projectId) };
  return { personId: actor.id, projectIds: one };
}
