import type { AssetWithTasks, EntityTaskSummary, ShotWithTasks } from '@/lib/api-types';

/** A task in a table cell; `pending` while an optimistic change waits for the API. */
export interface TaskCell extends EntityTaskSummary {
  pending?: boolean;
  /**
   * Not in the production table's answer (its shape is the seeds'): known once read from the API —
   * before a bulk difficulty change, so that it can be undone — and from the planning route's answers.
   */
  difficulty?: number;
}

/** One row of the shots or assets table. */
export interface EntityRow {
  id: string;
  name: string;
  description: string;
  frames: number | null;
  frameIn: number | null;
  frameOut: number | null;
  /** Sequence (shots) or asset type (assets). */
  groupId: string;
  groupName: string;
  canceled: boolean;
  /** Tasks by task type id. */
  tasks: Record<string, TaskCell>;
  /** Lower-cased name, description and group, for the free-text filter. */
  search: string;
}

export interface CellRef {
  entityId: string;
  taskTypeId: string;
}

export const cellKey = (cell: CellRef) => `${cell.entityId}:${cell.taskTypeId}`;

/** The cell a `cellKey` names. */
export function cellOfKey(key: string): CellRef {
  const [entityId = '', taskTypeId = ''] = key.split(':');
  return { entityId, taskTypeId };
}

const numberOr = (value: unknown): number | null => {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : null;
};

function tasksByType(tasks: EntityTaskSummary[]): Record<string, TaskCell> {
  const byType: Record<string, TaskCell> = {};
  // Several tasks of one type on an entity: the table shows the first (the oldest, as the API lists them).
  for (const task of tasks) byType[task.task_type_id] ??= task;
  return byType;
}

export function toShotRow(shot: ShotWithTasks): EntityRow {
  const data = (shot.data ?? {}) as Record<string, unknown>;
  const frameIn = numberOr(shot.frame_in ?? data.frame_in);
  const frameOut = numberOr(shot.frame_out ?? data.frame_out);
  const frames = shot.nb_frames ?? (frameIn !== null && frameOut !== null ? frameOut - frameIn + 1 : null);
  const sequence = shot.sequence_name ?? 'No sequence';
  const groupName = shot.episode_name ? `${shot.episode_name} / ${sequence}` : sequence;
  return {
    id: shot.id,
    name: shot.name,
    description: shot.description ?? '',
    frames,
    frameIn,
    frameOut,
    groupId: shot.parent_id ?? '',
    groupName,
    canceled: shot.canceled,
    tasks: tasksByType(shot.tasks),
    search: `${shot.name} ${shot.description ?? ''} ${groupName}`.toLowerCase(),
  };
}

export function toAssetRow(asset: AssetWithTasks): EntityRow {
  return {
    id: asset.id,
    name: asset.name,
    description: asset.description ?? '',
    frames: null,
    frameIn: null,
    frameOut: null,
    groupId: asset.entity_type_id,
    groupName: asset.asset_type_name,
    canceled: asset.canceled,
    tasks: tasksByType(asset.tasks),
    search: `${asset.name} ${asset.description ?? ''} ${asset.asset_type_name}`.toLowerCase(),
  };
}

/**
 * Rows read again from the API, with the cells that have a change in flight kept as the table shows
 * them: reloading while a change is on its way must not show the old status for a moment.
 */
export function keepPendingCells(loaded: EntityRow[], current: readonly EntityRow[]): EntityRow[] {
  const pendingByRow = new Map<string, Array<[string, TaskCell]>>();
  for (const row of current) {
    for (const [taskTypeId, task] of Object.entries(row.tasks)) {
      if (task.pending) pendingByRow.set(row.id, [...(pendingByRow.get(row.id) ?? []), [taskTypeId, task]]);
    }
  }
  if (pendingByRow.size === 0) return loaded;
  return loaded.map((row) => {
    const pending = pendingByRow.get(row.id);
    return pending ? { ...row, tasks: { ...row.tasks, ...Object.fromEntries(pending) } } : row;
  });
}

export interface TableFilters {
  /** Sequences (shots) or asset types (assets); empty = all. */
  groupIds: string[];
  /** Rows with at least one task in one of these statuses; empty = all. */
  statusIds: string[];
  /** Rows with at least one task assigned to this person. */
  assigneeId: string | null;
  text: string;
  /** Restricts the status and assignee filters to one task type column. */
  taskTypeId: string | null;
}

export const emptyFilters = (): TableFilters => ({ groupIds: [], statusIds: [], assigneeId: null, text: '', taskTypeId: null });

export function isFiltered(filters: TableFilters): boolean {
  return filters.groupIds.length > 0 || filters.statusIds.length > 0 || filters.assigneeId !== null || filters.text.trim() !== '';
}

export function filterRows(rows: readonly EntityRow[], filters: TableFilters): EntityRow[] {
  const groups = filters.groupIds.length ? new Set(filters.groupIds) : null;
  const statuses = filters.statusIds.length ? new Set(filters.statusIds) : null;
  const words = filters.text.toLowerCase().split(/\s+/).filter(Boolean);
  const assignee = filters.assigneeId;
  const column = filters.taskTypeId;
  if (!groups && !statuses && !assignee && words.length === 0) return [...rows];
  return rows.filter((row) => {
    if (groups && !groups.has(row.groupId)) return false;
    if (words.length && !words.every((word) => row.search.includes(word))) return false;
    if (!statuses && !assignee) return true;
    const tasks = column ? (row.tasks[column] ? [row.tasks[column]] : []) : Object.values(row.tasks);
    return tasks.some((task) => (!statuses || statuses.has(task.task_status_id)) && (!assignee || task.assignees.includes(assignee)));
  });
}

export type SortKey = 'name' | 'frames' | 'frameIn' | `task:${string}`;

export interface SortSpec {
  key: SortKey;
  direction: 1 | -1;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Sorts inside each group (groups keep their name order): by name (natural order: SH0020 before
 * SH0100), frames, frame in, or a task type column's status order (no task last).
 */
export function sortRows(rows: readonly EntityRow[], sort: SortSpec, statusOrder: ReadonlyMap<string, number>): EntityRow[] {
  const byName = (a: EntityRow, b: EntityRow) => collator.compare(a.name, b.name);
  let compare: (a: EntityRow, b: EntityRow) => number;
  if (sort.key === 'name') compare = (a, b) => sort.direction * byName(a, b);
  else if (sort.key === 'frames' || sort.key === 'frameIn') {
    const field = sort.key;
    compare = (a, b) => sort.direction * ((a[field] ?? -Infinity) - (b[field] ?? -Infinity)) || byName(a, b);
  } else {
    const taskTypeId = sort.key.slice(5);
    const rank = (row: EntityRow) => {
      const task = row.tasks[taskTypeId];
      return task ? (statusOrder.get(task.task_status_id) ?? 998) : 999;
    };
    compare = (a, b) => sort.direction * (rank(a) - rank(b)) || byName(a, b);
  }
  return [...rows].sort((a, b) => collator.compare(a.groupName, b.groupName) || compare(a, b));
}

export type TableItem =
  | { kind: 'group'; key: string; groupId: string; name: string; count: number; collapsed: boolean }
  | { kind: 'row'; key: string; row: EntityRow };

/** Group headers and rows, flattened for the virtual list (rows of collapsed groups left out). */
export function groupItems(sortedRows: readonly EntityRow[], collapsed: ReadonlySet<string>): TableItem[] {
  const items: TableItem[] = [];
  let header: Extract<TableItem, { kind: 'group' }> | null = null;
  for (const row of sortedRows) {
    if (!header || header.groupId !== row.groupId) {
      header = { kind: 'group', key: `g:${row.groupId}`, groupId: row.groupId, name: row.groupName, count: 0, collapsed: collapsed.has(row.groupId) };
      items.push(header);
    }
    header.count += 1;
    if (!header.collapsed) items.push({ kind: 'row', key: row.id, row });
  }
  return items;
}

/** Counts of tasks per status id (for production home and filter menus). */
export function countByStatus(rows: readonly EntityRow[], taskTypeId?: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    for (const [typeId, task] of Object.entries(row.tasks)) {
      if (taskTypeId && typeId !== taskTypeId) continue;
      counts.set(task.task_status_id, (counts.get(task.task_status_id) ?? 0) + 1);
    }
  }
  return counts;
}
