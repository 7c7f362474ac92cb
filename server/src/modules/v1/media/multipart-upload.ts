import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { v1Errors } from '../organizations/v1-errors.ts';

const missingFile = () => v1Errors.invalidField(['body', 'file'], 'Field required', 'missing');

/**
 * The multipart part named "file", or a FastAPI-style 422 when there is none (or the request is not
 * multipart at all). The size limit itself is enforced by @fastify/multipart while reading (413).
 */
export async function uploadedFilePart(request: FastifyRequest): Promise<MultipartFile> {
  if (!request.isMultipart()) throw missingFile();
  const part = await request.file();
  if (!part || part.fieldname !== 'file') {
    part?.file.resume();
    throw missingFile();
  }
  return part;
}

/** Reads the "file" part into memory (images: bounded by the upload limit). */
export async function readUploadedFile(request: FastifyRequest, maxBytes: number): Promise<Buffer> {
  const part = await uploadedFilePart(request);
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    throw error;
  }
  // A stream cut at the limit can also end normally, marked truncated.
  if (part.file.truncated || bytes.length > maxBytes) throw tooLarge(maxBytes);
  return bytes;
}

export const tooLarge = (maxBytes: number) => v1Errors.payloadTooLarge(`The uploaded file is larger than the ${maxBytes} bytes allowed.`);
