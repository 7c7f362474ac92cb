import fc from 'fast-check';
import { arbitraryFor, HOSTILE_STRINGS, type JsonSchema, type KnownValues } from './schema-arbitrary.ts';

/** One operation of the OpenAPI document, with its schemas resolved. */
export interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  query: Array<{ name: string; schema: JsonSchema }>;
  body: JsonSchema | null;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; schema?: JsonSchema }>; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
// Reads first, then writes, deletions last: what a run deletes early cannot hide the rest from it.
const METHOD_ORDER: Record<string, number> = { GET: 0, POST: 1, PUT: 1, PATCH: 1, DELETE: 2 };

/** `$ref`s inlined (cycles cut at a few levels), so arbitraries see plain schemas. */
function resolveRefs(schema: unknown, components: Record<string, JsonSchema>, depth = 0): JsonSchema {
  if (schema === null || typeof schema !== 'object') return {};
  const ref = (schema as { $ref?: string }).$ref;
  if (ref) {
    const target = components[ref.replace('#/components/schemas/', '')];
    return depth > 6 || !target ? {} : resolveRefs(target, components, depth + 1);
  }
  const resolved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && value && typeof value === 'object') {
      resolved[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, resolveRefs(sub, components, depth + 1)]));
    } else if ((key === 'items' || key === 'additionalProperties') && value && typeof value === 'object') {
      resolved[key] = resolveRefs(value, components, depth + 1);
    } else if ((key === 'anyOf' || key === 'oneOf' || key === 'allOf') && Array.isArray(value)) {
      resolved[key] = value.map((sub) => resolveRefs(sub, components, depth + 1));
    } else resolved[key] = value;
  }
  return resolved as JsonSchema;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const components = document.components?.schemas ?? {};
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const parameters = operation.parameters ?? [];
      const json = operation.requestBody?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: resolveRefs(p.schema ?? {}, components) })),
        body: json ? resolveRefs(json, components) : null,
      });
    }
  }
  return operations.sort((a, b) => (METHOD_ORDER[a.method] ?? 1) - (METHOD_ORDER[b.method] ?? 1) || a.path.localeCompare(b.path));
}

/** Ids of the seeded rows, by the kind a path parameter names. */
export type IdPool = Record<string, string[]>;

const PARAM_KINDS: Array<[RegExp, string]> = [
  [/^(project_?id|projectId)$/i, 'project'],
  [/^(person_id|personId)$/i, 'person'],
  [/^(task_id|taskId|depends_on_task_id)$/i, 'task'],
  [/^(comment_?id|commentId|replyId)$/i, 'comment'],
  [/^(shot_id)$/, 'shot'],
  [/^(asset_id)$/, 'asset'],
  [/^(sequence_id)$/, 'sequence'],
  [/^(episode_id)$/, 'episode'],
  [/^(entity_id)$/, 'entity'],
  [/^(task_type_id|taskTypeId)$/, 'task_type'],
  [/^(asset_type_id)$/, 'entity_type'],
  [/^(status_id|task_status_id)$/, 'task_status'],
  [/^(notification_id)$/, 'notification'],
  [/^(previewFileId)$/, 'preview_file'],
  [/^(outputTypeId)$/, 'output_type'],
];

const SEGMENT_KINDS: Record<string, string> = {
  shots: 'shot', assets: 'asset', sequences: 'sequence', episodes: 'episode', entities: 'entity', scenes: 'entity',
  edits: 'entity', concepts: 'entity', 'asset-types': 'entity_type', 'entity-types': 'entity_type', persons: 'person',
  projects: 'project', tasks: 'task', comments: 'comment', 'task-types': 'task_type', 'task-status': 'task_status',
  'time-spents': 'time_spent', 'preview-files': 'preview_file', departments: 'department', notifications: 'notification',
};

function kindOfParam(path: string, name: string): string {
  for (const [pattern, kind] of PARAM_KINDS) if (pattern.test(name)) return kind;
  if (name === 'id') {
    const segment = /\/([a-z-]+)\/\{id\}/.exec(path)?.[1] ?? '';
    return SEGMENT_KINDS[segment] ?? 'any';
  }
  return 'other';
}

function paramValue(path: string, name: string, pool: IdPool): fc.Arbitrary<string> {
  if (/^(year)$/.test(name)) return fc.constantFrom('2024', '1', '99999', 'abc', '-5');
  if (/^(month|week|day)$/.test(name)) return fc.constantFrom('1', '12', '0', '13', '53', 'x');
  if (name === 'date') return fc.constantFrom('2024-01-05', '2024-02-30', 'today', '0000-00-00');
  const kind = kindOfParam(path, name);
  const known = pool[kind] ?? pool.any ?? [];
  const hostile = fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-000000000000', 'a'.repeat(400), '..%2F..%2Fetc%2Fpasswd', '%E2%80%AE', 'NaN');
  if (known.length === 0) return fc.oneof(fc.uuid(), hostile);
  return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: fc.uuid() }, { weight: 1, arbitrary: hostile });
}

// Column names that many collections filter on: the CRUD lists take any column as a filter key.
const FILTER_KEYS = ['name', 'project_id', 'priority', 'due_date', 'created_at', 'data', 'active', 'start_date', 'duration', 'page', 'limit', 'relations', 'fields', 'id'];

function queryArbitrary(operation: Operation, known: KnownValues): fc.Arbitrary<Array<[string, string]>> {
  const declared = operation.query.map(({ name, schema }) => fc.option(arbitraryFor(schema, known).map((value) => [name, asQueryText(value)] as [string, string]), { nil: undefined }));
  const extra = operation.method === 'GET'
    ? fc.array(fc.tuple(fc.constantFrom(...FILTER_KEYS), fc.oneof(fc.constantFrom(...HOSTILE_STRINGS, ...known.ids.slice(0, 5)), fc.string({ maxLength: 12 }))), { maxLength: 2 })
    : fc.constant([] as Array<[string, string]>);
  return fc.tuple(fc.tuple(...declared), extra).map(([pairs, more]) => [...pairs.filter((pair): pair is [string, string] => pair !== undefined), ...more]);
}

function asQueryText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

export function buildUrl(operation: Operation, params: Record<string, string>, query: Array<[string, string]>): string {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const value = params[name] ?? '';
    // Values already percent-encoded by the hostile set stay as they are.
    return /%[0-9A-F]{2}/i.test(value) ? value : encodeURIComponent(value);
  });
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}

/** Schema-driven requests for one operation: path ids from the pool, query and body from the schemas. */
export function requestArbitrary(operation: Operation, pool: IdPool, known: KnownValues): fc.Arbitrary<FuzzRequest> {
  const params = fc.record(Object.fromEntries(operation.pathParams.map((name) => [name, paramValue(operation.path, name, pool)])) as Record<string, fc.Arbitrary<string>>);
  const body = operation.body ? arbitraryFor(operation.body, known) : fc.constant(undefined);
  return fc.tuple(params, queryArbitrary(operation, known), body).map(([values, query, payload]): FuzzRequest => {
    const url = buildUrl(operation, values, query);
    if (payload === undefined) return { method: operation.method, url, headers: {} };
    return { method: operation.method, url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) ?? 'null' };
  });
}

/** The malformed bodies of the hardening findings (2, 3, 4), sent to every operation that takes one. */
export function hostileBodies(): Array<{ label: string; contentType: string; payload: string }> {
  return [
    { label: 'invalid JSON', contentType: 'application/json', payload: '{bad' },
    { label: 'empty', contentType: 'application/json', payload: '' },
    { label: 'NaN', contentType: 'application/json', payload: 'NaN' },
    { label: '__proto__', contentType: 'application/json', payload: '{"__proto__":{"role":"admin"},"name":"x"}' },
    { label: 'constructor.prototype', contentType: 'application/json', payload: '{"constructor":{"prototype":{"role":"admin"}}}' },
    { label: 'NUL string', contentType: 'application/json', payload: '{"name":"\\u0000","data":{"k":"\\u0000"}}' },
    { label: '10,000-deep array', contentType: 'application/json', payload: `${'['.repeat(10_000)}${']'.repeat(10_000)}` },
    { label: '2,000-deep data', contentType: 'application/json', payload: `{"data":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}` },
    { label: 'a JSON string', contentType: 'application/json', payload: '"just a string"' },
    { label: 'multipart without boundary', contentType: 'multipart/form-data', payload: 'x' },
    { label: 'text/plain', contentType: 'text/plain', payload: 'hello' },
    { label: 'truncated multipart', contentType: 'multipart/form-data; boundary=b', payload: '--b\r\nContent-Disposition: form-data; name="file"; filename="../../a.png"\r\nContent-Type: image/png\r\n\r\n\u0089PNG' },
    { label: 'multipart with a NUL field', contentType: 'multipart/form-data; boundary=b', payload: '--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nhi\u0000there\r\n--b--\r\n' },
    { label: 'JSON in another charset', contentType: 'application/json; charset=utf-16', payload: '{"name":"x"}' },
    { label: 'form-encoded', contentType: 'application/x-www-form-urlencoded', payload: 'name=%00&email=a' },
  ];
}

export const THREE_MEGABYTES = `{"name":"${'x'.repeat(3 * 1024 * 1024)}"}`;
