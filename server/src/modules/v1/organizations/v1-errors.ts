import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors/index.ts';
import { sendError, toAppError } from '../../../platform/http/error-handler.ts';

/**
 * Errors of the /api/v1 routes (organizations, subjects, shot types, background presets, media, set
 * designs). They mirror a FastAPI service (seed 003), so failures answer `{detail: "..."}` and schema
 * validation answers 422 `{detail: [{loc, msg, type, input}]}` instead of the Zou shapes used elsewhere.
 */
const detailError = (status: number, code: string, detail: string) => new AppError(status, code, detail, { body: { detail } });

export const v1Errors = {
  notFound: (what: string) => detailError(404, 'not_found', `${what} not found`),
  forbidden: (detail = 'Not enough permissions') => detailError(403, 'forbidden', detail),
  badRequest: (detail: string) => detailError(400, 'bad_request', detail),
  conflict: (detail: string) => detailError(409, 'conflict', detail),
  payloadTooLarge: (detail: string) => detailError(413, 'payload_too_large', detail),
  /** A well-formed request the service cannot act on (an image URL that does not give an image). */
  unprocessable: (detail: string) => detailError(422, 'unprocessable', detail),
  /** A 422 in the validation shape, for checks the schema cannot express. */
  invalidField: (loc: Array<string | number>, msg: string, type = 'value_error') =>
    new AppError(422, 'validation_error', msg, { body: { detail: [{ loc, msg, type }] } }),
};

interface AjvIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

const LOCATION: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

const TYPE_MESSAGES: Record<string, [string, string]> = {
  string: ['string_type', 'Input should be a valid string'],
  integer: ['int_parsing', 'Input should be a valid integer, unable to parse string as an integer'],
  number: ['float_parsing', 'Input should be a valid number, unable to parse string as a number'],
  boolean: ['bool_parsing', 'Input should be a valid boolean, unable to interpret input'],
  array: ['list_type', 'Input should be a valid list'],
  object: ['model_attributes_type', 'Input should be a valid dictionary or object to extract fields from'],
};

/** Pydantic's wording for one Ajv issue: `[type, msg]`. */
function describe(issue: AjvIssue): [string, string] {
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return ['missing', 'Field required'];
    case 'format':
      return p.format === 'uuid'
        ? ['uuid_parsing', 'Input should be a valid UUID']
        : [`${String(p.format)}_parsing`, `Input should be a valid ${String(p.format)}`];
    case 'type':
      return TYPE_MESSAGES[String(p.type)] ?? ['type_error', issue.message ?? 'Input has the wrong type'];
    case 'maxLength':
      return ['string_too_long', `String should have at most ${String(p.limit)} characters`];
    case 'minLength':
      return ['string_too_short', `String should have at least ${String(p.limit)} characters`];
    case 'minimum':
      return ['greater_than_equal', `Input should be greater than or equal to ${String(p.limit)}`];
    case 'maximum':
      return ['less_than_equal', `Input should be less than or equal to ${String(p.limit)}`];
    case 'pattern':
      return ['string_pattern_mismatch', `String should match pattern '${String(p.pattern)}'`];
    case 'const':
    case 'enum':
      return ['enum', `Input should be ${JSON.stringify(p.allowedValue ?? p.allowedValues)}`];
    default:
      return ['value_error', issue.message ?? 'Invalid value'];
  }
}

function valueAt(root: unknown, segments: string[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/**
 * Ajv's issues as FastAPI's `detail` list. A union (`anyOf`) reports every branch's failure; the
 * branch that explains most is the one that failed deepest, not "must be null".
 */
export function validationDetail(error: FastifyError, request: FastifyRequest): Array<Record<string, unknown>> {
  const context = error.validationContext ?? 'body';
  const location = LOCATION[context] ?? context;
  const issues = ((error.validation ?? []) as AjvIssue[]).filter(
    (issue) => issue.keyword !== 'anyOf' && !(issue.keyword === 'type' && issue.params.type === 'null'),
  );
  const issue = issues.sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ?? (error.validation?.[0] as AjvIssue | undefined);
  const data = (request as unknown as Record<string, unknown>)[context];
  if (!issue) return [{ loc: [location], msg: error.message, type: 'value_error' }];
  const segments = issue.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (issue.keyword === 'required') segments.push(String(issue.params.missingProperty));
  const input = issue.keyword === 'required' ? valueAt(data, segments.slice(0, -1)) : valueAt(data, segments);
  const [type, msg] = data === undefined && context === 'body' ? ['missing', 'Field required'] : describe(issue);
  const loc = [location, ...segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s))];
  return [{ type, loc, msg, input: input ?? null }];
}

/**
 * Gives an encapsulated /api/v1 plugin FastAPI-style error bodies. Call at the top of the plugin: it
 * covers that plugin's routes (and the authentication hook's failures on them) and no others.
 */
export function useV1ErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.validation) {
      sendError(reply, 422, { detail: validationDetail(error, request) });
      return;
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error instanceof SyntaxError && error.statusCode === 400)) {
      sendError(reply, 422, { detail: [{ type: 'json_invalid', loc: ['body'], msg: 'JSON decode error', input: {} }] });
      return;
    }
    const appError = toAppError(error, request, app);
    const body = appError.body && 'detail' in appError.body ? appError.body : { detail: appError.message };
    sendError(reply, appError.status, body, appError.headers);
  });
}
