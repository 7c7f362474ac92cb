import { AppError } from './app-error.ts';
import { errors } from './catalogue.ts';

interface PgLikeError {
  code?: string;
  constraint?: string;
}

function isPgError(error: unknown): error is PgLikeError & Error {
  return error instanceof Error && typeof (error as PgLikeError).code === 'string' && /^[0-9A-Z]{5}$/.test((error as PgLikeError).code ?? '');
}

/**
 * Turns PostgreSQL constraint violations into domain errors in one place (the texts Zou's CRUD uses),
 * so that services can lean on constraints instead of racy read-then-write checks.
 * Returns undefined for errors that are not constraint violations.
 */
export function fromPostgresError(error: unknown): AppError | undefined {
  if (!isPgError(error)) return undefined;
  switch (error.code) {
    case '23505':
      return errors.uniqueViolation();
    case '23502':
      return errors.requiredMissing();
    case '23503':
      return errors.referenceConflict();
    case '23514': // check violation
    case '22P02': // invalid text representation
    case '22007': // invalid datetime format
    case '22008': // datetime field overflow
    case '22003': // numeric out of range
    case '22001': // string too long
    case '22021': // character not in repertoire (a NUL byte that got past the input boundary)
    case '22P05': // untranslatable character
    case '2201X': // invalid row count in result offset clause
    case '2201W': // invalid row count in limit clause
      return errors.invalidFormat();
    default:
      return undefined;
  }
}

export function pgErrorCode(error: unknown): string | undefined {
  return isPgError(error) ? error.code : undefined;
}
