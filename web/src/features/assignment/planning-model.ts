import type { TaskCell } from '@/features/breakdown/breakdown-model';

/**
 * The planning side of a task (who does it, when, how long, how urgent) as the pages edit it, and the
 * arithmetic of optimistic changes and undo: what to ask the API to go from one task to another.
 */

/** The fields of a task a coordinator plans, as the table cells hold them. */
export const PLAN_FIELDS = ['start_date', 'due_date', 'estimation', 'priority'] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];
export type PlanFields = Partial<Pick<TaskCell, PlanField>> & { difficulty?: number };

/** Kitsu shows estimates in days of the studio's working day; the API stores minutes. */
export const HOURS_PER_DAY = 8;

export const daysFromMinutes = (minutes: number, hoursPerDay = HOURS_PER_DAY) => Math.round((minutes / 60 / hoursPerDay) * 100) / 100;
export const minutesFromDays = (days: number, hoursPerDay = HOURS_PER_DAY) => Math.round(days * hoursPerDay * 60);

/** The day part (`YYYY-MM-DD`) of an API datetime, '' when there is none: what a date input shows. */
export const dayOf = (value: string | null | undefined): string => (value ? value.slice(0, 10) : '');

/** A day from a date input as the API sends it back (midnight UTC, no zone), null when emptied. */
export const wireDay = (day: string): string | null => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00` : null);

/** Zou's priorities, in the words Kitsu uses. */
export const PRIORITIES = [
  { value: 0, label: 'Normal' },
  { value: 1, label: 'High' },
  { value: 2, label: 'Very high' },
  { value: 3, label: 'Emergency' },
] as const;

export const DIFFICULTIES = [
  { value: 1, label: '1 · very easy' },
  { value: 2, label: '2 · easy' },
  { value: 3, label: '3 · medium' },
  { value: 4, label: '4 · hard' },
  { value: 5, label: '5 · very hard' },
] as const;

export const priorityLabel = (value: number) => PRIORITIES.find((priority) => priority.value === value)?.label ?? String(value);

/** Why planned dates are refused before anything is sent, or null when they read right. */
export function datesProblem(start: string | null | undefined, due: string | null | undefined): string | null {
  const from = dayOf(start);
  const to = dayOf(due);
  return from && to && to < from ? 'The due date comes before the start date.' : null;
}

/** Why an estimate in days is refused, or null. */
export function estimateProblem(days: number): string | null {
  if (!Number.isFinite(days) || days < 0) return 'An estimate is a number of days, 0 or more.';
  if (days > 1000) return 'An estimate of more than 1,000 days is surely a typo.';
  return null;
}

// --- assignment ------------------------------------------------------------------------------------

const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();

export const withAssignees = (current: readonly string[], added: readonly string[]) => sorted([...current, ...added]);
export const withoutAssignees = (current: readonly string[], removed: readonly string[]) => sorted(current.filter((id) => !removed.includes(id)));
/** Adds the person when absent, removes them when present. */
export const toggledAssignee = (current: readonly string[], personId: string) =>
  current.includes(personId) ? withoutAssignees(current, [personId]) : withAssignees(current, [personId]);

/** One task going from what it is to what it should become. */
export interface TaskMove {
  from: TaskCell;
  to: TaskCell;
}

/** The calls that turn the assignees of `moves` into their targets: per person, the tasks to assign and to clear. */
export function assignmentCalls(moves: readonly TaskMove[]): { assign: Map<string, string[]>; clear: Map<string, string[]> } {
  const assign = new Map<string, string[]>();
  const clear = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, personId: string, taskId: string) => map.set(personId, [...(map.get(personId) ?? []), taskId]);
  for (const { from, to } of moves) {
    for (const personId of to.assignees) if (!from.assignees.includes(personId)) push(assign, personId, from.id);
    for (const personId of from.assignees) if (!to.assignees.includes(personId)) push(clear, personId, from.id);
  }
  return { assign, clear };
}

const samePlanValue = (field: PlanField, a: TaskCell, b: TaskCell) =>
  field === 'start_date' || field === 'due_date' ? dayOf(a[field]) === dayOf(b[field]) : a[field] === b[field];

/** The planning fields that differ between two states of a task, as the API takes them (days as `YYYY-MM-DD`). */
export function planChanges(from: TaskCell, to: TaskCell): Record<string, string | number | null> | null {
  const changes: Record<string, string | number | null> = {};
  for (const field of PLAN_FIELDS) {
    if (samePlanValue(field, from, to)) continue;
    changes[field] = field === 'start_date' || field === 'due_date' ? dayOf(to[field]) || null : to[field];
  }
  // Difficulty only where the target says it: a cell that never read it has none to compare.
  if (to.difficulty !== undefined && to.difficulty !== from.difficulty) changes.difficulty = to.difficulty;
  return Object.keys(changes).length ? changes : null;
}

/** A task with planning fields applied (days normalised to what the API answers). */
export function planned(task: TaskCell, fields: PlanFields): TaskCell {
  const next = { ...task };
  if (fields.start_date !== undefined) next.start_date = fields.start_date ? wireDay(dayOf(fields.start_date)) : null;
  if (fields.due_date !== undefined) next.due_date = fields.due_date ? wireDay(dayOf(fields.due_date)) : null;
  if (fields.estimation !== undefined) next.estimation = fields.estimation;
  if (fields.priority !== undefined) next.priority = fields.priority;
  if (fields.difficulty !== undefined) next.difficulty = fields.difficulty;
  return next;
}

// --- bulk changes, undo and selection ----------------------------------------------------------

/** The bulk planning actions of the selection bar. */
export type BulkMode = 'assign' | 'unassign' | 'dates' | 'estimate' | 'priority' | 'difficulty';
export type BulkPlan = { kind: 'assign'; personIds: string[] } | { kind: 'unassign'; personIds: string[] } | { kind: 'plan'; fields: PlanFields };


/** The last bulk change of a table: the tasks as they were before it, to put them back. */
export interface UndoEntry {
  /** "Assigned Alice Animator to 6 tasks." */
  label: string;
  before: Array<{ cellKey: string; task: TaskCell }>;
  /** Tasks the change created on empty cells, as they were left: undo deletes those still untouched. */
  created?: Array<{ cellKey: string; task: TaskCell }>;
}

/** Whether a task the change created is still as it left it (same status and assignees), so undo may delete it. */
export function untouchedSinceCreated(created: TaskCell, now: TaskCell | undefined): boolean {
  if (!now || now.id !== created.id || now.pending) return false;
  const calls = assignmentCalls([{ from: now, to: created }]);
  return now.task_status_id === created.task_status_id && calls.assign.size + calls.clear.size === 0 && planChanges(now, created) === null;
}

/** Whether a task differs from its earlier state in a way undo can put back (status, assignees, planning). */
export function undoable(before: TaskCell, now: TaskCell | undefined): boolean {
  if (!now || now.id !== before.id || now.pending) return false;
  const calls = assignmentCalls([{ from: now, to: before }]);
  return now.task_status_id !== before.task_status_id || planChanges(now, before) !== null || calls.assign.size + calls.clear.size > 0;
}

/**
 * The selected cells split by what the filters show: bulk actions apply to the shown ones only (what
 * the coordinator sees is what changes), and the bar says how many more are selected but hidden.
 */
export function scopeSelection(selected: ReadonlySet<string>, shownKeys: ReadonlySet<string>): { shown: string[]; hidden: number } {
  const shown: string[] = [];
  for (const key of selected) if (shownKeys.has(key)) shown.push(key);
  return { shown, hidden: selected.size - shown.length };
}

/** What a bulk change makes of each task. */
export function bulkTarget(plan: BulkPlan): (task: TaskCell) => TaskCell {
  if (plan.kind === 'assign') return (task) => ({ ...task, assignees: withAssignees(task.assignees, plan.personIds) });
  if (plan.kind === 'unassign') return (task) => ({ ...task, assignees: withoutAssignees(task.assignees, plan.personIds) });
  return (task) => planned(task, plan.fields);
}

const names = (ids: readonly string[], personName: (id: string) => string) => {
  const list = ids.map(personName).sort((a, b) => a.localeCompare(b));
  return list.length <= 1 ? (list[0] ?? 'nobody') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
};

/** "Assigned Alice Animator and Bruno Lighter to 6 tasks.": what the undo bar says a bulk change did. */
export function bulkLabel(plan: BulkPlan, tasks: string, personName: (id: string) => string): string {
  if (plan.kind === 'assign') return `Assigned ${names(plan.personIds, personName)} to ${tasks}.`;
  if (plan.kind === 'unassign') return `Unassigned ${names(plan.personIds, personName)} from ${tasks}.`;
  const { start_date, due_date, estimation, priority, difficulty } = plan.fields;
  const parts: string[] = [];
  if (start_date) parts.push(`start ${dayOf(start_date)}`);
  if (due_date) parts.push(`due ${dayOf(due_date)}`);
  if (estimation !== undefined) parts.push(`estimate ${daysFromMinutes(estimation)} d`);
  if (priority !== undefined) parts.push(`priority ${priorityLabel(priority)}`);
  if (difficulty !== undefined) parts.push(`difficulty ${difficulty}`);
  return `Set ${parts.join(', ') || 'nothing'} on ${tasks}.`;
}

/** Which failure a bulk change reports, in the product's words. */
export function bulkFailure(plan: BulkPlan): string {
  if (plan.kind === 'assign') return 'The person was not assigned';
  if (plan.kind === 'unassign') return 'The person was not unassigned';
  if (plan.fields.estimation !== undefined) return 'The estimate was not changed';
  if (plan.fields.priority !== undefined) return 'The priority was not changed';
  if (plan.fields.difficulty !== undefined) return 'The difficulty was not changed';
  return 'The dates were not changed';
}
