export { AppError } from './app-error.ts';
export { errors, NOT_FOUND_TEXT, FORBIDDEN_TEXT } from './catalogue.ts';
export { fromPostgresError, pgErrorCode } from './postgres-errors.ts';
