/**
 * CSV cells as Zou writes them (`;`-delimited, RFC 4180 quoting, CRLF line ends), made safe for
 * spreadsheets: a text cell that a spreadsheet would run as a formula is neutralised with a leading
 * apostrophe. The CSV importer strips exactly that apostrophe again, so a description such as
 * `=HYPERLINK(...)` survives an export / import round trip as the same text.
 */

export type CsvCell = string | number | boolean | null | undefined;

export const CSV_DELIMITER = ';';
const LINE_END = '\r\n';

/** First characters that make Excel, LibreOffice or Sheets evaluate a cell (OWASP CSV injection). */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** A plain number ("-12", "+3.5") is not a formula: left alone so that negative frames stay numbers. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** The inverse of `neutraliseFormula`, for imported cells. */
export function restoreFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text.slice(1)) ? text.slice(1) : text;
}

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return neutraliseFormula(cell);
}

function quote(text: string, delimiter: string): string {
  if (!text.includes(delimiter) && !/["\r\n]/.test(text)) return text;
  return `"${text.replace(/"/g, '""')}"`;
}

/** One CSV line, line end included. */
export function formatCsvRow(cells: readonly CsvCell[], delimiter = CSV_DELIMITER): string {
  return cells.map((cell) => quote(cellText(cell), delimiter)).join(delimiter) + LINE_END;
}

/** Bytes gathered before a chunk is handed to the socket: fewer, bigger writes than one per row. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The CSV text of a header and an async stream of rows, produced chunk by chunk as rows arrive: memory
 * stays bounded by one chunk plus what the row source buffers, whatever the number of rows.
 */
export async function* csvChunks(header: readonly CsvCell[], rows: AsyncIterable<readonly CsvCell[]>): AsyncGenerator<string> {
  let buffer = formatCsvRow(header);
  for await (const row of rows) {
    buffer += formatCsvRow(row);
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}

/** python-slugify's output for the file names Zou builds (`kitsu_<slug>.csv`): ASCII, lower case, `_`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export const csvFileName = (name: string): string => `kitsu_${slugify(name) || 'export'}.csv`;
