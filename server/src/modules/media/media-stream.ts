import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Storage } from '../../platform/storage/index.ts';
import { SERVED_IMAGE_TYPES } from './image-probe.ts';

/**
 * Streams a stored file with headers that keep a browser from treating it as anything but the image
 * it was checked to be: a whitelisted Content-Type (else a download), a file name made from the id,
 * a sandboxing CSP, and long caching (the bytes behind an id never change).
 */
export async function sendStoredFile(
  request: FastifyRequest,
  reply: FastifyReply,
  storage: Storage,
  file: { key: string; mime: string; fileName: string; etag: string },
) {
  const etag = `"${file.etag}"`;
  reply
    .header('etag', etag)
    .header('cache-control', 'private, max-age=31536000, immutable')
    .header('content-security-policy', "default-src 'none'; sandbox");
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  const inline = SERVED_IMAGE_TYPES.has(file.mime);
  const stat = await storage.stat(file.key);
  if (stat) reply.header('content-length', stat.size);
  return reply
    .header('content-type', inline ? file.mime : 'application/octet-stream')
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${file.fileName}"`)
    .send(await storage.get(file.key));
}
