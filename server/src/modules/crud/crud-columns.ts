import type { Collection, ColumnKind } from './crud.types.ts';

export interface Column {
  /** Key on the wire. */
  name: string;
  /** Column in the table (differs for `notification_type`). */
  column: string;
  kind: ColumnKind;
  nullable: boolean;
}

interface JsonSchemaLike {
  type?: string | string[];
  format?: string;
}

function kindOf(schema: JsonSchemaLike): ColumnKind {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const type = types.find((t) => t !== 'null');
  if (type === undefined) return 'json';
  if (type === 'string') {
    if (schema.format === 'uuid') return 'uuid';
    if (schema.format === 'date') return 'date';
    if (schema.format === 'date-time') return 'datetime';
    return 'string';
  }
  if (type === 'integer' || type === 'number' || type === 'boolean') return type;
  return 'json';
}

const cache = new WeakMap<Collection, Column[]>();

/** The stored columns of a collection, read from its contract schema (computed keys excluded). */
export function columnsOf(def: Collection): Column[] {
  const known = cache.get(def);
  if (known) return known;
  const columns = Object.entries(def.schema.properties as Record<string, JsonSchemaLike>)
    .filter(([name]) => !def.computed?.[name])
    .map(([name, schema]) => {
      const types = Array.isArray(schema.type) ? schema.type : [];
      return {
        name,
        column: def.columnAliases?.[name] ?? name,
        kind: kindOf(schema),
        nullable: types.includes('null') || kindOf(schema) === 'json',
      };
    });
  cache.set(def, columns);
  return columns;
}

export function columnByName(def: Collection, name: string): Column | undefined {
  return columnsOf(def).find((column) => column.name === name);
}

/** A column a write may set: a readable column or a write-only one (password). */
export function writableColumn(def: Collection, name: string): Column | undefined {
  const column = columnByName(def, name);
  if (column) return column;
  const schema = def.writeOnly?.[name] as JsonSchemaLike | undefined;
  return schema ? { name, column: name, kind: kindOf(schema), nullable: true } : undefined;
}

/** Whether the table has a project_id column (immutable through PUT on every model, §8.9). */
export const hasProjectColumn = (def: Collection) => columnsOf(def).some((column) => column.column === 'project_id');

