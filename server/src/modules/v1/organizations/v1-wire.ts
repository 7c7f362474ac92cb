/** Timestamps are stored in UTC without zone (Zou's convention); the v1 API writes them as RFC 3339. */
export function wireDateTime(value: string): string;
export function wireDateTime(value: string | null): string | null;
export function wireDateTime(value: string | null): string | null {
  if (value === null) return null;
  return /[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`;
}
