import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errors, fromPostgresError } from '../errors/index.ts';

interface AjvIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

function fieldOf(issue: AjvIssue): string {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (issue.keyword === 'required') return [path, String(issue.params.missingProperty)].filter(Boolean).join('.');
  if (issue.keyword === 'additionalProperties') return String(issue.params.additionalProperty);
  return path;
}

/** Schema validation failures, in Zou's Pydantic shape: 400 with `data.errors = [{field, message}]`. */
function fromValidation(error: FastifyError, request: FastifyRequest): AppError {
  const issues = (error.validation ?? []) as AjvIssue[];
  const unknown = issues.find((issue) => issue.keyword === 'additionalProperties');
  const modelName = request.routeOptions.config?.modelName;
  if (unknown && modelName && error.validationContext === 'body') {
    return errors.unknownField(String(unknown.params.additionalProperty), modelName);
  }
  const fieldErrors = issues.map((issue) => ({ field: fieldOf(issue), message: issue.message ?? 'is invalid' }));
  const first = fieldErrors[0];
  const message = first ? `Validation error: ${first.field || error.validationContext} ${first.message}.` : 'Validation error.';
  return errors.validation(fieldErrors, message);
}

const MULTIPART_STREAM_ERROR = /^(?:Unexpected end of (?:multipart data|form)|Malformed part header|Part terminated early|Multipart: Boundary not found)/;

/** Maps anything thrown by a route to an AppError; unknown failures become a logged 500. */
export function toAppError(error: FastifyError, request: FastifyRequest, app: FastifyInstance): AppError {
  if (error instanceof AppError) return error;
  const fromPg = fromPostgresError(error);
  if (fromPg) return fromPg;
  if (error.validation) return fromValidation(error, request);
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errors.payloadTooLarge(app.deps.config.bodyLimit);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return errors.unsupportedMediaType('Unsupported content type: send JSON with Content-Type: application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return errors.emptyBody();
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return errors.badRequest('The request body is not valid JSON.');
  }
  if (error instanceof SyntaxError && error.statusCode === 400) return errors.badRequest('The request body is not valid JSON.');
  // The multipart reader (busboy) fails a truncated or garbled body with plain errors, mid-stream.
  if (MULTIPART_STREAM_ERROR.test(error.message)) return errors.badRequest('The multipart body is malformed or ends too early.');
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError(error.statusCode, 'http_error', error.message);
  }
  request.log.error({ err: error, reqId: request.id }, 'unhandled error');
  return errors.internal();
}

const serializeError = (body: unknown) => JSON.stringify(body);

/**
 * Writes an error body. It is serialised as plain JSON rather than through the route's response
 * schema: an error shape a route did not declare must still reach the client, never become Fastify's
 * own 500 "failed error serialization".
 */
export function sendError(reply: FastifyReply, status: number, body: unknown, headers: Record<string, string> = {}): void {
  void reply
    .status(status)
    .headers(headers)
    .type('application/json; charset=utf-8')
    .serializer(serializeError)
    .send(body);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error, request, app);
    sendError(reply, appError.status, appError.toBody(), appError.headers);
  });
}

/**
 * Error bodies for FastAPI-style routes (the studio endpoints of seeds 000/001): every failure, from
 * the input boundary to the database, answers `{detail, error, message}`. Scoped to the calling plugin.
 */
export function useDetailErrorBodies(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error, request, app);
    const body = appError.toBody();
    const withDetail = 'detail' in body ? body : { detail: appError.message, ...body, error: true, message: appError.message };
    sendError(reply, appError.status, withDetail, appError.headers);
  });
}
