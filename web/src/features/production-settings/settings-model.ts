import type { SettingsLibrary } from './production-settings.api';

/** The sections of a production's settings, in the order of its tabs. */
export const SETTINGS_SECTIONS = [
  { path: 'task-types', label: 'Task types' },
  { path: 'asset-types', label: 'Asset types' },
  { path: 'task-statuses', label: 'Task statuses' },
  { path: 'task-templates', label: 'Task templates' },
] as const;

/** A row of a studio library as the pickers show it. */
export interface LibraryItem {
  id: string;
  name: string;
  color?: string | null;
  /** Task types: what they are for (Shot, Asset…); the picker groups by it. */
  group?: string;
  detail?: string | null;
}

export interface LibraryGroup {
  name: string;
  items: LibraryItem[];
}

/** Groups items by `group` in the given order of groups (others after, by name), items by name. */
export function groupItems(items: LibraryItem[], order: string[] = []): LibraryGroup[] {
  const groups = new Map<string, LibraryItem[]>();
  for (const item of items) {
    const key = item.group ?? '';
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return [...groups]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([name, list]) => ({ name, items: [...list].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true })) }));
}

/**
 * The priority a task type gets when a production adds it: after the ones it has, so that the new
 * column comes last in the tables (priorities are 1-based, as the API's task-type links are).
 */
export function nextPriority(priorities: Array<number | null | undefined>): number {
  return priorities.reduce<number>((max, value) => (typeof value === 'number' && value > max ? value : max), 0) + 1;
}

export const LIBRARY_OF: Record<'task-types' | 'asset-types' | 'task-statuses', SettingsLibrary> = {
  'task-types': 'task-types',
  'asset-types': 'asset-types',
  'task-statuses': 'task-status',
};
