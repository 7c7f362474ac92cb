import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { errors } from '../../platform/errors/index.ts';
import { isUuid } from '../../platform/http/uuid.ts';

/**
 * Query-string filters of the entity list routes (§3.2, §8.3): every key naming a filterable entity
 * column becomes a criterion, other keys are ignored (Zou's behaviour). `name` is a case-insensitive
 * LIKE, a value starting with `[` is a JSON list (IN), other values are cast to the column type and
 * refused with a 400 when they do not fit it.
 */

type ColumnKind = 'uuid' | 'text' | 'bool' | 'int';

const FILTERABLE: Record<string, ColumnKind> = {
  id: 'uuid', project_id: 'uuid', entity_type_id: 'uuid', parent_id: 'uuid', source_id: 'uuid',
  preview_file_id: 'uuid', ready_for: 'uuid', created_by: 'uuid',
  name: 'text', code: 'text', description: 'text', status: 'text',
  canceled: 'bool', is_casting_standby: 'bool', is_shared: 'bool',
  nb_frames: 'int', nb_entities_out: 'int', shotgun_id: 'int',
};

const PG_TYPE: Record<ColumnKind, string> = { uuid: 'uuid', text: 'text', bool: 'boolean', int: 'integer' };
const TRUE_WORDS = ['y', 'yes', 't', 'true', 'on', '1'];
const FALSE_WORDS = ['n', 'no', 'f', 'false', 'off', '0'];

export interface Criterion {
  column: string;
  kind: ColumnKind;
  /** One value (equality / ILIKE) or a list (IN). */
  value: string | boolean | number | Array<string | boolean | number>;
}

/** A query string as Fastify parses it: repeated keys become arrays, Zou keeps the first value. */
export type RawQuery = Record<string, unknown>;

export function firstValue(query: RawQuery, key: string): string | undefined {
  const value = query[key];
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' ? first : undefined;
}

function castValue(kind: ColumnKind, raw: unknown): string | boolean | number {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  switch (kind) {
    case 'uuid':
      if (!isUuid(text)) throw errors.badRequest(`Invalid UUID value: ${text}`);
      return text.toLowerCase();
    case 'bool': {
      const lower = text.toLowerCase();
      if (TRUE_WORDS.includes(lower)) return true;
      if (FALSE_WORDS.includes(lower)) return false;
      throw errors.badRequest(`Invalid boolean value: ${text}`);
    }
    case 'int':
      if (!/^-?\d+$/.test(text)) {
        throw errors.badRequest(`One of the value of the filter has not the proper format: ${text}`);
      }
      return Number(text);
    default:
      return text;
  }
}

/** Parses the filterable keys of a query string; `skip` names keys a route handles itself. */
export function parseEntityCriteria(query: RawQuery, skip: readonly string[] = []): Criterion[] {
  const criteria: Criterion[] = [];
  for (const key of Object.keys(query)) {
    const kind = FILTERABLE[key];
    const raw = firstValue(query, key);
    if (!kind || skip.includes(key) || raw === undefined) continue;
    if (raw.startsWith('[')) {
      let list: unknown;
      try {
        list = JSON.parse(raw);
      } catch {
        throw errors.badRequest(`Malformed list filter for field ${key}.`);
      }
      if (!Array.isArray(list)) throw errors.badRequest(`Malformed list filter for field ${key}.`);
      criteria.push({ column: key, kind, value: list.map((item) => castValue(kind, item)) });
    } else {
      criteria.push({ column: key, kind, value: castValue(kind, raw) });
    }
  }
  return criteria;
}

/** The SQL condition of one criterion on the `e` (entity) alias. Columns come from the whitelist. */
export function criterionSql(criterion: Criterion): RawBuilder<SqlBool> {
  const column = sql.ref(`e.${criterion.column}`);
  if (Array.isArray(criterion.value)) {
    return sql<SqlBool>`${column} = ANY(${criterion.value}::${sql.raw(PG_TYPE[criterion.kind])}[])`;
  }
  if (criterion.column === 'name') return sql<SqlBool>`${column} ILIKE ${criterion.value}`;
  return sql<SqlBool>`${column} = ${criterion.value}::${sql.raw(PG_TYPE[criterion.kind])}`;
}

/** The criterion's single uuid value for `column`, when there is exactly one. */
export function criterionId(criteria: Criterion[], column: string): string | undefined {
  const found = criteria.find((criterion) => criterion.column === column);
  return found && typeof found.value === 'string' ? found.value : undefined;
}
