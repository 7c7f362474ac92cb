import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/errors/index.ts';
import { columnByName, type Column } from './crud-columns.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { parseFilterJson, parseFilterScalar } from './crud-filter-values.ts';
import type { Collection, Relation } from './crud.types.ts';

/** A parsed `GET data/<collection>` query string (§3.2). */
export interface ListQuery {
  where: RawBuilder<boolean>[];
  relations: boolean;
  /** `fields=a,b`: keep only these keys (plus id and type). */
  fields: string[] | null;
  /** Paginated mode when set (`page=n`). */
  page: number | null;
  limit: number;
}

export const DEFAULT_PAGE_SIZE = 100;
/** Bounds of `page` and `limit`: the offset they make must stay a number PostgreSQL takes. */
export const MAX_PAGE = 2_147_483_647;
export const MAX_PAGE_SIZE = 100_000;
const RESERVED = new Set(['page', 'limit', 'relations', 'fields']);
const TRUE_VALUES = new Set(['y', 'yes', 't', 'true', 'on', '1']);
const FALSE_VALUES = new Set(['n', 'no', 'f', 'false', 'off', '0']);

/** Repeated keys are not merged: the first value wins (§8.3). */
function firstValue(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : first === undefined ? undefined : String(first);
}

function parseBoundedInteger(name: string, raw: string | undefined, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\s*-?\d+\s*$/.test(raw)) throw errors.badRequest(`${name} must be an integer.`);
  const value = Number.parseInt(raw, 10);
  if (value > max) throw errors.badRequest(`${name} must be at most ${max}.`);
  return value;
}

export function parseBoolean(raw: string): boolean {
  const lower = raw.trim().toLowerCase();
  if (TRUE_VALUES.has(lower)) return true;
  if (FALSE_VALUES.has(lower)) return false;
  throw errors.badRequest(`Invalid boolean value: ${raw}`);
}

/** Zou's boolean query options (`relations`, `force`): true only when the value lower-cases to "true". */
export const isTrueOption = (value: unknown) => firstValue(value)?.toLowerCase() === 'true';

/** One filter value: a JSON array (`["a","b"]`) becomes a list, anything else a single value. */
function filterValues(key: string, raw: string): { list: boolean; values: unknown[] } {
  if (!raw.startsWith('[')) return { list: false, values: [raw] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw errors.badRequest(`Malformed list filter for field ${key}.`);
  }
  if (!Array.isArray(parsed)) throw errors.badRequest(`Malformed list filter for field ${key}.`);
  return { list: true, values: parsed };
}

function castValue(column: Column, value: unknown): RawBuilder<unknown> {
  if (value === null) return sql`NULL`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  switch (column.kind) {
    case 'boolean':
      return sql`${typeof value === 'boolean' ? value : parseBoolean(text)}`;
    case 'uuid':
      if (!isUuid(text)) throw errors.badRequest(`Invalid UUID value: ${text}`);
      return sql`${text}`;
    case 'json':
      return sql`CAST(${parseFilterJson(column.name, text)} AS jsonb)`;
    default:
      // Parsed by the column's kind here, so PostgreSQL never sees a value it would refuse.
      return sql`${parseFilterScalar(column, text)}`;
  }
}

function columnCondition(column: Column, list: boolean, values: unknown[]): RawBuilder<boolean> {
  const target = sql.ref(`t.${column.column}`);
  if (list) {
    const present = values.filter((v) => v !== null);
    const conditions: RawBuilder<boolean>[] = [];
    if (present.length > 0) conditions.push(sql<boolean>`${target} IN (${sql.join(present.map((v) => castValue(column, v)))})`);
    if (present.length < values.length) conditions.push(sql<boolean>`${target} IS NULL`);
    return conditions.length === 0 ? sql<boolean>`false` : sql<boolean>`(${sql.join(conditions, sql` OR `)})`;
  }
  // `name` is a case-insensitive LIKE: % and _ act as wildcards (Zou).
  if (column.name === 'name' && column.kind === 'string') return sql<boolean>`${target} ILIKE ${String(values[0])}`;
  return sql<boolean>`${target} = ${castValue(column, values[0])}`;
}

function relationCondition(relation: Relation, values: unknown[]): RawBuilder<boolean> {
  const ids = values.map((value) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (!isUuid(text)) throw errors.badRequest(`Invalid UUID value: ${text}`);
    return text;
  });
  return sql<boolean>`EXISTS (SELECT 1 FROM ${sql.table(relation.link)} l
    WHERE l.${sql.ref(relation.own)} = t.id AND l.${sql.ref(relation.other)} = ANY(${ids}::uuid[]))`;
}

/** The keys a caller may not filter on: hidden columns, admin-only ones, and the non-admin whitelist. */
function assertFilterable(def: Collection, actor: Actor, key: string, known: boolean): void {
  const admin = actor.role === 'admin';
  if (def.hidden?.includes(key) || (!admin && def.adminOnly?.includes(key))) throw errors.filterNotAllowed(key);
  if (known && !admin && def.nonAdminFilterable && !def.nonAdminFilterable.includes(key)) throw errors.filterNotAllowed(key);
}

/** Turns the query string into SQL conditions and list options; unknown keys are ignored. */
export function parseListQuery(def: Collection, actor: Actor, query: Record<string, unknown>): ListQuery {
  const where: RawBuilder<boolean>[] = [];
  for (const [key, rawValue] of Object.entries(query)) {
    if (RESERVED.has(key)) continue;
    const raw = firstValue(rawValue);
    const column = columnByName(def, key);
    const relation = def.relations?.[key];
    const computed = def.computed?.[key];
    assertFilterable(def, actor, key, Boolean(column || relation || computed));
    if (raw === undefined || !(column || relation || computed)) continue;
    const { list, values } = filterValues(key, raw);
    if (relation) where.push(relationCondition(relation, values));
    else if (computed) {
      const expr = computed('t');
      where.push(list ? sql<boolean>`${expr} IN (${sql.join(values.map((v) => String(v)))})` : sql<boolean>`${expr} ILIKE ${raw}`);
    } else if (column) where.push(columnCondition(column, list, values));
  }
  const fieldsRaw = firstValue(query.fields);
  return {
    where,
    relations: isTrueOption(query.relations),
    fields: fieldsRaw ? fieldsRaw.split(',').map((f) => f.trim()).filter(Boolean) : null,
    page: parseBoundedInteger('page', firstValue(query.page), MAX_PAGE) ?? null,
    limit: Math.max(1, parseBoundedInteger('limit', firstValue(query.limit), MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE),
  };
}
