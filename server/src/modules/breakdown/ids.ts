import { uuidOr404 } from '../../platform/http/uuid.ts';

/** A path id of a feature route: malformed ids answer 404 like unknown ones (§3.7). */
export const featureId = uuidOr404;

/** Zou's boolean query args (`force`, `relations`...) are true only when they lower-case to "true". */
export const isTrueFlag = (value: unknown): boolean => typeof value === 'string' && value.toLowerCase() === 'true';
