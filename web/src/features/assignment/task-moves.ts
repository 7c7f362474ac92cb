import { messageOf } from '@/lib/http';
import type { TaskCell } from '@/features/breakdown/breakdown-model';
import * as api from './assignment.api';
import { assignmentCalls, planChanges, withAssignees, withoutAssignees, type TaskMove } from './planning-model';

/** Tasks per bulk planning request (the route takes up to 2,000). */
const PLAN_CHUNK = 500;

/** Said of a task the API skipped: the bulk assign route leaves out the tasks the caller may not assign. */
export const NOT_ASSIGNABLE = 'only coordinators and the supervisors of its department assign this task';

export interface MoveOutcome {
  /** What the API confirmed: the target where everything went through, part of it otherwise. */
  settled: TaskCell;
  /** The first failure for this task, in the product's words; null when all went through. */
  error: string | null;
}

/**
 * Sends what it takes to turn each task into its target: one assign and one unassign call per person
 * (sequential, since each locks the same tasks), then the planning fields of all tasks in one request. The outcome of each
 * task is built from the calls that succeeded, so a partial failure shows what really changed.
 */
export async function sendTaskMoves(moves: readonly TaskMove[]): Promise<MoveOutcome[]> {
  const confirmed = new Map(moves.map((move) => [move.from.id, { ...move.from }]));
  const errors = new Map<string, string>();
  const fail = (taskId: string, message: string) => {
    if (!errors.has(taskId)) errors.set(taskId, message);
  };
  const update = (taskId: string, change: (task: TaskCell) => Partial<TaskCell>) => {
    const task = confirmed.get(taskId);
    if (task) confirmed.set(taskId, { ...task, ...change(task) });
  };

  const { assign, clear } = assignmentCalls(moves);
  for (const [personId, taskIds] of assign) {
    try {
      const done = new Set((await api.assignPerson(personId, taskIds)).map((row) => row.id));
      for (const taskId of taskIds) {
        if (done.has(taskId)) update(taskId, (task) => ({ assignees: withAssignees(task.assignees, [personId]) }));
        else fail(taskId, NOT_ASSIGNABLE);
      }
    } catch (caught) {
      for (const taskId of taskIds) fail(taskId, messageOf(caught));
    }
  }
  for (const [personId, taskIds] of clear) {
    try {
      const done = new Set(await api.clearAssignation(personId, taskIds));
      for (const taskId of taskIds) {
        if (done.has(taskId)) update(taskId, (task) => ({ assignees: withoutAssignees(task.assignees, [personId]) }));
        else fail(taskId, NOT_ASSIGNABLE);
      }
    } catch (caught) {
      for (const taskId of taskIds) fail(taskId, messageOf(caught));
    }
  }

  const plans = moves.flatMap((move) => {
    const fields = planChanges(move.from, move.to);
    return fields ? [{ taskId: move.from.id, fields }] : [];
  });
  // One request per chunk, all or nothing on the server: a refusal rolls back the whole chunk.
  for (let index = 0; index < plans.length; index += PLAN_CHUNK) {
    const chunk = plans.slice(index, index + PLAN_CHUNK);
    try {
      const rows = new Map((await api.planTasks(chunk.map((plan) => ({ id: plan.taskId, ...plan.fields })))).map((row) => [row.id, row]));
      for (const plan of chunk) {
        const row = rows.get(plan.taskId);
        if (row) update(plan.taskId, () => ({ start_date: row.start_date, due_date: row.due_date, estimation: row.estimation, priority: row.priority, difficulty: row.difficulty }));
        else fail(plan.taskId, 'the task was not found: it may have been deleted');
      }
    } catch (caught) {
      for (const plan of chunk) fail(plan.taskId, messageOf(caught));
    }
  }

  return moves.map((move) => ({ settled: confirmed.get(move.from.id) ?? move.from, error: errors.get(move.from.id) ?? null }));
}
