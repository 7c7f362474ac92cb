import pg from 'pg';

/**
 * Zou's wire format for times is `YYYY-MM-DDTHH:MM:SS` (UTC, no zone, no fraction) and dates `YYYY-MM-DD`.
 * Parsing them as strings once, at the driver, lets every row serialise as-is without per-field work.
 */
export function installTypeParsers(): void {
  const TIMESTAMP = 1114;
  const TIMESTAMPTZ = 1184;
  const DATE = 1082;
  const INT8 = 20;
  const NUMERIC = 1700;
  pg.types.setTypeParser(TIMESTAMP, (value) => value.slice(0, 19).replace(' ', 'T'));
  pg.types.setTypeParser(TIMESTAMPTZ, (value) => new Date(value).toISOString().slice(0, 19));
  pg.types.setTypeParser(DATE, (value) => value);
  pg.types.setTypeParser(INT8, (value) => Number(value));
  pg.types.setTypeParser(NUMERIC, (value) => Number(value));
}
