import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { jsonbObjectOf } from '../../platform/db/sql-json.ts';
import { columnsOf } from './crud-columns.ts';
import { listTail, orderClause, whereClause, type SelectOptions } from './crud.repository.ts';
import type { Collection, PresentView, Relation } from './crud.types.ts';

/**
 * Lists built as JSON text by PostgreSQL (bench op task_filter: for a 500-row page of tasks, parsing
 * the rows in the driver, copying them into wire objects and JSON.stringify cost ~16 ms of Node CPU per
 * request, more than the query). The statement returns the page as one text value the route writes as
 * is, plus the total of a paginated list in the same statement (a window count, the separate count
 * runs only for a page past the end).
 *
 * The keys are those of `presentRow` (crud-serializer.ts), and the values the driver would give:
 * the contract's `date-time` columns (the tables' `timestamp` columns) through `wire_timestamp`
 * (Zou's `YYYY-MM-DDTHH:MM:SS`), everything else through
 * PostgreSQL's own JSON (dates `YYYY-MM-DD`, float8 shortest round trip, jsonb as stored). Collections
 * with a `present` hook keep the JavaScript path; crud-json.test.ts compares both paths key by key.
 */

const PAGE = 't';
const ref = (column: string) => sql.ref(`${PAGE}.${column}`);

function relationJson(relation: Relation): RawBuilder<unknown> {
  return sql`coalesce((SELECT json_agg(l.${sql.ref(relation.other)} ORDER BY l.${sql.ref(relation.other)})
    FROM ${sql.table(relation.link)} l WHERE l.${sql.ref(relation.own)} = ${ref('id')}), '[]'::json)`;
}

/** `key, value` pairs of one wire row, over the page alias: the whitelist of presentRow, then `fields`. */
function wirePairs(def: Collection, view: PresentView, options: { relations: boolean; fields: string[] | null }) {
  const kept = (key: string) => {
    if (def.hidden?.includes(key)) return false;
    if (view.actor.role !== 'admin' && def.adminOnly?.includes(key)) return false;
    return !options.fields || key === 'id' || options.fields.includes(key);
  };
  const pairs: RawBuilder<unknown>[] = [];
  for (const column of columnsOf(def)) {
    if (!kept(column.name)) continue;
    const value = column.kind === 'datetime' ? sql`wire_timestamp(${ref(column.column)})` : ref(column.column);
    pairs.push(sql`${sql.lit(column.name)}, ${value}`);
  }
  for (const [name, expr] of Object.entries(def.computed ?? {})) if (kept(name)) pairs.push(sql`${sql.lit(name)}, ${expr(PAGE)}`);
  if (options.relations) {
    for (const [name, relation] of Object.entries(def.relations ?? {})) if (kept(name)) pairs.push(sql`${sql.lit(name)}, ${relationJson(relation)}`);
  }
  if (!def.hidden?.includes('type')) pairs.push(sql`'type', ${sql.lit(def.typeName)}::text`);
  return pairs;
}

/** One JSON object from its pairs; past 50 pairs (json_build_object takes 100 arguments) jsonb chunks joined by `||`. */
function jsonObject(pairs: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return pairs.length <= 50 ? sql`json_build_object(${sql.join(pairs)})` : jsonbObjectOf(pairs);
}

export interface JsonListOptions extends Omit<SelectOptions, 'columns' | 'detail'> {
  fields: string[] | null;
  /** Also count every matching row (paginated lists). */
  withTotal: boolean;
}

/** The rows as a JSON array text, and the number of matching rows when asked. */
export async function selectRowsJson(db: Executor, def: Collection, view: PresentView, options: JsonListOptions): Promise<{ body: string; total: number }> {
  const object = jsonObject(wirePairs(def, view, options));
  const total = options.withTotal ? sql`, count(*) OVER () AS rushes_total` : sql``;
  // The page's rows keep every column (t.*): the outer JSON and the computed keys read them by name.
  const result = await sql<{ body: string; total: number | null }>`
    WITH page AS (SELECT ${sql.raw(`${PAGE}.*`)} ${total} FROM ${sql.table(def.table)} AS ${sql.table(PAGE)} ${listTail(def, options)})
    SELECT coalesce((SELECT json_agg(${object} ${orderClause(options.order)}) FROM page AS ${sql.table(PAGE)}), '[]')::text AS body,
           ${options.withTotal
             ? sql`coalesce((SELECT max(rushes_total) FROM page),
                     (SELECT count(*) FROM ${sql.table(def.table)} AS ${sql.table(PAGE)} WHERE ${whereClause(def, options.where)}))::int`
             : sql`NULL::int`} AS total`.execute(db);
  const row = result.rows[0]!;
  return { body: row.body, total: row.total ?? 0 };
}
