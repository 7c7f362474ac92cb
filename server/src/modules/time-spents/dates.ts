import { errors } from '../../platform/errors/index.ts';

/** A half-open date interval [start, end), both `YYYY-MM-DD`. */
export interface DateInterval {
  start: string;
  end: string;
}

const DAY_MS = 86_400_000;

export const wrongDateFormat = () => errors.badRequest('Wrong date format.');

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function toInt(value: string): number {
  if (!/^\d{1,4}$/.test(value)) throw wrongDateFormat();
  return Number(value);
}

/** Parses a path date: exactly `YYYY-MM-DD` and a real calendar day, else 400 "Wrong date format.". */
export function parseDay(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw wrongDateFormat();
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  if (year < 1 || iso(ms) !== value) throw wrongDateFormat();
  return value;
}

function utcDay(year: number, month: number, day: number): number {
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw wrongDateFormat();
  }
  return ms;
}

export function dayInterval(year: string, month: string, day: string): DateInterval {
  const start = utcDay(toInt(year), toInt(month), toInt(day));
  return { start: iso(start), end: iso(start + DAY_MS) };
}

export function monthInterval(year: string, month: string): DateInterval {
  const y = toInt(year);
  const m = toInt(month);
  const start = utcDay(y, m, 1);
  return { start: iso(start), end: iso(Date.UTC(y, m, 1)) };
}

export function yearInterval(year: string): DateInterval {
  const y = toInt(year);
  return { start: iso(utcDay(y, 1, 1)), end: iso(Date.UTC(y + 1, 0, 1)) };
}

/** ISO 8601 week (Monday first; week 1 holds the year's first Thursday), as Python's fromisocalendar. */
export function isoWeekInterval(year: string, week: string): DateInterval {
  const y = toInt(year);
  const w = toInt(week);
  const jan4 = utcDay(y, 1, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const weeksInYear = isoWeeksInYear(y);
  if (w < 1 || w > weeksInYear) throw wrongDateFormat();
  const start = mondayOfWeek1 + (w - 1) * 7 * DAY_MS;
  return { start: iso(start), end: iso(start + 7 * DAY_MS) };
}

function isoWeeksInYear(year: number): number {
  // A year has 53 ISO weeks when it starts on a Thursday, or on a Wednesday in a leap year.
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/**
 * The `start_date`/`end_date` pair of range routes: both or neither (400), each `YYYY-MM-DD`. Returns
 * an inclusive range, or null when neither is given.
 */
export function parseRange(startDate: string | undefined, endDate: string | undefined): { start: string; end: string } | null {
  if (!startDate && !endDate) return null;
  if (!startDate || !endDate) {
    throw errors.badRequest('If querying for a range of dates, both a `start_date` and an `end_date` must be given.');
  }
  try {
    return { start: parseDay(startDate), end: parseDay(endDate) };
  } catch {
    throw errors.badRequest(`Wrong date format for ${startDate} and/or ${endDate}`);
  }
}
