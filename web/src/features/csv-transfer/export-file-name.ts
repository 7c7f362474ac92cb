import type { EntityKind } from '@/features/productions/productions.store';

/** Characters no file may hold on Windows, macOS or Linux (and control characters). */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;

/** A date as YYYY-MM-DD in a time zone (the person's own; the browser's when it is not one Intl knows). */
export function dayIn(date: Date, timeZone?: string | null): string {
  const format = (zone?: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  try {
    return format(timeZone || undefined);
  } catch {
    return format();
  }
}

/**
 * The name a CSV export is saved under: the production's name, what it holds and the day, e.g.
 * "Big Buck Bunny shots 2026-12-07.csv". Characters a file system refuses become spaces; a name
 * with nothing left is "Production".
 */
export function exportFileName(productionName: string | undefined, kind: EntityKind, day: string): string {
  const safe = (productionName ?? '').replace(UNSAFE, ' ').replace(/\s+/g, ' ').replace(/^[\s.]+|[\s.]+$/g, '').slice(0, 120).trim();
  return `${safe || 'Production'} ${kind === 'Shot' ? 'shots' : 'assets'} ${day}.csv`;
}
