import { Type, type Static, type TObject, type TSchema, type TUnsafe } from 'typebox';

/**
 * Column builders for model row schemas. Rows are plain JSON (Zou wire format): ids are UUID strings,
 * datetimes `YYYY-MM-DDTHH:MM:SS` (UTC, no zone), dates `YYYY-MM-DD`, JSON columns pass through.
 * Nullable columns use a JSON-schema type array (`["string", "null"]`) rather than `anyOf`, so that
 * request validation with type coercion never turns a null into "" or 0.
 */

export const Uuid = () => Type.String({ format: 'uuid' });
export const DateTime = () => Type.String({ format: 'date-time', description: 'UTC, YYYY-MM-DDTHH:MM:SS' });
export const DateOnly = () => Type.String({ format: 'date', description: 'YYYY-MM-DD' });
/** A JSONB column: any JSON value, null included. */
export const Json = (description = 'JSON') => Type.Unknown({ description });

export function Choice<const Values extends readonly string[]>(values: Values): TUnsafe<Values[number]> {
  return Type.Unsafe<Values[number]>({ type: 'string', enum: [...values] });
}

export function Nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const { type, enum: values, ...rest } = schema as TSchema & { type?: string; enum?: unknown[] };
  return Type.Unsafe<Static<T> | null>({
    ...rest,
    type: [type, 'null'],
    ...(values ? { enum: [...values, null] } : {}),
  });
}

/**
 * The column names of a model row, in declaration order: the whitelist of presenters and queries
 * that serialise the row, so that a column added to the model is selected and sent everywhere.
 */
export function columnsOf<Row extends TObject>(row: Row): ReadonlyArray<keyof Static<Row> & string> {
  return Object.keys(row.properties) as Array<keyof Static<Row> & string>;
}
