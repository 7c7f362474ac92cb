import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError, errors } from '../../platform/errors/index.ts';

/**
 * The CSV file of an import request: the multipart part named "file" (Zou's `request.files["file"]`),
 * streamed to a temporary file with its size capped by @fastify/multipart (413 past the limit) and
 * its content checked on the way: binary content (by magic bytes or NUL bytes) is refused with 415,
 * text that is not UTF-8 with 400. Nothing of the upload is held in memory.
 */

export interface SpooledCsv {
  path: string;
  bytes: number;
  discard(): Promise<void>;
}

const SIGNATURES: Array<{ bytes: number[]; what: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an .xlsx or .ods workbook?)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an Office document (an .xls workbook?)' },
];

const SIGNATURE_BYTES = 4;

export const csvUploadErrors = {
  notMultipart: () => errors.badRequest('Send the CSV file as multipart/form-data, in a field named "file".'),
  noFile: () => errors.badRequest('No CSV file was sent: post it in a multipart field named "file".'),
  tooLarge: (limit: number) => new AppError(413, 'payload_too_large', `The CSV file is larger than the ${limit} bytes allowed.`),
  notText: (what: string) =>
    errors.unsupportedMediaType(`The uploaded file is not a CSV text file (it looks like ${what}). Export the sheet as CSV (UTF-8) and send that file.`),
  notUtf8: () => errors.badRequest('The CSV file is not UTF-8 encoded: save it as "CSV UTF-8" and send it again.'),
  empty: () => errors.badRequest('The CSV file is empty.'),
};

/**
 * Passes the bytes through, refusing binary content as it goes by: a known file signature at the start,
 * or a NUL byte anywhere (never part of CSV text); and text that is not valid UTF-8.
 */
class TextGuard extends Transform {
  private head = Buffer.alloc(0);
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  private check(chunk: Buffer | undefined): void {
    if (this.head.length < SIGNATURE_BYTES && chunk) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, SIGNATURE_BYTES)]).subarray(0, SIGNATURE_BYTES);
      const head = this.head;
      const signature = head.length === SIGNATURE_BYTES ? SIGNATURES.find((candidate) => candidate.bytes.every((byte, index) => head[index] === byte)) : undefined;
      if (signature) throw csvUploadErrors.notText(signature.what);
    }
    if (chunk?.includes(0)) throw csvUploadErrors.notText('a binary file');
    try {
      if (chunk) this.decoder.decode(chunk, { stream: true });
      else this.decoder.decode();
    } catch {
      throw csvUploadErrors.notUtf8();
    }
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.check(chunk);
      done(null, chunk);
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.check(undefined);
      done();
    } catch (error) {
      done(error as Error);
    }
  }
}

/** Receives the upload into a temporary file; the caller must `discard()` it when done. */
export async function spoolCsvUpload(request: FastifyRequest, maxBytes: number): Promise<SpooledCsv> {
  if (!request.isMultipart()) throw csvUploadErrors.notMultipart();
  const part = await request.file();
  if (!part) throw csvUploadErrors.noFile();
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw csvUploadErrors.noFile();
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rushes-csv-'));
  const discard = () => rm(dir, { recursive: true, force: true });
  const file = path.join(dir, 'upload.csv');
  try {
    await pipeline(part.file, new TextGuard(), createWriteStream(file));
    if (part.file.truncated) throw csvUploadErrors.tooLarge(maxBytes);
    const bytes = (await stat(file)).size;
    if (bytes === 0) throw csvUploadErrors.empty();
    return { path: file, bytes, discard };
  } catch (error) {
    part.file.resume();
    await discard();
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw csvUploadErrors.tooLarge(maxBytes);
    throw error;
  }
}
