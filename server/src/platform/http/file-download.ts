import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '../errors/index.ts';
import { StorageNotFoundError, type ByteRange, type Storage } from '../storage/index.ts';

/**
 * Serving stored files: byte ranges (players seek in movies), a Content-Disposition that cannot be
 * used to inject headers or paths, and a sandboxing Content-Security-Policy so that a file opened in
 * the browser can never run script in the application's origin.
 */

/** Types a browser may display inline; anything else is sent as a download. */
const INLINE_TYPES = new Set([
  'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp',
  'video/mp4', 'video/webm', 'video/quicktime', 'application/pdf', 'audio/mpeg', 'audio/wav',
]);

/**
 * `attachment; filename="..."; filename*=UTF-8''...` (RFC 6266 / RFC 5987): the quoted name is an
 * ASCII fallback without quotes, backslashes or control characters, the starred one the exact name,
 * percent-encoded. Path separators are removed from both.
 */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const cleaned = fileName.replace(/\p{Cc}/gu, '_').replace(/[/\\]/g, '_').trim() || 'file';
  const ascii = cleaned.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["%;]/g, '_').trim() || 'file';
  const encoded = encodeURIComponent(cleaned).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Parses a single `Range: bytes=a-b | a- | -n` header against a size. Undefined when the header is
 * absent or not a single byte range (then the whole file is sent); 'unsatisfiable' for a range
 * outside the file.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(match[1]);
  const last = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || last < start) return 'unsatisfiable';
  return { start, end: last + 1 };
}

export interface StoredFileResponse {
  key: string;
  contentType: string;
  /** The name offered to the browser; from row data, sanitised here. */
  fileName: string;
  /** Force a download even for a type that could be shown inline. */
  download?: boolean;
  /** ISO datetime of the row: Last-Modified, and part of the ETag. */
  lastModified?: string | null;
}

/** Streams a stored object, honouring a single byte range; 404 when the object is missing. */
export async function sendStoredFile(request: FastifyRequest, reply: FastifyReply, storage: Storage, file: StoredFileResponse) {
  const stat = await storage.stat(file.key);
  if (!stat) throw errors.notFound();
  const displayable = INLINE_TYPES.has(file.contentType);
  const inline = displayable && !file.download;
  const modified = file.lastModified ? new Date(`${file.lastModified.replace(' ', 'T')}Z`) : undefined;
  const etag = `"${stat.size.toString(16)}-${modified ? modified.getTime().toString(16) : '0'}"`;
  reply
    .header('accept-ranges', 'bytes')
    .header('etag', etag)
    .header('cache-control', 'private, max-age=0, must-revalidate')
    .header('content-type', displayable ? file.contentType : 'application/octet-stream')
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.fileName));
  if (modified && !Number.isNaN(modified.getTime())) reply.header('last-modified', modified.toUTCString());
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();

  const range = parseRange(request.headers.range, stat.size);
  if (range === 'unsatisfiable') {
    return reply.status(416).header('content-range', `bytes */${stat.size}`).send();
  }
  try {
    if (range) {
      const body = await storage.get(file.key, range);
      return reply
        .status(206)
        .header('content-range', `bytes ${range.start}-${range.end - 1}/${stat.size}`)
        .header('content-length', range.end - range.start)
        .send(body);
    }
    const body = await storage.get(file.key);
    return reply.header('content-length', stat.size).send(body);
  } catch (error) {
    if (error instanceof StorageNotFoundError) throw errors.notFound();
    throw error;
  }
}

const FILE_CSP = "default-src 'none'; media-src 'self'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'";

/**
 * The app-wide security headers give every response a CSP; downloads of this plugin get a stricter
 * one, set after them (a plugin's onSend hooks run after the root's).
 */
export function sandboxDownloads(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.hasHeader('content-disposition')) void reply.header('content-security-policy', FILE_CSP);
    return payload;
  });
}
