import { columnsOf } from './crud-columns.ts';
import type { Collection, PresentView, Row } from './crud.types.ts';

/**
 * Rows → wire objects. Only the contract schema's keys, the computed keys, the relations and the
 * single-row extras are copied (a whitelist: a column added to a table is not exposed by accident),
 * then `type` is set (§2.1) and the collection may adjust the result.
 */
export function presentRow(def: Collection, row: Row, view: PresentView): Row {
  const base: Row = {};
  const copy = (key: string) => {
    if (key in row) base[key] = row[key];
  };
  for (const column of columnsOf(def)) copy(column.name);
  for (const key of Object.keys(def.computed ?? {})) copy(key);
  for (const key of Object.keys(def.relations ?? {})) copy(key);
  for (const key of Object.keys(def.detailSelects ?? {})) copy(key);
  if (view.actor.role !== 'admin') for (const key of def.adminOnly ?? []) delete base[key];
  base.type = def.typeName;
  const presented = def.present ? def.present(base, row, view) : base;
  for (const key of def.hidden ?? []) delete presented[key];
  return presented;
}

/** `fields=a,b`: only those keys, plus `id` and `type`. */
export function pickFields(row: Row, fields: string[] | null): Row {
  if (!fields) return row;
  const out: Row = {};
  for (const key of ['id', ...fields, 'type']) if (key in row) out[key] = row[key];
  return out;
}

export function presentRows(def: Collection, rows: Row[], view: PresentView, fields: string[] | null = null): Row[] {
  return rows.map((row) => pickFields(presentRow(def, row, view), fields));
}
