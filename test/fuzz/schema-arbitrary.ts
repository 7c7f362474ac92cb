import fc from 'fast-check';

/**
 * fast-check arbitraries for the JSON schemas of the OpenAPI document: values that mostly fit the
 * schema (so requests reach the services and SQL behind validation) mixed with hostile ones (NUL,
 * huge numbers, wrong types, odd dates, long text), so the fuzz run meets both the boundary and what
 * lies past it.
 */

export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  additionalProperties?: boolean | JsonSchema;
}

/** Ids that exist in the seeded database, so that generated references often resolve. */
export interface KnownValues {
  ids: string[];
}

export const HOSTILE_STRINGS = [
  '\u0000',
  'name\u0000with-nul',
  '',
  ' ',
  'x'.repeat(5000),
  "'; DROP TABLE person; --",
  '../../../etc/passwd',
  '%00',
  '{bad',
  '[]',
  '__proto__',
  '\u202e\ud83c\udfac',
  '\ud800',
  'NaN',
  '-1',
  '1e309',
  '2024-02-30',
  '99999-01-01T00:00:00',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
];

export const HOSTILE_NUMBERS = [0, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e20, 1e308, -1e308, 0.5, -0.000001];

const hostileString = fc.constantFrom(...HOSTILE_STRINGS);
const hostileScalar = fc.oneof(hostileString, fc.constantFrom<unknown>(...HOSTILE_NUMBERS, true, false, null, [], {}));

function dateArbitrary(withTime: boolean): fc.Arbitrary<string> {
  const valid = fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
    .map((date) => (withTime ? date.toISOString().slice(0, 19) : date.toISOString().slice(0, 10)));
  return fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom('2024-02-30', '0000-00-00', '99999-12-31', '2024-01-01T25:61:61', 'tomorrow') });
}

function stringArbitrary(schema: JsonSchema, known: KnownValues): fc.Arbitrary<unknown> {
  switch (schema.format) {
    case 'uuid':
      return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...known.ids) }, { weight: 2, arbitrary: fc.uuid() }, { weight: 1, arbitrary: hostileString });
    case 'date':
      return dateArbitrary(false);
    case 'date-time':
      return dateArbitrary(true);
    case 'email':
      return fc.oneof(fc.emailAddress(), hostileString);
    default: {
      const max = Math.min(schema.maxLength ?? 40, 40);
      const plain = fc.string({ minLength: Math.min(schema.minLength ?? 0, max), maxLength: max });
      const idLike = known.ids.length > 0 ? fc.constantFrom(...known.ids) : plain;
      return fc.oneof({ weight: 4, arbitrary: plain }, { weight: 1, arbitrary: idLike }, { weight: 2, arbitrary: hostileString });
    }
  }
}

function typedArbitrary(type: string, schema: JsonSchema, known: KnownValues, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(schema, known);
    case 'integer':
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 500, 500) }) },
        { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
      );
    case 'number':
      return fc.oneof({ weight: 4, arbitrary: fc.double({ min: -1000, max: 1000, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) });
    case 'boolean':
      return fc.oneof({ weight: 5, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom('yes', 1, null) });
    case 'null':
      return fc.constant(null);
    case 'array':
      if (depth > 3) return fc.constant([]);
      return fc.array(schema.items ? arbitraryFor(schema.items, known, depth + 1) : hostileScalar, { maxLength: 4 });
    case 'object':
      return objectArbitrary(schema, known, depth);
    default:
      return hostileScalar;
  }
}

function objectArbitrary(schema: JsonSchema, known: KnownValues, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  if (depth > 3 || names.length === 0) return fc.oneof(fc.constant({}), fc.dictionary(fc.string({ maxLength: 8 }), hostileScalar, { maxKeys: 3 }));
  const required = new Set(schema.required ?? []);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const name of names) record[name] = arbitraryFor(properties[name]!, known, depth + 1);
  const requiredKeys = names.filter((name) => required.has(name));
  const conforming = fc.record(record, { requiredKeys });
  // Sometimes a required key missing, or a key the schema does not know.
  const broken = fc.tuple(conforming, fc.constantFrom('unknown_key', '__proto__', 'constructor', names[0]!), hostileScalar).map(([value, key, extra]) => {
    const copy = { ...(value as Record<string, unknown>) };
    if (key === names[0]) delete copy[key];
    else Object.defineProperty(copy, key, { value: extra, enumerable: true, writable: true, configurable: true });
    return copy;
  });
  return fc.oneof({ weight: 4, arbitrary: conforming }, { weight: 1, arbitrary: broken });
}

/** An arbitrary for one schema (a subset of JSON Schema: what TypeBox emits for this API). */
export function arbitraryFor(schema: JsonSchema, known: KnownValues, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.oneof({ weight: 5, arbitrary: fc.constant(schema.const) }, { weight: 1, arbitrary: hostileScalar });
  if (schema.enum) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: hostileScalar });
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches && branches.length > 0) return fc.oneof(...branches.map((branch) => arbitraryFor(branch, known, depth)));
  if (schema.allOf && schema.allOf.length > 0) return arbitraryFor(Object.assign({}, ...schema.allOf) as JsonSchema, known, depth);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length === 0) return schema.properties ? objectArbitrary(schema, known, depth) : fc.oneof(hostileScalar, fc.jsonValue({ maxDepth: 2 }));
  return fc.oneof(...types.map((type) => typedArbitrary(type, schema, known, depth)));
}
