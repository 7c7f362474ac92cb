import { errors } from '../../platform/errors/index.ts';
import type { Column } from './crud-columns.ts';

/**
 * Filter values parsed by their column's kind before SQL (`GET data/<collection>?<column>=<value>`):
 * a value the column cannot hold is the caller's mistake, answered with a 400 naming the field, never
 * with PostgreSQL's own message. Values are returned as text for PostgreSQL to cast, so equality keeps
 * its SQL meaning ("2024-01-05" matches a date; "7" an integer).
 */

const INT4_MIN = -2_147_483_648;
const INT4_MAX = 2_147_483_647;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Zou's wire format (YYYY-MM-DDTHH:MM:SS), with a space instead of T, fractions, and an ignored zone.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

const invalid = (column: Column, what: string) =>
  errors.validation([{ field: column.name, message: `must be ${what}` }], `Validation error: ${column.name} must be ${what}.`);

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parseInteger(column: Column, text: string): string {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) throw invalid(column, 'an integer');
  const value = Number(trimmed);
  if (value < INT4_MIN || value > INT4_MAX) throw invalid(column, `an integer between ${INT4_MIN} and ${INT4_MAX}`);
  return String(value);
}

function parseNumber(column: Column, text: string): string {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) throw invalid(column, 'a number');
  return String(value);
}

function parseDate(column: Column, text: string): string {
  const match = DATE.exec(text.trim());
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) throw invalid(column, 'a date (YYYY-MM-DD)');
  return match[0];
}

function parseDateTime(column: Column, text: string): string {
  const match = DATE_TIME.exec(text.trim());
  const [hours, minutes, seconds] = [match?.[4], match?.[5], match?.[6]].map((part) => Number(part ?? 0));
  const valid = match !== null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3])) && hours! < 24 && minutes! < 60 && seconds! < 60;
  if (!valid) throw invalid(column, 'a date-time (YYYY-MM-DDTHH:MM:SS)');
  return match[0];
}

/** A scalar filter value as text PostgreSQL will cast without failing, or a 400. */
export function parseFilterScalar(column: Column, text: string): string {
  switch (column.kind) {
    case 'integer':
      return parseInteger(column, text);
    case 'number':
      return parseNumber(column, text);
    case 'date':
      return parseDate(column, text);
    case 'datetime':
      return parseDateTime(column, text);
    default:
      return text;
  }
}

/** A JSON column's filter value: valid JSON text, or a 400. */
export function parseFilterJson(field: string, text: string): string {
  try {
    JSON.parse(text);
    return text;
  } catch {
    throw errors.validation([{ field, message: 'must be JSON' }], `Validation error: ${field} must be JSON.`);
  }
}
