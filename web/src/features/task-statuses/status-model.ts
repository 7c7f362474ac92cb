import type { AllTaskStatuses, TaskStatusRow } from '@/lib/api-types';

/** A status as the pages use it: `id` is the task_status id that tasks and comments carry. */
export interface StatusOption {
  id: string;
  /** The studio routes' id: the system key ("not_started"...) or the custom status id. */
  studioId: string;
  name: string;
  color: string;
  shortName: string;
  isSystem: boolean;
  isDone: boolean;
  isDefault: boolean;
  /** Artists (role user) may set it. */
  artistAllowed: boolean;
  /** Clients may set it. */
  clientAllowed: boolean;
  order: number;
}

/** The five system statuses' Zou short names, as the reference data migration seeds them. */
export const SYSTEM_SHORT_NAMES: Record<string, string> = {
  not_started: 'todo',
  in_progress: 'wip',
  submitted: 'wfa',
  approved: 'done',
  retake: 'retake',
};

/** Finds the task_status row of a system key among the global statuses (short name, else name). */
export function systemRow(key: string, name: string, rows: TaskStatusRow[]): TaskStatusRow | undefined {
  const globals = rows.filter((row) => !row.project_id);
  const shortName = SYSTEM_SHORT_NAMES[key];
  return globals.find((row) => row.short_name === shortName) ?? globals.find((row) => row.name === name);
}

/**
 * The statuses a production offers, system ones first then its custom ones in their order. Rows come
 * from the studio route; ids, flags and short names from the task_status rows of the user context.
 */
export function statusOptions(all: AllTaskStatuses, rows: TaskStatusRow[]): StatusOption[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const options: StatusOption[] = [];
  all.system_statuses.forEach((status, index) => {
    const row = systemRow(status.id, status.name, rows);
    if (!row) return;
    options.push({
      id: row.id, studioId: status.id, name: status.name, color: status.color, shortName: row.short_name, isSystem: true,
      isDone: row.is_done, isDefault: all.default_status_id === status.id, artistAllowed: row.is_artist_allowed,
      clientAllowed: row.is_client_allowed, order: index,
    });
  });
  for (const status of [...all.statuses].sort((a, b) => a.order - b.order)) {
    const row = byId.get(status.id);
    options.push({
      id: status.id, studioId: status.id, name: status.name, color: status.color, shortName: row?.short_name ?? status.name,
      isSystem: false, isDone: row?.is_done ?? false, isDefault: status.is_default, artistAllowed: row?.is_artist_allowed ?? true,
      clientAllowed: row?.is_client_allowed ?? false,
      order: all.system_statuses.length + status.order,
    });
  }
  return options;
}

/** The option for a task's status id, with a neutral stand-in for statuses the production does not list. */
export function describeStatus(id: string, options: StatusOption[], rows: Map<string, TaskStatusRow>): StatusOption {
  const known = options.find((option) => option.id === id);
  if (known) return known;
  const row = rows.get(id);
  return {
    id, studioId: id, name: row?.name ?? 'Unknown status', color: row?.color ?? '#9CA3AF', shortName: row?.short_name ?? '?',
    isSystem: !row?.project_id, isDone: row?.is_done ?? false, isDefault: false, artistAllowed: row?.is_artist_allowed ?? false,
    clientAllowed: row?.is_client_allowed ?? false, order: 999,
  };
}

/** Moves one item of a list to another index (drag and drop), returning a new list. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  if (from < 0 || from >= next.length || to < 0 || to >= next.length || from === to) return next;
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved as T);
  return next;
}
