import { errors } from '../errors/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Feature routes answer 404 for a malformed id (§3.7), before any query could fail on the cast. */
export function uuidOr404(value: string): string {
  if (!isUuid(value)) throw errors.notFound();
  return value.toLowerCase();
}
