/**
 * The rows of a CSV file read the way the server's importer reads them (server/src/modules/imports/
 * csv-reader.ts), in the browser. A dry run answers the objects it would import in file order, without
 * their line numbers or their sequence and episode names (a sequence the file creates has no row
 * anywhere yet): reading the file here puts them back beside each answered row. So this follows the
 * server's rules: the delimiter is sniffed from the header line (`;`, `,` or tab), a quoted cell may
 * span lines, blank rows and rows of empty cells are skipped, a row's line is the line where it ends
 * (the header being line 1), and columns are found by name whatever their case.
 */

export interface CsvFileRow {
  /** Line where the row ends in the file, the header being line 1 (the server's `line_number`). */
  line: number;
  /** The trimmed cell of a column, '' when the row has no such cell. */
  get(column: string): string;
}

export interface CsvFileTable {
  columns: string[];
  has(column: string): boolean;
  rows: CsvFileRow[];
}

const CANDIDATES = [';', ',', '\t'] as const;

/** The candidate delimiter found most often, outside quotes, on the first line (`;` on a tie, as the server). */
export function sniffDelimiter(text: string): string {
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

interface RawRecord {
  cells: string[];
  line: number;
}

/** Splits CSV text into records (RFC 4180 quotes, `""` inside quotes; a stray quote is kept as text). */
function* records(text: string, delimiter: string): Generator<RawRecord> {
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let index = 0;
  const endCell = () => {
    cells.push(cell);
    cell = '';
  };
  while (index < text.length) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else {
        if (char === '\n' || (char === '\r' && text[index + 1] !== '\n')) line += 1;
        cell += char;
      }
      index += 1;
      continue;
    }
    if (char === '"' && cell === '') quoted = true;
    else if (char === delimiter) endCell();
    else if (char === '\r' || char === '\n') {
      endCell();
      yield { cells, line };
      cells = [];
      line += 1;
      if (char === '\r' && text[index + 1] === '\n') index += 1;
    } else cell += char;
    index += 1;
  }
  if (cell !== '' || cells.length > 0) {
    endCell();
    yield { cells, line };
  }
}

const keyOf = (column: string) => column.trim().toLowerCase();
const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

/** Reads a CSV file's text (a UTF-8 BOM is dropped): its header columns and its rows. */
export function readCsvRows(source: string): CsvFileTable {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const delimiter = sniffDelimiter(text);
  let columns: string[] | null = null;
  const index = new Map<string, number>();
  const rows: CsvFileRow[] = [];
  for (const record of records(text, delimiter)) {
    if (isBlank(record.cells)) continue;
    if (columns === null) {
      columns = record.cells.map((cell) => cell.trim());
      // A repeated column name: the last one wins, as in the server's reader.
      columns.forEach((column, position) => index.set(keyOf(column), position));
      continue;
    }
    const { cells } = record;
    rows.push({
      line: record.line,
      get: (column) => {
        const position = index.get(keyOf(column));
        return position === undefined ? '' : (cells[position] ?? '').trim();
      },
    });
  }
  return { columns: columns ?? [], has: (column) => index.has(keyOf(column)), rows };
}
