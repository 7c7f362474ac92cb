/**
 * Reading ShotGrid records as the ShotGrid API returns them (`sg.find(...)` dictionaries): `id`,
 * `code`, `name`, `description`, linked entities as `{type, id, name}`, multi-entity fields as lists
 * of those, custom fields prefixed `sg_`, colors as "r,g,b" strings.
 */

export type SgRecord = Record<string, unknown>;

/** A record that cannot be imported, with the reason stored in `data_import_error`. */
export class SgEntryError extends Error {}

export interface SgLink {
  type: string | null;
  id: number;
  name: string | null;
}

const MAX_INT = 2_147_483_647;

export function isRecord(value: unknown): value is SgRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A ShotGrid id: a positive integer that fits the `shotgun_id` integer columns. */
export function sgIdOf(value: unknown, what = 'id'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > MAX_INT) {
    throw new SgEntryError(`${what} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function textOf(record: SgRecord, key: string, options: { required?: boolean; max?: number } = {}): string | null {
  const value = record[key];
  if (value === null || value === undefined || value === '') {
    if (options.required) throw new SgEntryError(`${key} is required`);
    return null;
  }
  if (typeof value !== 'string' && typeof value !== 'number') throw new SgEntryError(`${key} must be text, got ${JSON.stringify(value)}`);
  const text = String(value);
  if (options.max !== undefined && text.length > options.max) throw new SgEntryError(`${key} is longer than ${options.max} characters`);
  return text;
}

export function numberOf(record: SgRecord, key: string): number | null {
  const value = record[key];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new SgEntryError(`${key} must be a number, got ${JSON.stringify(value)}`);
  return value;
}

/** A single-entity field (`project`, `entity`, `step`...), or null when empty. */
export function linkOf(record: SgRecord, key: string): SgLink | null {
  const value = record[key];
  if (value === null || value === undefined) return null;
  if (!isRecord(value)) throw new SgEntryError(`${key} must be a linked entity {type, id}, got ${JSON.stringify(value)}`);
  return { type: typeof value.type === 'string' ? value.type : null, id: sgIdOf(value.id, `${key}.id`), name: typeof value.name === 'string' ? value.name : null };
}

/** A multi-entity field (`task_assignees`, `assets`, `tasks`...); absent means empty. */
export function linksOf(record: SgRecord, key: string): SgLink[] {
  const value = record[key];
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new SgEntryError(`${key} must be a list of linked entities`);
  return value.map((item, index) => {
    if (!isRecord(item)) throw new SgEntryError(`${key}[${index}] must be a linked entity {type, id}`);
    return { type: typeof item.type === 'string' ? item.type : null, id: sgIdOf(item.id, `${key}[${index}].id`), name: typeof item.name === 'string' ? item.name : null };
  });
}

/** ShotGrid's "r,g,b" colors as `#rrggbb` (Zou's rgb_to_hex); black when missing or malformed. */
export function rgbToHex(value: unknown): string {
  const parts = typeof value === 'string' ? value.split(',').map((part) => Number(part.trim())) : [];
  if (parts.length !== 3 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) return '#000000';
  return `#${parts.map((part) => part.toString(16).padStart(2, '0')).join('')}`;
}

/** Custom fields (`sg_*`) with a value, minus the ones a kind maps to columns — kept in `data`. */
export function customData(record: SgRecord, mapped: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key, value]) => key.startsWith('sg_') && !mapped.includes(key) && value !== null && value !== undefined));
}

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS` (ShotGrid dates and datetimes) as a timestamp text, or null. */
export function dateOf(record: SgRecord, key: string): string | null {
  const value = record[key];
  if (value === null || value === undefined || value === '') return null;
  const match = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}:\d{2}))?/.exec(value) : null;
  if (!match || Number.isNaN(Date.parse(`${match[1]}T00:00:00Z`))) throw new SgEntryError(`${key} must be a date, got ${JSON.stringify(value)}`);
  return `${match[1]}T${match[2] ?? '00:00:00'}`;
}
