/**
 * Whether a row of a CSV file changes what is stored, compared the way the import writes values and
 * the export reads them back: text trimmed, an empty cell the same as no value (Zou's "not set"),
 * numbers by value whether stored as numbers or as text, a boolean descriptor as the "true" / "false"
 * the export writes. A file exported then imported with `update=true` thus changes nothing.
 */

/** A stored or imported value as one CSV cell shows it. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A boolean descriptor's value as the export writes it: "true", else "false" (an empty cell included). */
const booleanText = (value: unknown): string => (value === true || cellText(value).toLowerCase() === 'true' ? 'true' : 'false');

/** True when the import's text (a description...) says what is stored. */
export const sameText = (stored: unknown, incoming: unknown): boolean => cellText(stored) === cellText(incoming);

/**
 * The entries of `incoming` (the `data` keys a row writes: frame range, FPS, metadata...) whose value
 * differs from the stored `data`'s; `booleanKeys` are the fields of boolean descriptors.
 */
export function changedData(stored: unknown, incoming: Record<string, unknown>, booleanKeys: ReadonlySet<string>): Record<string, unknown> {
  const current = stored !== null && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(incoming)) {
    const text = booleanKeys.has(key) ? booleanText : cellText;
    if (text(current[key]) !== text(value)) changed[key] = value;
  }
  return changed;
}
