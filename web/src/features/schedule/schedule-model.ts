import { parseUtc } from '@/lib/format';
import type { ScheduleRisk, Timeline, TimelineTask } from '@/lib/api-types';

const DAY = 86_400_000;

export type ScheduleMode = 'sequence' | 'asset_type';

export interface GanttGroup {
  kind: 'group';
  key: string;
  id: string;
  name: string;
  start: number | null;
  end: number | null;
  count: number;
  risks: number;
  collapsed: boolean;
}

export interface GanttTask {
  kind: 'task';
  key: string;
  task: TimelineTask;
  start: number | null;
  end: number | null;
  risk: boolean;
}

export type GanttItem = GanttGroup | GanttTask;

/** A task's bar: planned start (else due minus its estimation in 8-hour days, at least a day) to due date. */
export function taskSpan(task: TimelineTask): { start: number | null; end: number | null } {
  const due = parseUtc(task.due_date)?.getTime() ?? null;
  const start = parseUtc(task.start_date ?? task.real_start_date)?.getTime() ?? null;
  if (due === null) return { start, end: start === null ? null : start + DAY };
  const estimatedDays = Math.max(1, Math.ceil(task.estimation / 60 / 8));
  return { start: start ?? due - estimatedDays * DAY, end: Math.max(due, (start ?? due) + DAY / 4) };
}

/** Groups (sequences or asset types) with their tasks, flattened for the virtual list. */
export function ganttItems(timeline: Timeline, mode: ScheduleMode, collapsed: ReadonlySet<string>, risks: ReadonlySet<string>): GanttItem[] {
  const groups = new Map<string, { name: string; tasks: TimelineTask[] }>();
  for (const task of timeline.tasks) {
    const id = mode === 'sequence' ? task.sequence_id : task.asset_type_id;
    if (!id) continue;
    const name = mode === 'sequence' ? (task.episode_name ? `${task.episode_name} / ${task.sequence_name}` : (task.sequence_name ?? '')) : (task.asset_type_name ?? '');
    const group = groups.get(id) ?? { name, tasks: [] };
    group.tasks.push(task);
    groups.set(id, group);
  }
  const collator = new Intl.Collator('en', { numeric: true });
  const items: GanttItem[] = [];
  for (const [id, group] of [...groups].sort((a, b) => collator.compare(a[1].name, b[1].name))) {
    const rows = group.tasks
      .map((task) => ({ task, ...taskSpan(task) }))
      .sort((a, b) => collator.compare(a.task.entity_name, b.task.entity_name) || (a.start ?? Infinity) - (b.start ?? Infinity));
    const starts = rows.map((row) => row.start).filter((value): value is number => value !== null);
    const ends = rows.map((row) => row.end).filter((value): value is number => value !== null);
    const riskCount = rows.filter((row) => risks.has(row.task.task_id)).length;
    const isCollapsed = collapsed.has(id);
    items.push({
      kind: 'group', key: `g:${id}`, id, name: group.name, count: rows.length, risks: riskCount, collapsed: isCollapsed,
      start: starts.length ? Math.min(...starts) : null, end: ends.length ? Math.max(...ends) : null,
    });
    if (!isCollapsed) for (const row of rows) items.push({ kind: 'task', key: row.task.task_id, task: row.task, start: row.start, end: row.end, risk: risks.has(row.task.task_id) });
  }
  return items;
}

/** The days the chart spans: the project's dates widened to every task, from a Monday, whole weeks. */
export function chartRange(timeline: Timeline, items: GanttItem[]): { start: number; days: number } {
  const values: number[] = [];
  for (const item of items) {
    if (item.start !== null) values.push(item.start);
    if (item.end !== null) values.push(item.end);
  }
  const projectStart = parseUtc(timeline.project_start_date)?.getTime();
  const projectEnd = parseUtc(timeline.project_end_date)?.getTime();
  if (projectStart) values.push(projectStart);
  if (projectEnd) values.push(projectEnd);
  const now = Date.now();
  const min = values.length ? Math.min(...values) : now - 14 * DAY;
  const max = values.length ? Math.max(...values) : now + 60 * DAY;
  const first = new Date(Math.floor(min / DAY) * DAY);
  const monday = first.getTime() - ((first.getUTCDay() + 6) % 7) * DAY;
  const days = Math.ceil((max - monday) / DAY / 7) * 7 + 7;
  return { start: monday, days };
}

/** Left offset and width of a bar, px. */
export function barGeometry(start: number, end: number, rangeStart: number, pxPerDay: number): { left: number; width: number } {
  const left = ((start - rangeStart) / DAY) * pxPerDay;
  return { left, width: Math.max(4, ((end - start) / DAY) * pxPerDay) };
}

/** A risk's reasons in words. */
export function describeRisk(risk: ScheduleRisk): string[] {
  return risk.reasons.map((reason) => {
    switch (reason.kind) {
      case 'overdue':
        return `Overdue by ${formatDays(reason.days_late)}`;
      case 'over_estimate':
        return `${Math.round((reason.overrun / 60) * 10) / 10}h over its estimate`;
      case 'predecessor_late':
        return `Waits on ${reason.predecessor_entity_name} ${reason.predecessor_task_type_name}, which ends ${formatDays(reason.days_late)} after this is due`;
      default:
        return 'At risk';
    }
  });
}

const formatDays = (days: number) => (days < 1 ? `${Math.max(1, Math.round(days * 24))}h` : `${Math.round(days * 10) / 10} days`);

export { DAY };
