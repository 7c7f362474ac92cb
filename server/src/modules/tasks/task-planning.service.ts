import type { Actor } from '../../platform/auth/actor.ts';
import { projectAccess, type ProjectAccess } from '../../platform/auth/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { TaskRow } from '../../../../packages/contracts/src/tasks.schema.ts';
import type { TaskPlan } from '../../../../packages/contracts/src/task-planning.schema.ts';
import { presentTask } from './task.presenter.ts';
import { findTaskContexts, findTasksWithAssignees, lockTasks, type TaskContext } from './task.repository.ts';
import { updateTaskPlanning, type PlanColumns } from './task-planning.repository.ts';

const PLAN_FIELDS = ['start_date', 'due_date', 'estimation', 'priority', 'difficulty'] as const;

/**
 * Who plans a task, as `PUT data/tasks/<id>` decides it for these fields (crud tasks collection):
 * the production's managers (and admins), and supervisors of the task's department (every department
 * for a supervisor without one).
 */
export function mayPlan(actor: Actor, access: ProjectAccess, context: TaskContext): boolean {
  if (actor.role === 'admin') return true;
  if (!access.isMember) return false;
  if (access.effectiveRole === 'admin' || access.effectiveRole === 'manager') return true;
  if (access.effectiveRole !== 'supervisor') return false;
  const departmentId = context.taskTypeDepartmentId;
  return actor.departmentIds.length === 0 || (departmentId !== null && actor.departmentIds.includes(departmentId));
}

/** Whether a `YYYY-MM-DD[THH:MM[:SS]]` the schema let through names a real moment (no 2027-02-30, no 25:00). */
function isRealMoment(value: string): boolean {
  const [day = '', time = '00:00:00'] = value.split('T');
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) return false;
  const [hours = 0, minutes = 0, seconds = 0] = time.split(':').map(Number);
  return hours < 24 && minutes < 60 && seconds < 60;
}

/** The day part of a stored or given datetime, for comparing start and due. */
const dayOf = (value: unknown) => (value ? String(value).slice(0, 10) : null);

/**
 * `PUT actions/tasks/planning {tasks: [{id, start_date?, due_date?, estimation?, priority?, difficulty?}]}`:
 * sets each task's planning fields in one transaction. All or nothing: a task the caller may not plan
 * refuses the whole request (403), an unknown one too (404), and a due date before the start date (400).
 */
export async function planTasks(actor: Actor, input: { tasks: TaskPlan[] }, tx: Tx, events: DomainEvent[]): Promise<TaskRow[]> {
  const ids = [...new Set(input.tasks.map((plan) => plan.id.toLowerCase()))];
  if (ids.length !== input.tasks.length) throw errors.badRequest('A task is listed twice.');
  await lockTasks(tx, ids);
  const contexts = new Map((await findTaskContexts(tx, ids)).map((context) => [context.task.id, context]));
  if (contexts.size !== ids.length) throw errors.notFound();

  const access = new Map<string, ProjectAccess>();
  for (const context of contexts.values()) {
    const projectId = context.task.project_id;
    if (!access.has(projectId)) access.set(projectId, await projectAccess(tx, actor, projectId));
    if (!mayPlan(actor, access.get(projectId)!, context)) throw errors.forbidden();
  }

  const audits = [];
  for (const plan of input.tasks) {
    const context = contexts.get(plan.id.toLowerCase())!;
    const fields: PlanColumns = {};
    for (const field of PLAN_FIELDS) if (plan[field] !== undefined) Object.assign(fields, { [field]: plan[field] });
    for (const field of ['start_date', 'due_date'] as const) {
      const value = fields[field];
      if (typeof value === 'string' && !isRealMoment(value)) throw errors.badRequest(`${field} is not a date: ${value}`);
    }
    const start = 'start_date' in fields ? dayOf(fields.start_date) : dayOf(context.task.start_date);
    const due = 'due_date' in fields ? dayOf(fields.due_date) : dayOf(context.task.due_date);
    if (start && due && due < start) throw errors.badRequest('The due date comes before the start date.');
    await updateTaskPlanning(tx, context.task.id, fields);
    const before = Object.fromEntries(Object.keys(fields).map((field) => [field, context.task[field as keyof typeof context.task]]));
    audits.push({ actorId: actor.id, action: 'update', objectType: 'task', objectId: context.task.id, projectId: context.task.project_id, before, after: fields });
    events.push({ name: 'task:update', data: { task_id: context.task.id }, projectId: context.task.project_id, actorId: actor.id });
  }
  await recordAudit(tx, audits);

  const order = new Map(ids.map((id, index) => [id, index]));
  const rows = await findTasksWithAssignees(tx, ids);
  rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return rows.map((row) => presentTask(row, row.assignees));
}
