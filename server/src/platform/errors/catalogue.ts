import { AppError } from './app-error.ts';

// Zou's standard texts (werkzeug), kept word for word because clients compare them.
const NOT_FOUND_TEXT =
  '404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.';
const FORBIDDEN_TEXT =
  "You don't have the permission to access the requested resource. It is either read-protected or not understood by the server.";
const TWO_FACTOR_SETUP_TEXT = 'Two-factor authentication setup is required. Please configure 2FA before accessing the API.';
const METHOD_NOT_ALLOWED_TEXT = '405 Method Not Allowed: The method is not allowed for the requested URL.';

/** The error catalogue: one constructor per failure, so codes, statuses and texts stay consistent. */
export const errors = {
  badRequest: (message: string, data: unknown = null) =>
    new AppError(400, 'bad_request', message, { extra: { data } }),
  validation: (fieldErrors: Array<{ field: string; message: string }>, message = 'Validation error.') =>
    new AppError(400, 'validation_error', message, { extra: { data: { errors: fieldErrors } } }),
  malformedId: () => new AppError(400, 'malformed_id', 'Malformed ID.', { extra: { data: null } }),
  emptyBody: () =>
    new AppError(
      400,
      'empty_body',
      'Data are empty. Please verify that you sent JSON data and that you set the right headers.',
    ),
  unknownField: (field: string, model: string) =>
    new AppError(400, 'unknown_field', `'${field}' is an invalid keyword argument for ${model}`),
  filterNotAllowed: (field: string) =>
    new AppError(400, 'filter_not_allowed', `Filtering on ${field} is not allowed.`),
  uniqueViolation: () =>
    new AppError(400, 'unique_violation', 'A record with the same unique values already exists.'),
  requiredMissing: () => new AppError(400, 'required_missing', 'A required field is missing.'),
  referenceConflict: () =>
    new AppError(400, 'reference_conflict', 'The change conflicts with records referencing this one.'),
  invalidFormat: () => new AppError(400, 'invalid_format', 'One of the provided values has an invalid format.'),
  unauthorized: (message = 'Missing JWT in cookies or headers') =>
    new AppError(401, 'unauthorized', message, { body: { msg: message } }),
  tokenExpired: () => new AppError(401, 'token_expired', 'Signature has expired'),
  tokenRevoked: () => new AppError(401, 'token_revoked', 'Token has been revoked', { body: { msg: 'Token has been revoked' } }),
  invalidToken: (message: string) => new AppError(422, 'invalid_token', message, { body: { msg: message } }),
  forbidden: (message = FORBIDDEN_TEXT) => new AppError(403, 'forbidden', message),
  /** A browser page of another site sent a write with the session cookies, or a login (CSRF). */
  crossSiteRequest: () =>
    new AppError(403, 'cross_site_request', 'Cross-site request refused: it comes from a page whose origin is not allowed to use this server.'),
  /** §1.5: 2FA is enforced and the caller has none yet; only the 2FA and session routes answer. */
  twoFactorSetupRequired: () =>
    new AppError(403, 'two_factor_setup_required', TWO_FACTOR_SETUP_TEXT, {
      body: { error: true, two_factor_authentication_required: true, message: TWO_FACTOR_SETUP_TEXT },
    }),
  notFound: (message = NOT_FOUND_TEXT) => new AppError(404, 'not_found', message),
  methodNotAllowed: () => new AppError(405, 'method_not_allowed', METHOD_NOT_ALLOWED_TEXT),
  conflict: (message: string, extra: Record<string, unknown> = {}) =>
    new AppError(409, 'conflict', message, { extra }),
  payloadTooLarge: (limit: number) =>
    new AppError(413, 'payload_too_large', `Request body is larger than the ${limit} bytes allowed.`),
  unsupportedMediaType: (message = 'Unsupported content type.') =>
    new AppError(415, 'unsupported_media_type', message),
  unprocessable: (message: string, extra: Record<string, unknown> = {}) =>
    new AppError(422, 'unprocessable', message, { extra }),
  tooManyRequests: (retryAfterSeconds: number, body: Record<string, unknown>) =>
    new AppError(429, 'too_many_requests', 'Too many requests.', {
      body,
      headers: { 'retry-after': String(retryAfterSeconds) },
    }),
  internal: () => new AppError(500, 'internal', 'Internal server error.'),
} as const;

export { NOT_FOUND_TEXT, FORBIDDEN_TEXT };
