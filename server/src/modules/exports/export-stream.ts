import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { RawBuilder } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import { csvChunks, csvFileName, type CsvCell } from './csv-format.ts';

/** Rows fetched per cursor round trip. */
export const EXPORT_CHUNK_ROWS = 500;

/**
 * Runs one query through a server-side cursor (pg-cursor) and yields its rows as they come, a chunk at
 * a time: the whole result never sits in memory. The connection is held until the iteration ends or
 * is abandoned (a client that disconnects closes the cursor through the generator's `return`).
 */
export async function* streamRows<R>(db: Database, query: RawBuilder<R>, chunkSize = EXPORT_CHUNK_ROWS): AsyncGenerator<R> {
  for await (const chunk of db.getExecutor().stream(query.compile(db), chunkSize)) {
    yield* chunk.rows;
  }
}

/** Maps an async row source, lazily. */
export async function* mapRows<R, T>(rows: AsyncIterable<R>, map: (row: R) => T): AsyncGenerator<T> {
  for await (const row of rows) yield map(row);
}

export interface CsvExport {
  /** File name without prefix and extension, e.g. "Big Buck shots" → `kitsu_big_buck_shots.csv`. */
  name: string;
  header: readonly CsvCell[];
  rows: AsyncIterable<readonly CsvCell[]>;
}

/**
 * Sends a CSV export as Zou does (`text/csv`, `attachment; filename=kitsu_<slug>.csv`), streamed: the
 * body goes out chunk by chunk (chunked transfer encoding) while the cursor reads the next rows.
 */
export function sendCsv(reply: FastifyReply, csv: CsvExport): FastifyReply {
  const body = Readable.from(csvChunks(csv.header, csv.rows), { objectMode: false });
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename=${csvFileName(csv.name)}`)
    .header('cache-control', 'no-store')
    .send(body);
}
