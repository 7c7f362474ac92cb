import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { errors } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import type { TimeSpentRow } from '../../../../packages/contracts/src/time-spents.schema.ts';
import { parseDay } from './dates.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { presentTaskTimeSpents, presentTimeSpent } from './time-spents.presenter.ts';
import * as repo from './time-spents.repository.ts';
import type { TimeSpentRecord, UpsertMode } from './time-spents.repository.ts';
import { findTaskRef, requireTaskAccess, requireTimeSpentAccess } from './time-spents.policy.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;

interface DayTarget {
  taskId: string;
  personId: string;
  date: string;
}

/** `get_time_spent`: the task's time spents (optionally of one day) grouped by person, with the total. */
export async function getTaskTimeSpents(deps: Deps, actor: Actor, taskId: string, date?: string) {
  const task = await findTaskRef(deps.db, taskId);
  const day = date === undefined ? undefined : parseDay(date);
  await requireTaskAccess(deps.db, actor, task);
  return presentTaskTimeSpents(await repo.listForTask(deps.db, task.id, day));
}

/** `set_time_spent` / `add_time_spent`: upserts the minutes of a person on a task for a day (§6.6). */
export async function logTimeSpent(
  deps: Deps,
  actor: Actor,
  target: DayTarget & { duration: number; mode: UpsertMode },
): Promise<TimeSpentRow> {
  const task = await findTaskRef(deps.db, target.taskId);
  const date = parseDay(target.date);
  await requireTimeSpentAccess(deps.db, actor, task, target.personId);
  return inTransaction(deps, async (tx, events) => {
    const projectId = await lockTaskOr404(tx, task.id);
    const before = await repo.findForDay(tx, task.id, target.personId, date);
    const row = await repo.upsert(tx, { taskId: task.id, personId: target.personId, date, duration: target.duration, mode: target.mode });
    const { inserted, ...saved } = row;
    await afterChange(tx, events, actor, { projectId, taskId: task.id, row: saved, action: inserted ? 'new' : 'update', before });
    await repo.touchLastPresence(tx, target.personId, date);
    return presentTimeSpent(saved);
  });
}

/**
 * `DELETE actions/tasks/<id>/time-spents/<date>/persons/<id>`: removes that day's row. Answers like Zou:
 * the deleted row with its duration zeroed.
 */
export async function deleteTimeSpentOfDay(deps: Deps, actor: Actor, target: DayTarget): Promise<TimeSpentRow> {
  const task = await findTaskRef(deps.db, target.taskId);
  const date = parseDay(target.date);
  await requireTimeSpentAccess(deps.db, actor, task, target.personId);
  return inTransaction(deps, async (tx, events) => {
    const projectId = await lockTaskOr404(tx, task.id);
    const existing = await repo.findForDay(tx, task.id, target.personId, date);
    const deleted = existing ? await repo.deleteById(tx, existing.id) : undefined;
    if (!deleted) throw errors.notFound();
    await afterChange(tx, events, actor, { projectId, taskId: task.id, row: deleted, action: 'delete', before: deleted });
    return { ...presentTimeSpent(deleted), duration: 0 };
  });
}

/** `remove_time_spent` (`DELETE data/time-spents/<id>`): assignee himself or a manager of the project. */
export async function removeTimeSpent(deps: Deps, actor: Actor, id: string): Promise<void> {
  if (!isUuid(id)) throw errors.malformedId();
  const existing = await repo.findById(deps.db, id);
  if (!existing) throw errors.notFound();
  const task = await findTaskRef(deps.db, existing.task_id);
  await requireTimeSpentAccess(deps.db, actor, task, existing.person_id);
  await inTransaction(deps, async (tx, events) => {
    const projectId = await lockTaskOr404(tx, task.id);
    const deleted = await repo.deleteById(tx, id);
    if (!deleted) throw errors.notFound();
    await afterChange(tx, events, actor, { projectId, taskId: task.id, row: deleted, action: 'delete', before: deleted });
  });
}

async function lockTaskOr404(tx: Tx, taskId: string): Promise<string> {
  const locked = await repo.lockTask(tx, taskId);
  if (!locked) throw errors.notFound();
  return locked.project_id;
}

/** Same transaction: task.duration recomputed, audit row, then `time-spent:<action>` and `task:update`. */
async function afterChange(
  tx: Tx,
  events: DomainEvent[],
  actor: Actor,
  change: { projectId: string; taskId: string; row: TimeSpentRecord; action: 'new' | 'update' | 'delete'; before?: TimeSpentRecord },
): Promise<void> {
  const duration = await repo.recomputeTaskDuration(tx, change.taskId);
  await recordAudit(tx, {
    actorId: actor.id,
    action: change.action === 'new' ? 'create' : change.action,
    objectType: 'time_spent',
    objectId: change.row.id,
    projectId: change.projectId,
    before: change.before ?? null,
    after: change.action === 'delete' ? null : { ...change.row, task_duration: duration },
  });
  const common = { projectId: change.projectId, actorId: actor.id };
  events.push({ name: `time-spent:${change.action}`, data: { time_spent_id: change.row.id }, ...common });
  events.push({ name: 'task:update', data: { task_id: change.taskId }, ...common });
}
