import type { Actor } from '../../platform/auth/actor.ts';
import { projectAccess, type ProjectAccess } from '../../platform/auth/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { AppError, errors } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { TaskRow } from '../../../../packages/contracts/src/tasks.schema.ts';
import { insertNotifications, notificationEvents } from '../comments/notifications.repository.ts';
import { mayAssign, mayUnassign } from './task.policy.ts';
import { presentTask } from './task.presenter.ts';
import { findTaskContexts, findTasksWithAssignees, lockTasks, personDepartmentIds, type TaskContext } from './task.repository.ts';
import {
  addAssignations,
  addToProjectTeams,
  findAssignee,
  findBotProjects,
  removeAssignations,
  setAssigner,
} from './task-assign.repository.ts';
import { isUuid, uuidOr404 } from '../../platform/http/uuid.ts';

const ASSIGNEE_MISSING = "Assignee doesn't exist in database.";
/** Zou answers this one with a string `error` and no `message` (§3.7). */
const assigneeMissing = () => new AppError(400, 'assignee_not_found', ASSIGNEE_MISSING, { body: { error: ASSIGNEE_MISSING } });

/** The caller's access to each project the tasks belong to (one lookup per project, not per task). */
async function accessByProject(db: Executor, actor: Actor, contexts: TaskContext[]): Promise<(context: TaskContext) => ProjectAccess> {
  const map = new Map<string, ProjectAccess>();
  for (const projectId of new Set(contexts.map((context) => context.task.project_id))) {
    map.set(projectId, await projectAccess(db, actor, projectId));
  }
  const none: ProjectAccess = { isMember: false, effectiveRole: actor.role, projectOpen: false, projectExists: false };
  return (context) => map.get(context.task.project_id) ?? none;
}

const validIds = (ids: string[]) => [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];

/**
 * `PUT actions/persons/<person_id>/assign {task_ids}` (Gazu `assign_task`): assigns the person to every
 * task the caller may assign (department rules of §5.2), silently skipping the others; sets the
 * assigner, adds the person to the project team and notifies him unless he assigned himself.
 * With `strict` (single-task route) a refused or unknown task fails instead of being skipped.
 */
export async function assignTasks(
  actor: Actor,
  input: { personId: string; taskIds: string[]; strict?: boolean },
  tx: Tx,
  events: DomainEvent[],
): Promise<TaskRow[]> {
  const person = isUuid(input.personId) ? await findAssignee(tx, input.personId.toLowerCase()) : undefined;
  if (!person) throw assigneeMissing();
  const assignee = { id: person.id, departmentIds: await personDepartmentIds(tx, person.id) };

  const contexts = await findTaskContexts(tx, validIds(input.taskIds));
  if (input.strict && contexts.length === 0) throw errors.notFound();
  const accessOf = await accessByProject(tx, actor, contexts);
  const botProjects = person.is_bot ? await findBotProjects(tx, contexts.map((context) => context.task.project_id)) : new Set<string>();
  const allowed = contexts.filter(
    (context) =>
      mayAssign(actor, accessOf(context), context, assignee) &&
      (!person.is_bot || botProjects.has(context.task.project_id)),
  );
  if (input.strict && allowed.length === 0) throw errors.forbidden();
  if (allowed.length === 0) return [];

  const taskIds = allowed.map((context) => context.task.id);
  await lockTasks(tx, taskIds);
  const newlyAssigned = new Set(await addAssignations(tx, taskIds, person.id));
  await setAssigner(tx, taskIds, actor.id);
  const projectIds = [...new Set(allowed.map((context) => context.task.project_id))];
  await addToProjectTeams(tx, projectIds, person.id);

  const notified = person.id === actor.id ? [] : allowed.filter((context) => newlyAssigned.has(context.task.id));
  const notifications = await insertNotifications(
    tx,
    notified.map((context) => ({ person_id: person.id, author_id: actor.id, type: 'assignation', task_id: context.task.id })),
  );
  await recordAudit(
    tx,
    allowed.map((context) => ({
      actorId: actor.id,
      action: 'assign',
      objectType: 'task',
      objectId: context.task.id,
      projectId: context.task.project_id,
      before: { assignees: context.assigneeIds, assigner_id: context.task.assigner_id },
      after: { person_id: person.id, assigner_id: actor.id },
    })),
  );
  for (const context of allowed) {
    const projectId = context.task.project_id;
    events.push({ name: 'task:assign', data: { task_id: context.task.id, person_id: person.id }, projectId, actorId: actor.id });
    events.push({ name: 'task:update', data: { task_id: context.task.id }, projectId, actorId: actor.id });
  }
  const projectOf = new Map(allowed.map((context) => [context.task.id, context.task.project_id]));
  for (const row of notifications) {
    events.push(...notificationEvents([row], projectOf.get(row.task_id ?? '') ?? projectIds[0], actor.id));
  }

  const order = new Map(taskIds.map((id, index) => [id, index]));
  const rows = await findTasksWithAssignees(tx, taskIds);
  rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return rows.map((row) => presentTask(row, row.assignees));
}

/**
 * `PUT actions/tasks/clear-assignation {task_ids, person_id?}` (Gazu `clear_assignations`): removes the
 * person (or everyone) from each task the caller may unassign; refused and unknown tasks are skipped.
 * Returns the ids of the tasks handled.
 */
export async function clearAssignations(
  actor: Actor,
  input: { taskIds: string[]; personId?: string | null },
  tx: Tx,
  events: DomainEvent[],
): Promise<string[]> {
  const personId = input.personId ? input.personId.toLowerCase() : null;
  const contexts = await findTaskContexts(tx, validIds(input.taskIds));
  const accessOf = await accessByProject(tx, actor, contexts);
  const allowed = contexts.filter((context) => mayUnassign(actor, accessOf(context), context, personId));
  if (allowed.length === 0) return [];

  const taskIds = allowed.map((context) => context.task.id);
  await lockTasks(tx, taskIds);
  const removed = personId && !isUuid(personId) ? [] : await removeAssignations(tx, taskIds, personId);
  const projectOf = new Map(allowed.map((context) => [context.task.id, context.task.project_id]));
  await recordAudit(
    tx,
    allowed.map((context) => ({
      actorId: actor.id,
      action: 'unassign',
      objectType: 'task',
      objectId: context.task.id,
      projectId: context.task.project_id,
      before: { assignees: context.assigneeIds },
      after: { removed: removed.filter((row) => row.task_id === context.task.id).map((row) => row.person_id) },
    })),
  );
  for (const row of removed) {
    events.push({ name: 'task:unassign', data: { person_id: row.person_id, task_id: row.task_id }, projectId: projectOf.get(row.task_id), actorId: actor.id });
  }
  for (const taskId of taskIds) {
    events.push({ name: 'task:update', data: { task_id: taskId }, projectId: projectOf.get(taskId), actorId: actor.id });
  }
  const handled = new Set(taskIds);
  return validIds(input.taskIds).filter((id) => handled.has(id));
}

/** `PUT actions/tasks/<task_id>/assign {person_id}`: the single-task variant, which fails instead of skipping. */
export async function assignTask(actor: Actor, input: { taskId: string; personId: string }, tx: Tx, events: DomainEvent[]): Promise<TaskRow> {
  const [task] = await assignTasks(actor, { personId: input.personId, taskIds: [uuidOr404(input.taskId)], strict: true }, tx, events);
  if (!task) throw errors.forbidden();
  return task;
}
