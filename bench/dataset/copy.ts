import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type Cell = string | number | boolean | null | undefined;

const SPECIAL = /[\\\t\n\r]/;

/** One value in COPY's text format: \N for null, backslash escapes for the four special characters. */
function encode(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (!SPECIAL.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function* chunks(rows: Iterable<Cell[]>): Generator<string> {
  let buffer: string[] = [];
  let size = 0;
  for (const row of rows) {
    const line = `${row.map(encode).join('\t')}\n`;
    buffer.push(line);
    size += line.length;
    if (size >= 256 * 1024) {
      yield buffer.join('');
      buffer = [];
      size = 0;
    }
  }
  if (buffer.length > 0) yield buffer.join('');
}

/** Streams rows into a table with COPY FROM STDIN (backpressure handled by the pipeline); returns the row count. */
export async function copyRows(client: pg.PoolClient, table: string, columns: readonly string[], rows: Iterable<Cell[]>): Promise<number> {
  let count = 0;
  const counted = function* () {
    for (const row of rows) {
      count += 1;
      yield row;
    }
  };
  const target = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks(counted())), target);
  return count;
}
