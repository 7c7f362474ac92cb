/** Zou's task_status.short_name is at most 10 characters. */
export const SHORT_NAME_MAX = 10;

/**
 * Derives the short name of a custom status from its name: a lower-case slug of at most 10 characters,
 * made unique against `taken` (the project's short names and Zou's global ones, lower-cased) by a
 * numeric suffix. Gazu looks statuses up by short name, hence the care to avoid clashes.
 */
export function deriveShortName(name: string, taken: ReadonlySet<string>): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const base = (slug || 'status').slice(0, SHORT_NAME_MAX).replace(/_+$/, '');
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = String(n);
    const candidate = `${base.slice(0, SHORT_NAME_MAX - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
