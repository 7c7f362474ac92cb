import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { parse, type Info } from 'csv-parse';
import { restoreFormula } from '../exports/csv-format.ts';

/**
 * Reads an uploaded CSV file record by record (csv-parse, streaming): the delimiter is sniffed from
 * the header line (`;` as Kitsu exports, `,` as most spreadsheets save, or a tab), a UTF-8 BOM is
 * dropped, blank lines are skipped, and each cell loses the apostrophe the exporter put in front of
 * formula-like text. Columns are looked up by header name, case-insensitively.
 */

export interface CsvRecord {
  /** File line where the record ends, the header being line 1 (what Zou reports as `line_number`). */
  line: number;
  /** The cell of a column; undefined when the file has no such column or the row stops before it. */
  get(column: string): string | undefined;
  has(column: string): boolean;
}

export interface CsvTable {
  /** Header names as written (trimmed), after `Assignations` columns were attached to their task column. */
  columns: string[];
  has(column: string): boolean;
  records: AsyncIterable<CsvRecord>;
  /** Stops reading (the file stream and the parser), whether or not every record was read. */
  close(): void;
}

/** A malformed file (unbalanced quotes...): reported with the line where parsing stopped. */
export class CsvSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
  }
}

const CANDIDATES = [';', ',', '\t'] as const;
const SNIFF_BYTES = 64 * 1024;

/** Counts the candidate delimiters outside quotes on the first line of the file. */
export async function sniffDelimiter(filePath: string): Promise<string> {
  const handle = await open(filePath, 'r');
  let text: string;
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    text = buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
  const counts = new Map<string, number>(CANDIDATES.map((candidate) => [candidate, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: string = CANDIDATES[0];
  for (const candidate of CANDIDATES) if ((counts.get(candidate) ?? 0) > (counts.get(best) ?? 0)) best = candidate;
  return best;
}

const key = (column: string) => column.trim().toLowerCase();

/**
 * Kitsu's exports write a bare `Assignations` header after each task type column, while its import
 * reads `<Task Type> assignations`: the bare one is renamed after the column before it.
 */
function normaliseHeader(raw: string[]): string[] {
  const columns: string[] = [];
  for (const cell of raw) {
    const name = cell.trim();
    const previous = columns.at(-1);
    columns.push(key(name) === 'assignations' && previous !== undefined ? `${previous} assignations` : name);
  }
  return columns;
}

interface ParsedRecord {
  record: string[];
  info: Info;
}

function syntaxError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && typeof code === 'string' && code.startsWith('CSV_')) {
    const line = (error as { lines?: unknown }).lines;
    return new CsvSyntaxError(`The CSV file is malformed: ${error.message}`, typeof line === 'number' ? line : 0);
  }
  return error;
}

export async function openCsv(filePath: string): Promise<CsvTable> {
  const delimiter = await sniffDelimiter(filePath);
  const parser = parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true, info: true });
  // Errors of the file stream reach the parser (pipeline destroys it with them); the iterator reports them.
  pipeline(createReadStream(filePath), parser).catch(() => undefined);
  const iterator: AsyncIterator<ParsedRecord> = parser[Symbol.asyncIterator]();
  let first: IteratorResult<ParsedRecord>;
  try {
    first = await iterator.next();
  } catch (error) {
    throw syntaxError(error);
  }
  const columns = first.done ? [] : normaliseHeader(first.value.record);
  const index = new Map<string, number>();
  columns.forEach((column, position) => index.set(key(column), position));

  async function* records(): AsyncGenerator<CsvRecord> {
    try {
      for (;;) {
        let next: IteratorResult<ParsedRecord>;
        try {
          next = await iterator.next();
        } catch (error) {
          throw syntaxError(error);
        }
        if (next.done) return;
        const { record, info } = next.value;
        yield {
          line: info.lines,
          get(column) {
            const position = index.get(key(column));
            const value = position === undefined ? undefined : record[position];
            return value === undefined ? undefined : restoreFormula(value);
          },
          has: (column) => index.has(key(column)),
        };
      }
    } finally {
      await iterator.return?.();
    }
  }

  return { columns, has: (column) => index.has(key(column)), records: records(), close: () => parser.destroy() };
}
