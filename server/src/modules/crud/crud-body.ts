import { Type, type TSchema, type TUnsafe } from 'typebox';
import type { Collection, Row } from './crud.types.ts';

type JsonSchema = Record<string, unknown>;

const SERVER_KEYS = ['id', 'created_at', 'updated_at'];
const LINK_ITEMS = Type.Array(Type.Union([Type.String(), Type.Object({ id: Type.String() })]), {
  description: 'Ids (or {id} objects) of the rows to link; unknown ids are skipped.',
});

/**
 * Dates are validated by the service (ISO 8601 with or without zone, with Zou's message), so their
 * body schemas are plain strings; everything else keeps the contract's type, length and choices.
 */
function bodyProperty(schema: TSchema): JsonSchema {
  const { format, ...rest } = schema as JsonSchema;
  if (format === 'date' || format === 'date-time') return { ...rest, description: 'ISO 8601 date or datetime' };
  return schema as JsonSchema;
}

function properties(def: Collection, mode: 'create' | 'update'): Record<string, JsonSchema> {
  const props: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(def.schema.properties as Record<string, TSchema>)) {
    if (def.computed?.[name] || def.hidden?.includes(name)) continue;
    props[name] = SERVER_KEYS.includes(name) ? { description: 'Ignored: set by the server.' } : bodyProperty(schema);
    // The stored name is accepted on create (Zou's attribute); on update `type` is the model name Gazu echoes back.
    const column = def.columnAliases?.[name];
    if (column && mode === 'create') props[column] = props[name]!;
  }
  if (mode === 'create') for (const [name, schema] of Object.entries(def.writeOnly ?? {})) props[name] = bodyProperty(schema);
  for (const key of Object.keys(def.relations ?? {})) props[key] = LINK_ITEMS as unknown as JsonSchema;
  return props;
}

/**
 * POST body (§3.3): every column optional (the database reports missing required ones), unknown keys
 * refused — the route's `modelName` turns that into "'foo' is an invalid keyword argument for X".
 */
export function createBodySchema(def: Collection): TUnsafe<Row> {
  return Type.Unsafe<Row>({
    type: 'object',
    properties: properties(def, 'create'),
    additionalProperties: false,
    description: `A new ${def.typeName}. id, created_at and updated_at are ignored.`,
  });
}

/** PUT body (§3.5): every key optional; unknown and protected keys are ignored. */
export function updateBodySchema(def: Collection): TUnsafe<Row> {
  return Type.Unsafe<Row>({
    type: 'object',
    properties: properties(def, 'update'),
    additionalProperties: true,
    description: `Changes to a ${def.typeName}. Unknown keys and protected ones (ids, timestamps, project_id) are ignored.`,
  });
}
