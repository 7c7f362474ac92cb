/** Display helpers: the API sends UTC datetimes as `YYYY-MM-DDTHH:MM:SS` and durations in minutes. */

export function parseUtc(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : `${value.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayYearFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export function formatDay(value: string | null | undefined, withYear = false): string {
  const date = parseUtc(value);
  return date ? (withYear ? dayYearFormat : dayFormat).format(date) : '—';
}

export function formatDateTime(value: string | null | undefined): string {
  const date = parseUtc(value);
  return date ? dateTimeFormat.format(date) : '—';
}

/** Minutes as days and hours of an 8-hour day ("2d 3h"), or hours when under a day. */
export function formatDuration(minutes: number | null | undefined, hoursPerDay = 8): string {
  if (!minutes) return '0h';
  const hours = minutes / 60;
  if (hours < hoursPerDay) return `${Number.isInteger(hours) ? hours : hours.toFixed(1)}h`;
  const days = Math.floor(hours / hoursPerDay);
  const rest = Math.round(hours - days * hoursPerDay);
  return rest ? `${days}d ${rest}h` : `${days}d`;
}

/** Today as `YYYY-MM-DD` in the browser's time zone (time is logged per local day). */
export function localDay(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export const isOverdue = (due: string | null | undefined, done: boolean, now = Date.now()) => {
  const date = parseUtc(due);
  return !done && date !== null && date.getTime() < now;
};

/** Black or white text, whichever reads better on a background color. */
export function textColorOn(hex: string): string {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!match) return '#111827';
  const value = Number.parseInt(match[1] as string, 16);
  // WCAG relative luminance: the text colour with the higher contrast ratio (white on #10B981 is only 2.5:1).
  const channel = (shift: number) => {
    const c = ((value >> shift) & 255) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
  const DARK = 0.0092; // #111827
  return (luminance + 0.05) / (DARK + 0.05) >= 1.05 / (luminance + 0.05) ? '#111827' : '#ffffff';
}

export const plural = (count: number, word: string, many = `${word}s`) => `${count.toLocaleString('en')} ${count === 1 ? word : many}`;
