import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { recordAudit, type AuditRecord } from '../../platform/audit/audit.ts';
import { AppError, pgErrorCode } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { CsvSyntaxError, type CsvRecord, type CsvTable } from './csv-reader.ts';

/**
 * The CSV import loop, all or nothing: the whole file is imported in ONE transaction. Every record is
 * parsed and checked first (value checks, name lookups in maps loaded once), then the rows are written
 * set-based: one statement per table for the whole file (up to CHUNK_ROWS rows), so the work grows
 * with the file, not with its square (finding 7 of #12: 500-row batches each scanned the project's
 * tasks again). The first bad row aborts the import and rolls everything back, answering 400
 * `{error: true, message, line_number, imported_rows: 0}` — line numbers count the header as line 1,
 * like Zou's. (Zou keeps the rows before the failing one; Rushes keeps none, so a corrected file can
 * simply be sent again.)
 */

/** A row that cannot be imported; `row` (a parsed row of the current batch) locates it when thrown by `apply`. */
export class RowError extends Error {
  constructor(message: string, readonly row?: unknown) {
    super(message);
  }
}

/**
 * What an import leaves besides its rows: events (published after commit) and audit rows, both
 * written once for the whole file before commit, and not at all by a dry run (it is rolled back).
 */
export interface ImportJournal {
  events: DomainEvent[];
  audit: AuditRecord[];
  /** A dry run: the importer may leave out writes whose outcome its preview does not depend on. */
  dryRun: boolean;
}

/** Appends without spreading: a file's tasks can outnumber the arguments a call may take. */
export function append<T>(list: T[], items: readonly T[]): void {
  for (const item of items) list.push(item);
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
  /** Sees the file's header before any record (e.g. to adopt the task types its columns name). */
  prepare?(columns: string[]): Promise<void>;
  /** Checks and resolves one record; throws RowError (or AppError) for a bad one. */
  parse(record: CsvRecord): Promise<Row> | Row;
  /** The object a row writes: a second row for the same key is written by a later `apply`, in file order. */
  key?(row: Row): string;
  /** Writes rows set-based, returning one result per row in the same order. */
  apply(rows: Row[]): Promise<Array<Imported<Result>>>;
  /** Forgets ids cached during an `apply` that was rolled back (they no longer exist). */
  forget?(): void;
}

/**
 * Rows written by one `apply`: a bound on the size of a statement's JSON or array parameter, far above
 * the files studios send (each chunk scans what it joins once, so a few chunks stay linear).
 */
const CHUNK_ROWS = 50_000;
const AUDIT_SLICE = 20_000;

interface Located<Row> {
  row: Row;
  line: number;
  /** Position in the file's rows: results are answered in file order. */
  index: number;
}

function messageOf(error: unknown): string {
  if (error instanceof RowError || error instanceof AppError) return error.message;
  // Data exceptions (22xxx: too long, out of range...) and constraint violations (23xxx) come from the file.
  const code = pgErrorCode(error);
  if (code?.startsWith('22') || code?.startsWith('23')) return `A value is invalid: ${(error as Error).message}`;
  throw error;
}

/**
 * Applies rows under a savepoint. When the database refuses them as a whole, the rows are bisected
 * (the first half, then the second on top of it) to name the first line at fault: about twice the
 * work of one pass, where replaying row by row would cost one round of statements per row.
 */
async function applyRows<Row, Result>(tx: Tx, importer: CsvImporter<Row, Result>, rows: Array<Located<Row>>): Promise<Array<ImportedLine<Result>>> {
  await sql`SAVEPOINT csv_rows`.execute(tx);
  try {
    const results = await importer.apply(rows.map((item) => item.row));
    await sql`RELEASE SAVEPOINT csv_rows`.execute(tx);
    // `apply` answers one result per row, in the rows' order.
    return results.map((result, index) => ({ ...result, line: rows[index]?.line ?? 0 }));
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT csv_rows`.execute(tx);
    importer.forget?.();
    if (error instanceof RowError && error.row !== undefined) {
      const row = error.row;
      const located = rows.find((item) => item.row === row);
      if (located) throw importRowError(error.message, located.line);
    }
    if (rows.length === 1) throw importRowError(messageOf(error), rows[0]?.line ?? 0);
    messageOf(error); // rethrows what is neither a row nor a database error
  }
  const half = Math.ceil(rows.length / 2);
  await applyRows(tx, importer, rows.slice(0, half));
  await applyRows(tx, importer, rows.slice(half));
  throw new Error('CSV rows failed as a whole but succeeded in halves.');
}

/** Parses and checks every record of the file, before anything is written. */
async function parseAll<Row, Result>(table: CsvTable, importer: CsvImporter<Row, Result>): Promise<Array<Located<Row>>> {
  const rows: Array<Located<Row>> = [];
  try {
    for await (const record of table.records) {
      try {
        rows.push({ row: await importer.parse(record), line: record.line, index: rows.length });
      } catch (error) {
        throw importRowError(messageOf(error), record.line);
      }
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw importRowError(error.message, error.line);
    throw error;
  }
  return rows;
}

/**
 * The rows in the order they are applied: the first row of each key (and every row without a key),
 * then the second row of the keys that have one, and so on, each pass cut in chunks. A key's rows
 * thus apply in file order, each seeing what the one before wrote; most files make one pass.
 */
function passes<Row>(rows: Array<Located<Row>>, key: ((row: Row) => string) | undefined): Array<Array<Located<Row>>> {
  const seen = new Map<string, number>();
  const byPass: Array<Array<Located<Row>>> = [];
  for (const item of rows) {
    const name = key?.(item.row);
    const pass = name === undefined ? 0 : (seen.get(name) ?? -1) + 1;
    if (name !== undefined) seen.set(name, pass);
    (byPass[pass] ??= []).push(item);
  }
  return byPass.flatMap((pass) => Array.from({ length: Math.ceil(pass.length / CHUNK_ROWS) }, (_, i) => pass.slice(i * CHUNK_ROWS, (i + 1) * CHUNK_ROWS)));
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
  build: (tx: Tx, journal: ImportJournal) => Promise<CsvImporter<Row, Result>>,
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
  build: (tx: Tx, journal: ImportJournal) => Promise<CsvImporter<Row, Result>>,
  dryRun: boolean,
): Promise<Array<ImportedLine<Result>>> {
  return inTransaction(deps, async (tx, events) => {
    const journal: ImportJournal = { events, audit: [], dryRun };
    const importer = await build(tx, journal);
    const missing = (importer.requiredColumns ?? []).filter((column) => !table.has(column));
    if (missing.length > 0) throw importRowError(`A column is missing: ${missing.join(', ')}`, 1);
    await importer.prepare?.(table.columns);
    const rows = await parseAll(table, importer);
    const results = new Array<ImportedLine<Result>>(rows.length);
    for (const chunk of passes(rows, importer.key?.bind(importer))) {
      const applied = await applyRows(tx, importer, chunk);
      chunk.forEach((item, i) => {
        const result = applied[i];
        if (result) results[item.index] = result;
      });
    }
    if (dryRun) throw new DryRunRollback(results);
    // In slices, so that a parameter stays a few megabytes whatever the file.
    for (let i = 0; i < journal.audit.length; i += AUDIT_SLICE) await recordAudit(tx, journal.audit.slice(i, i + AUDIT_SLICE));
    return results;
  });
}
