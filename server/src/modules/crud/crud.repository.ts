import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { writableColumn, type Column } from './crud-columns.ts';
import type { Collection, ListScope, ProjectSource, Relation, Row } from './crud.types.ts';

/**
 * SQL of the generic CRUD. Tables and columns come from collection definitions (never from the
 * request: filter keys are matched against them first), so identifiers are safe to interpolate.
 */

const ALIAS = 't';
const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);

/** The project id of a row, as an SQL expression over the row's alias. */
export function projectExpr(source: ProjectSource, alias = ALIAS): RawBuilder<unknown> {
  if ('self' in source) return ref(alias, 'id');
  if ('via' in source) {
    return sql`(SELECT v.project_id FROM ${sql.table(source.via)} v WHERE v.id = ${ref(alias, source.column)})`;
  }
  return ref(alias, source.column);
}

type ProjectScope = Exclude<ListScope, 'anyone' | 'admin' | 'not-vendor'>;

function vendorCondition(vendors: ProjectScope['vendors'], actor: Actor, alias: string): RawBuilder<boolean> {
  if (vendors === 'none') return sql<boolean>`false`;
  if (vendors === 'all') return sql<boolean>`true`;
  if ('assignedTask' in vendors) {
    return sql<boolean>`EXISTS (SELECT 1 FROM assignations a WHERE a.task_id = ${ref(alias, vendors.assignedTask)} AND a.person_id = ${actor.id})`;
  }
  return sql<boolean>`EXISTS (SELECT 1 FROM task tk JOIN assignations a ON a.task_id = tk.id
    WHERE tk.entity_id = ${ref(alias, vendors.assignedEntity)} AND a.person_id = ${actor.id})`;
}

/**
 * Rows of the open projects the caller is a team member of; where his effective role in the project
 * is vendor, only the rows the vendor rule lets through.
 */
export function memberProjectCondition(def: Collection, scope: ProjectScope, actor: Actor): RawBuilder<boolean> {
  if (!def.project) return sql<boolean>`false`;
  return sql<boolean>`EXISTS (
    SELECT 1 FROM project_person_link ppl
      JOIN project p ON p.id = ppl.project_id
      JOIN project_status ps ON ps.id = p.project_status_id
     WHERE ppl.project_id = ${projectExpr(def.project)} AND ppl.person_id = ${actor.id} AND ps.name = 'Open'
       AND (coalesce(ppl.role, ${actor.role}) <> 'vendor' OR ${vendorCondition(scope.vendors, actor, ALIAS)}))`;
}

function relationSelect(key: string, relation: Relation): RawBuilder<unknown> {
  return sql`coalesce((SELECT array_agg(l.${sql.ref(relation.other)} ORDER BY l.${sql.ref(relation.other)})::text[]
    FROM ${sql.table(relation.link)} l WHERE l.${sql.ref(relation.own)} = ${ref(ALIAS, 'id')}), '{}') AS ${sql.id(key)}`;
}

export interface SelectOptions {
  where: RawBuilder<boolean>[];
  columns: Column[];
  relations: boolean;
  /** Adds the collection's single-row extras. */
  detail?: boolean;
  order?: 'recent' | 'newest-created';
  limit?: number;
  offset?: number;
}

export function whereClause(def: Collection, where: RawBuilder<boolean>[]): RawBuilder<boolean> {
  const conditions = def.baseCondition ? [def.baseCondition(ALIAS), ...where] : where;
  return conditions.length === 0 ? sql<boolean>`true` : sql<boolean>`${sql.join(conditions, sql` AND `)}`;
}

/** `ORDER BY` of a list over an alias (empty when the list has no order). */
export function orderClause(order: SelectOptions['order'], alias = ALIAS): RawBuilder<unknown> {
  if (order === 'recent') return sql`ORDER BY ${ref(alias, 'updated_at')} DESC, ${ref(alias, 'created_at')} DESC, ${ref(alias, 'id')}`;
  if (order === 'newest-created') return sql`ORDER BY ${ref(alias, 'created_at')} DESC, ${ref(alias, 'id')}`;
  return sql``;
}

/** `WHERE … ORDER BY … LIMIT … OFFSET …` of a list over the table aliased `t`. */
export function listTail(def: Collection, options: Omit<SelectOptions, 'columns' | 'relations' | 'detail'>): RawBuilder<unknown> {
  const limit = options.limit !== undefined ? sql`LIMIT ${options.limit}` : sql``;
  const offset = options.offset ? sql`OFFSET ${options.offset}` : sql``;
  return sql`WHERE ${whereClause(def, options.where)} ${orderClause(options.order)} ${limit} ${offset}`;
}

/** Rows with their relations aggregated in the same statement (one query whatever the page size). */
export async function selectRows(db: Executor, def: Collection, options: SelectOptions): Promise<Row[]> {
  const selections: RawBuilder<unknown>[] = options.columns.map((c) => sql`${ref(ALIAS, c.column)} AS ${sql.id(c.name)}`);
  for (const [name, expr] of Object.entries(def.computed ?? {})) selections.push(sql`${expr(ALIAS)} AS ${sql.id(name)}`);
  for (const [name, expr] of Object.entries(def.extraSelects ?? {})) selections.push(sql`${expr(ALIAS)} AS ${sql.id(name)}`);
  if (options.detail) {
    for (const [name, expr] of Object.entries(def.detailSelects ?? {})) selections.push(sql`${expr(ALIAS)} AS ${sql.id(name)}`);
  }
  if (options.relations) {
    for (const [key, relation] of Object.entries(def.relations ?? {})) selections.push(relationSelect(key, relation));
  }
  const result = await sql<Row>`SELECT ${sql.join(selections)} FROM ${sql.table(def.table)} AS ${sql.table(ALIAS)}
    ${listTail(def, options)}`.execute(db);
  return result.rows;
}

export async function countRows(db: Executor, def: Collection, where: RawBuilder<boolean>[]): Promise<number> {
  const result = await sql<{ total: number }>`SELECT count(*)::int AS total FROM ${sql.table(def.table)} AS ${sql.table(ALIAS)}
    WHERE ${whereClause(def, where)}`.execute(db);
  return result.rows[0]?.total ?? 0;
}

export const idCondition = (id: string) => sql<boolean>`${ref(ALIAS, 'id')} = ${id}`;

/** The stored row, locked for the rest of the transaction (every column: internal use only). */
export async function lockRow(tx: Tx, def: Collection, id: string): Promise<Row | undefined> {
  const result = await sql<Row>`SELECT ${sql.raw(`${ALIAS}.*`)} FROM ${sql.table(def.table)} AS ${sql.table(ALIAS)}
    WHERE ${whereClause(def, [idCondition(id)])} FOR UPDATE`.execute(tx);
  return result.rows[0];
}

function valueSql(def: Collection, key: string, value: unknown): { column: string; value: RawBuilder<unknown> } {
  const column = writableColumn(def, key);
  if (!column) throw new Error(`Unknown column ${def.table}.${key}`);
  if (column.kind === 'json') {
    return { column: column.column, value: value === null || value === undefined ? sql`NULL` : sql`CAST(${JSON.stringify(value)} AS jsonb)` };
  }
  return { column: column.column, value: sql`${value ?? null}` };
}

/** Inserts a row from wire-keyed values and returns its id. */
export async function insertRow(tx: Tx, def: Collection, values: Row): Promise<string> {
  const pairs = Object.entries(values).map(([key, value]) => valueSql(def, key, value));
  const result =
    pairs.length === 0
      ? await sql<{ id: string }>`INSERT INTO ${sql.table(def.table)} DEFAULT VALUES RETURNING id`.execute(tx)
      : await sql<{ id: string }>`INSERT INTO ${sql.table(def.table)} (${sql.join(pairs.map((p) => sql.ref(p.column)))})
          VALUES (${sql.join(pairs.map((p) => p.value))}) RETURNING id`.execute(tx);
  return result.rows[0]!.id;
}

/** Updates a row from wire-keyed values; `updated_at` always moves (§2.1). */
export async function updateRow(tx: Tx, def: Collection, id: string, values: Row): Promise<void> {
  const sets = Object.entries(values).map(([key, value]) => {
    const pair = valueSql(def, key, value);
    return sql`${sql.ref(pair.column)} = ${pair.value}`;
  });
  sets.push(sql`updated_at = utc_now()`);
  await sql`UPDATE ${sql.table(def.table)} SET ${sql.join(sets)} WHERE id = ${id}`.execute(tx);
}

export async function deleteRow(tx: Tx, def: Collection, id: string): Promise<void> {
  await sql`DELETE FROM ${sql.table(def.table)} WHERE id = ${id}`.execute(tx);
}

export async function linkedIds(db: Executor, relation: Relation, id: string): Promise<string[]> {
  const result = await sql<{ other: string }>`SELECT ${sql.ref(relation.other)}::text AS other FROM ${sql.table(relation.link)}
    WHERE ${sql.ref(relation.own)} = ${id}`.execute(db);
  return result.rows.map((row) => row.other);
}

/** Links existing rows (unknown ids are skipped) and returns the ids actually linked. */
export async function insertLinks(tx: Tx, relation: Relation, id: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const result = await sql<{ other: string }>`INSERT INTO ${sql.table(relation.link)} (${sql.ref(relation.own)}, ${sql.ref(relation.other)})
    SELECT ${id}, x.id FROM ${sql.table(relation.target)} x WHERE x.id = ANY(${ids}::uuid[])
    ON CONFLICT DO NOTHING RETURNING ${sql.ref(relation.other)}::text AS other`.execute(tx);
  return result.rows.map((row) => row.other);
}

/** Makes the row's links exactly `ids` (existing ones only); returns what changed. */
export async function replaceLinks(tx: Tx, relation: Relation, id: string, ids: string[]): Promise<{ added: string[]; removed: string[] }> {
  const existing = await linkedIds(tx, relation, id);
  const removed = existing.filter((other) => !ids.includes(other));
  if (removed.length > 0) {
    await sql`DELETE FROM ${sql.table(relation.link)} WHERE ${sql.ref(relation.own)} = ${id}
      AND ${sql.ref(relation.other)} = ANY(${removed}::uuid[])`.execute(tx);
  }
  const added = await insertLinks(tx, relation, id, ids.filter((other) => !existing.includes(other)));
  return { added, removed };
}

/** The project a row belongs to, or null. */
export async function resolveProjectId(db: Executor, source: ProjectSource | undefined, object: Row): Promise<string | null> {
  if (!source) return null;
  if ('self' in source) return typeof object.id === 'string' ? object.id : null;
  const value = object[source.column];
  if (typeof value !== 'string') return null;
  if (!('via' in source)) return value;
  const result = await sql<{ project_id: string | null }>`SELECT project_id FROM ${sql.table(source.via)} WHERE id = ${value}`.execute(db);
  return result.rows[0]?.project_id ?? null;
}

export async function isVendorAssigned(db: Executor, personId: string, link: { taskId?: string; entityId?: string }): Promise<boolean> {
  if (link.taskId) {
    const r = await sql`SELECT 1 FROM assignations WHERE task_id = ${link.taskId} AND person_id = ${personId}`.execute(db);
    return r.rows.length > 0;
  }
  if (link.entityId) {
    const r = await sql`SELECT 1 FROM task t JOIN assignations a ON a.task_id = t.id
      WHERE t.entity_id = ${link.entityId} AND a.person_id = ${personId} LIMIT 1`.execute(db);
    return r.rows.length > 0;
  }
  return false;
}

export async function taskTypeDepartment(db: Executor, taskTypeId: string): Promise<string | null> {
  const result = await sql<{ department_id: string | null }>`SELECT department_id FROM task_type WHERE id = ${taskTypeId}`.execute(db);
  return result.rows[0]?.department_id ?? null;
}

