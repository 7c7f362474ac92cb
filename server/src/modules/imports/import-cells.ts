import type { CsvRecord } from './csv-reader.ts';
import { RowError } from './csv-import.runner.ts';
import type { Descriptor, ImportPerson, ImportStatus, ImportTaskType } from './import-lookups.repository.ts';

/** Reading and checking CSV cells: names, numbers, booleans, people, statuses, metadata and task columns. */

/** A required column's value, trimmed; an empty cell is a row error. */
export function requiredCell(record: CsvRecord, column: string, what = column): string {
  const value = record.get(column)?.trim() ?? '';
  if (value === '') throw new RowError(`${what} is required (column "${column}")`);
  return value;
}

/** The first of the given columns that the row fills, as an integer; undefined when none is filled. */
export function integerCell(record: CsvRecord, columns: string[], field: string): number | undefined {
  for (const column of columns) {
    const raw = record.get(column)?.trim();
    if (raw === undefined || raw === '') continue;
    if (!/^[+-]?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw new RowError(`${field} must be an integer, got '${raw}'`);
    return Number(raw);
  }
  return undefined;
}

/** A decimal number cell (estimations in days). */
export function numberCell(record: CsvRecord, column: string, field = column): number | undefined {
  const raw = record.get(column)?.trim();
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw.replace(',', '.'));
  if (!Number.isFinite(value)) throw new RowError(`${field} must be a number, got '${raw}'`);
  return value;
}

const TRUE_WORDS = new Set(['y', 'yes', 't', 'true', 'on', '1']);
const FALSE_WORDS = new Set(['n', 'no', 'f', 'false', 'off', '0']);

/** Python's strtobool, which Zou uses for boolean cells. */
export function booleanCell(value: string, field: string): boolean {
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  throw new RowError(`${field}: '${value}' is not a boolean (use true/false or yes/no)`);
}

/** People given by id, full name or email (case-insensitive), as in Zou's person lookup. */
export class PersonResolver {
  private readonly byKey = new Map<string, string>();

  constructor(people: ImportPerson[]) {
    for (const person of people) {
      for (const key of [person.id, person.full_name.toLowerCase(), person.email?.toLowerCase()]) {
        if (key && !this.byKey.has(key)) this.byKey.set(key, person.id);
      }
    }
  }

  resolve(value: string): string {
    const id = this.byKey.get(value.trim().toLowerCase());
    if (!id) throw new RowError(`Person not found for ${value.trim()}`);
    return id;
  }

  /** A comma-separated list of people (empty cell: nobody). */
  resolveList(value: string | undefined): string[] {
    if (value === undefined) return [];
    return [...new Set(value.split(',').filter((name) => name.trim() !== '').map((name) => this.resolve(name)))];
  }
}

/** Task statuses by name or short name, case-insensitively; the project's own statuses win. */
export class StatusResolver {
  private readonly byKey = new Map<string, string>();

  constructor(statuses: ImportStatus[]) {
    for (const status of statuses) {
      for (const key of [status.short_name.toLowerCase(), status.name.toLowerCase()]) if (!this.byKey.has(key)) this.byKey.set(key, status.id);
    }
  }

  resolve(value: string): string {
    const id = this.byKey.get(value.trim().toLowerCase());
    if (!id) throw new RowError(`Task status not found for ${value.trim()}`);
    return id;
  }
}

/**
 * The metadata cells of a row, by descriptor display name, keyed by field name: booleans normalised to
 * "true"/"false", people stored by id, an empty cell stored empty (Zou's "not set").
 */
export function metadataCells(record: CsvRecord, descriptors: Descriptor[], people: () => PersonResolver): Record<string, string> {
  const data: Record<string, string> = {};
  for (const descriptor of descriptors) {
    const value = record.get(descriptor.name);
    if (value === undefined) continue;
    if (value === '') data[descriptor.field_name] = value;
    else if (descriptor.data_type === 'boolean') data[descriptor.field_name] = booleanCell(value, descriptor.name) ? 'true' : 'false';
    else if (descriptor.data_type === 'person') data[descriptor.field_name] = people().resolve(value);
    else data[descriptor.field_name] = value;
  }
  return data;
}

export interface TaskCells {
  taskTypeId: string;
  statusId: string | null;
  comment: string | null;
  assignees: string[];
}

/**
 * Per task type of the project: `<Task Type>` (status name or short name), `<Task Type> comment`,
 * `<Task Type> assignations` (names, emails or ids, comma-separated). Only task types with something
 * filled are returned.
 */
export function taskCells(record: CsvRecord, taskTypes: ImportTaskType[], statuses: StatusResolver, people: () => PersonResolver): TaskCells[] {
  const updates: TaskCells[] = [];
  for (const taskType of taskTypes) {
    const status = record.get(taskType.name)?.trim();
    const comment = record.get(`${taskType.name} comment`)?.trim();
    const assignation = record.get(`${taskType.name} assignations`);
    const statusId = status ? statuses.resolve(status) : null;
    const assignees = assignation?.trim() ? people().resolveList(assignation) : [];
    if (statusId !== null || comment || assignees.length > 0) {
      updates.push({ taskTypeId: taskType.id, statusId, comment: comment || null, assignees });
    }
  }
  return updates;
}
