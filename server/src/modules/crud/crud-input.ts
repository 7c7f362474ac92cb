import { errors } from '../../platform/errors/index.ts';
import { columnByName, hasProjectColumn, writableColumn } from './crud-columns.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import type { Collection, Row } from './crud.types.ts';

/** Keys clients may send but never choose (§3.3, §3.5). */
const SERVER_KEYS = ['id', 'created_at', 'updated_at'];

export interface WriteInput {
  /** Column values keyed by wire name. */
  values: Row;
  /** Relation key → ids to link. */
  links: Record<string, string[]>;
}

/** `null`, a missing body and `{}` are all "no data" (§3.3). */
export function isEmptyBody(body: unknown): boolean {
  return body === null || body === undefined || (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);
}

/** M2M values: arrays of ids or of `{id}` objects; anything else is skipped. */
function linkIds(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const ids = value.map((item) => (item && typeof item === 'object' ? (item as { id?: unknown }).id : item));
  return [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Validates an ISO 8601 date or datetime and returns it in the stored form (UTC, no zone). */
export function normaliseDate(key: string, value: string, kind: 'date' | 'datetime'): string | null {
  if (value === '') return null;
  const match = ISO_DATE.exec(value.trim());
  const invalid = () => errors.badRequest(`Invalid date format for '${key}': '${value}'. Expected an ISO 8601 date or datetime.`);
  if (!match) throw invalid();
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = match;
  const local = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
  const parsed = new Date(`${local}Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 19) !== local) throw invalid();
  if (kind === 'date') return local.slice(0, 10);
  if (!zone || zone.toUpperCase() === 'Z') return local;
  const withZone = new Date(`${local}${zone.length === 3 ? `${zone}:00` : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`);
  if (Number.isNaN(withZone.getTime())) throw invalid();
  return withZone.toISOString().slice(0, 19);
}

function normaliseValue(def: Collection, key: string, value: unknown): unknown {
  const column = columnByName(def, key);
  if (column && (column.kind === 'date' || column.kind === 'datetime') && typeof value === 'string') {
    return normaliseDate(key, value, column.kind);
  }
  return value;
}

/** Accepts a column under its stored name too (`type` for `notification_type`). */
function wireKey(def: Collection, key: string): string {
  for (const [wire, column] of Object.entries(def.columnAliases ?? {})) if (column === key) return wire;
  return key;
}

/** A POST body: server keys dropped; unknown keys were already refused by the route schema. */
export function readCreateBody(def: Collection, body: Row): WriteInput {
  const values: Row = {};
  const links: Record<string, string[]> = {};
  for (const [rawKey, value] of Object.entries(body)) {
    if (SERVER_KEYS.includes(rawKey)) continue;
    const key = wireKey(def, rawKey);
    if (def.relations?.[key]) {
      const ids = linkIds(value);
      if (ids) links[key] = ids;
    } else if (writableColumn(def, key)) values[key] = normaliseValue(def, key, value);
  }
  return { values, links };
}

/** A PUT body: unknown and protected keys are silently dropped (§3.5). */
export function readUpdateBody(def: Collection, body: Row): WriteInput {
  const protectedKeys = new Set([...SERVER_KEYS, ...(def.protectedOnUpdate ?? []), ...(def.hidden ?? [])]);
  if (hasProjectColumn(def)) protectedKeys.add('project_id');
  const values: Row = {};
  const links: Record<string, string[]> = {};
  for (const [rawKey, value] of Object.entries(body)) {
    const key = wireKey(def, rawKey);
    if (protectedKeys.has(key) || protectedKeys.has(rawKey) || def.computed?.[key]) continue;
    if (def.relations?.[key]) {
      const ids = linkIds(value);
      if (ids) links[key] = ids;
    } else if (columnByName(def, key)) values[key] = normaliseValue(def, key, value);
  }
  return { values, links };
}

/** The keys of `changes` whose value differs from the stored row. */
export function changedKeys(def: Collection, current: Row, changes: Row): string[] {
  return Object.keys(changes).filter((key) => {
    const column = columnByName(def, key)?.column ?? key;
    return JSON.stringify(changes[key] ?? null) !== JSON.stringify(current[column] ?? null);
  });
}
