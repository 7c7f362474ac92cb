import { sql, type RawBuilder } from 'kysely';
import type { TObject, TSchema } from 'typebox';
import * as Rows from '../../../../packages/contracts/src/rows.schema.ts';
import { TEMPORAL_KINDS } from '../breakdown/entity-kind.ts';
import { jsonbObjectOf } from '../../platform/db/sql-json.ts';

/**
 * Whitelisted columns of the rows the user views return — the serialised model rows of
 * packages/contracts (rows.schema.ts) — and SQL builders that select them, as columns (the driver
 * formats timestamps) or as a JSON object (timestamps through `wire_timestamp`). A column is exposed
 * when it is added to its model row.
 */
export interface WireColumns {
  plain: readonly string[];
  timestamps: readonly string[];
}

const isTimestamp = (schema: TSchema) => (schema as { format?: string }).format === 'date-time';

/** A serialised row's columns (Zou's `type` aside), the `date-time` ones as timestamps. */
function wireColumns(row: TObject): WireColumns {
  const columns = Object.entries(row.properties as Record<string, TSchema>).filter(([name]) => name !== 'type');
  return {
    plain: columns.filter(([, schema]) => !isTimestamp(schema)).map(([name]) => name),
    timestamps: columns.filter(([, schema]) => isTimestamp(schema)).map(([name]) => name),
  };
}

export const TASK_COLUMNS = wireColumns(Rows.TaskRow);
export const ENTITY_COLUMNS = wireColumns(Rows.EntityRow);
export const TASK_TYPE_COLUMNS = wireColumns(Rows.TaskTypeRow);
export const TASK_STATUS_COLUMNS = wireColumns(Rows.TaskStatusRow);
export const ASSET_TYPE_COLUMNS = wireColumns(Rows.AssetTypeRow);
export const PROJECT_COLUMNS = wireColumns(Rows.ProjectRow);
export const PROJECT_STATUS_COLUMNS = wireColumns(Rows.ProjectStatusRow);
export const DEPARTMENT_COLUMNS = wireColumns(Rows.DepartmentRow);
export const STUDIO_COLUMNS = wireColumns(Rows.StudioRow);

const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);

/** `alias.col1, alias.col2, …` — timestamps come back formatted by the driver. */
export function selectColumns(alias: string, columns: WireColumns): RawBuilder<unknown> {
  return sql.join([...columns.plain, ...columns.timestamps].map((column) => ref(alias, column)));
}

/** `jsonb_build_object(...)` of the whitelisted columns plus `type` (platform/db/sql-json.ts chunks it). */
export function jsonObject(alias: string, columns: WireColumns, type?: string): RawBuilder<Record<string, unknown>> {
  const pairs: RawBuilder<unknown>[] = [
    ...columns.plain.map((column) => sql`${sql.lit(column)}, ${ref(alias, column)}`),
    ...columns.timestamps.map((column) => sql`${sql.lit(column)}, wire_timestamp(${ref(alias, column)})`),
    ...(type ? [sql`'type', ${sql.lit(type)}::text`] : []),
  ];
  return jsonbObjectOf(pairs);
}

/** Zou's `type` of an entity row: the temporal kind's own name, else "Asset". */
export function entityTypeLabel(entityTypeAlias: string): RawBuilder<string> {
  const kinds = sql.join(TEMPORAL_KINDS.map((kind) => sql.lit(kind)));
  const name = ref(entityTypeAlias, 'name');
  return sql<string>`(CASE WHEN ${name} IN (${kinds}) THEN ${name} ELSE 'Asset' END)`;
}
