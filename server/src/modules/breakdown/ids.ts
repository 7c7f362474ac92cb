import { errors } from '../../platform/errors/index.ts';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID_PATTERN.test(value);

/** A path id of a feature route: malformed ids answer 404 like unknown ones (§3.7). */
export function featureId(value: string): string {
  if (!isUuid(value)) throw errors.notFound();
  return value.toLowerCase();
}

/** Zou's boolean query args (`force`, `relations`...) are true only when they lower-case to "true". */
export const isTrueFlag = (value: unknown): boolean => typeof value === 'string' && value.toLowerCase() === 'true';
