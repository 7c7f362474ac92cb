import zlib from 'node:zlib';

/**
 * A production table is the elements of its groups' JSON fragments side by side, between brackets.
 * Its gzip form is made the same way, without compressing the table per request: each fragment is
 * deflated once, when it is cached, as a byte-aligned run of non-final deflate blocks (a sync flush:
 * it refers to nothing outside itself), and an answer is a gzip header, those runs in order, an
 * empty final block, and the CRC-32 and length of the uncompressed table (RFC 1951, RFC 1952).
 */
export interface TablePiece {
  /** The UTF-8 JSON of the elements, without the brackets. */
  raw: Buffer;
  /** `raw` deflated with a sync flush. */
  deflated: Buffer;
}

const LEVEL = 6;

export function deflatePiece(raw: Buffer): Buffer {
  return zlib.deflateRawSync(raw, { level: LEVEL, finishFlush: zlib.constants.Z_SYNC_FLUSH });
}

export const tablePiece = (raw: Buffer): TablePiece => ({ raw, deflated: deflatePiece(raw) });

const OPEN = tablePiece(Buffer.from('['));
const COMMA = tablePiece(Buffer.from(','));
const CLOSE = tablePiece(Buffer.from(']'));
/** Magic, deflate, no flags, no time, no extra flags, unknown OS. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);
/** A final fixed-Huffman block holding only its end code. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/** The pieces of a table in order: `[`, the elements with commas between them, `]`. */
function sequence(pieces: TablePiece[]): TablePiece[] {
  const out: TablePiece[] = [OPEN];
  for (const piece of pieces) {
    if (piece.raw.byteLength === 0) continue;
    if (out.length > 1) out.push(COMMA);
    out.push(piece);
  }
  out.push(CLOSE);
  return out;
}

/** The table as plain JSON bytes. */
export function tableJson(pieces: TablePiece[]): Buffer {
  return Buffer.concat(sequence(pieces).map((piece) => piece.raw));
}

/** The table as one gzip member, from the pieces' deflated runs (only the CRC reads the raw bytes). */
export function tableGzip(pieces: TablePiece[]): Buffer {
  const ordered = sequence(pieces);
  let crc = 0;
  let length = 0;
  for (const piece of ordered) {
    crc = zlib.crc32(piece.raw, crc);
    length += piece.raw.byteLength;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  return Buffer.concat([GZIP_HEADER, ...ordered.map((piece) => piece.deflated), FINAL_BLOCK, trailer]);
}

/** Whether `Accept-Encoding` takes gzip (a q of 0 refuses it; `*` accepts it unless gzip is refused). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star = false;
  for (const part of header.split(',')) {
    const [token = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    if (token.trim() === 'gzip' || token.trim() === 'x-gzip') return accepted;
    if (token.trim() === '*') star = accepted;
  }
  return star;
}
