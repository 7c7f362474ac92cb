import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { AppError, pgErrorCode } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { CsvSyntaxError, type CsvRecord, type CsvTable } from './csv-reader.ts';

/**
 * The CSV import loop, all or nothing: the whole file is imported in ONE transaction. Records are
 * parsed one by one (value checks, name lookups in maps loaded once), then written in batches with
 * set-based statements. The first bad row aborts the import and rolls everything back, answering
 * 400 `{error: true, message, line_number, imported_rows: 0}` — line numbers count the header as
 * line 1, like Zou's. (Zou keeps the rows before the failing one; Rushes keeps none, so a corrected
 * file can simply be sent again.)
 */

/** A row that cannot be imported; `row` (a parsed row of the current batch) locates it when thrown by `apply`. */
export class RowError extends Error {
  constructor(message: string, readonly row?: unknown) {
    super(message);
  }
}

export const importRowError = (message: string, line: number): AppError =>
  new AppError(400, 'import_row_failed', message, { body: { error: true, message, line_number: line, imported_rows: 0 } });

/**
 * What the import did to the object a row names (reported by dry runs): `updated` only when a value
 * (or a task) of an existing object really changes; `unchanged` rows are not written at all.
 */
export type ImportAction = 'created' | 'updated' | 'unchanged';

export interface Imported<Result> {
  result: Result;
  action: ImportAction;
  /** Where the row goes, by name (sequence and episode of a shot, asset type of an asset): added to a dry run's row. */
  names?: Record<string, string | null>;
}

/** An imported row with the file line it came from (where its record ends, the header being line 1). */
export interface ImportedLine<Result> extends Imported<Result> {
  line: number;
}

export interface CsvImporter<Row, Result> {
  /** Columns the file must have (checked on the header, reported on line 1). */
  requiredColumns?: string[];
  /** Checks and resolves one record; throws RowError (or AppError) for a bad one. */
  parse(record: CsvRecord): Promise<Row> | Row;
  /** The object a row writes: a second row for the same key is written in a later batch, in file order. */
  key?(row: Row): string;
  /** Writes rows set-based, returning one result per row in the same order. */
  apply(rows: Row[]): Promise<Array<Imported<Result>>>;
  /** Forgets ids cached during a batch that was rolled back (they no longer exist). */
  forget?(): void;
}

const BATCH_ROWS = 500;

interface Located<Row> {
  row: Row;
  line: number;
}

function messageOf(error: unknown): string {
  if (error instanceof RowError || error instanceof AppError) return error.message;
  // Data exceptions (22xxx: too long, out of range...) and constraint violations (23xxx) come from the file.
  const code = pgErrorCode(error);
  if (code?.startsWith('22') || code?.startsWith('23')) return `A value is invalid: ${(error as Error).message}`;
  throw error;
}

async function applyBatch<Row, Result>(tx: Tx, importer: CsvImporter<Row, Result>, batch: Array<Located<Row>>): Promise<Array<ImportedLine<Result>>> {
  await sql`SAVEPOINT csv_batch`.execute(tx);
  try {
    const results = await importer.apply(batch.map((item) => item.row));
    await sql`RELEASE SAVEPOINT csv_batch`.execute(tx);
    // `apply` answers one result per row, in the batch's order.
    return results.map((result, index) => ({ ...result, line: batch[index]?.line ?? 0 }));
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT csv_batch`.execute(tx);
    importer.forget?.();
    if (error instanceof RowError && error.row !== undefined) {
      const row = error.row;
      const located = batch.find((item) => item.row === row);
      if (located) throw importRowError(error.message, located.line);
    }
    if (batch.length === 1) throw importRowError(messageOf(error), batch[0]?.line ?? 0);
    messageOf(error); // rethrows what is neither a row nor a database error
  }
  // A database error in a batch: replay it row by row to name the line at fault.
  for (const item of batch) await applyBatch(tx, importer, [item]);
  throw new Error('A CSV batch failed as a whole but succeeded row by row.');
}

/** Carries a dry run's results out of the transaction it rolls back. */
class DryRunRollback<Result> extends Error {
  constructor(readonly results: Array<ImportedLine<Result>>) {
    super('dry run');
  }
}

/**
 * Runs an import over a parsed CSV file, in one transaction; returns the results in file order. A dry
 * run does everything, then rolls the transaction back (no event is published): the results tell what
 * the file would change.
 */
export async function runCsvImport<Row, Result>(
  deps: Pick<AppDeps, 'db' | 'events'>,
  table: CsvTable,
  build: (tx: Tx, events: DomainEvent[]) => Promise<CsvImporter<Row, Result>>,
  options: { dryRun?: boolean } = {},
): Promise<Array<ImportedLine<Result>>> {
  try {
    return await importInTransaction(deps, table, build, options.dryRun ?? false);
  } catch (error) {
    if (error instanceof DryRunRollback) return error.results as Array<ImportedLine<Result>>;
    throw error;
  }
}

async function importInTransaction<Row, Result>(
  deps: Pick<AppDeps, 'db' | 'events'>,
  table: CsvTable,
  build: (tx: Tx, events: DomainEvent[]) => Promise<CsvImporter<Row, Result>>,
  dryRun: boolean,
): Promise<Array<ImportedLine<Result>>> {
  return inTransaction(deps, async (tx, events) => {
    const importer = await build(tx, events);
    const missing = (importer.requiredColumns ?? []).filter((column) => !table.has(column));
    if (missing.length > 0) throw importRowError(`A column is missing: ${missing.join(', ')}`, 1);
    const results: Array<ImportedLine<Result>> = [];
    let batch: Array<Located<Row>> = [];
    const keys = new Set<string>();
    const flush = async () => {
      if (batch.length === 0) return;
      results.push(...(await applyBatch(tx, importer, batch)));
      batch = [];
      keys.clear();
    };
    try {
      for await (const record of table.records) {
        let row: Row;
        try {
          row = await importer.parse(record);
        } catch (error) {
          throw importRowError(messageOf(error), record.line);
        }
        const key = importer.key?.(row);
        if (key !== undefined && keys.has(key)) await flush();
        if (key !== undefined) keys.add(key);
        batch.push({ row, line: record.line });
        if (batch.length >= BATCH_ROWS) await flush();
      }
    } catch (error) {
      if (error instanceof CsvSyntaxError) throw importRowError(error.message, error.line);
      throw error;
    }
    await flush();
    if (dryRun) throw new DryRunRollback(results);
    return results;
  });
}
