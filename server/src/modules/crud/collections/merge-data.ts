import type { Row } from '../crud.types.ts';

const isObject = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `data` given on PUT is merged into the stored object, one level deep (entities and tasks, §3.5). */
export function mergeData(current: Row, changes: Row): void {
  if (isObject(changes.data) && isObject(current.data)) changes.data = { ...current.data, ...changes.data };
}
