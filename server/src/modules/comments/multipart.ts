import type { FastifyInstance } from 'fastify';
import { errors } from '../../platform/errors/index.ts';

/**
 * Multipart bodies without files. Gazu posts a comment as multipart/form-data when it attaches files;
 * file storage comes with a later issue, so file parts are refused with a clear 400 (a 415 would be
 * taken as a success by Gazu). Registered in the comments plugin only, so no other route accepts it.
 */
export type FormFields = Record<string, string | string[]>;

const FILES_NOT_SUPPORTED =
  'Comment attachments are not supported yet: post the comment without files (as JSON or form fields).';

function boundaryOf(contentType: string): string {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw errors.badRequest('Malformed multipart body: no boundary.');
  return boundary.trim();
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

export function parseMultipartFields(body: Buffer, contentType: string): FormFields {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const fields: FormFields = {};
  let position = body.indexOf(delimiter);
  if (position < 0) throw errors.badRequest('Malformed multipart body.');
  for (;;) {
    const start = position + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw errors.badRequest('Malformed multipart body.');
    const part = body.subarray(start + 2, next - 2); // skip the CRLF after the delimiter and before the next one
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) throw errors.badRequest('Malformed multipart body.');
    const headers = parseHeaders(part.subarray(0, split).toString('utf8'));
    const disposition = headers.get('content-disposition') ?? '';
    if (/filename\*?=/i.test(disposition)) throw errors.badRequest(FILES_NOT_SUPPORTED);
    const name = /name="([^"]*)"/i.exec(disposition)?.[1];
    if (name) {
      const value = part.subarray(split + 4).toString('utf8');
      const existing = fields[name];
      fields[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    }
    position = next;
  }
  return fields;
}

export function registerFormParser(app: FastifyInstance): void {
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, parseMultipartFields(body as Buffer, request.headers['content-type'] ?? ''));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
