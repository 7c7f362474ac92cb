import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Storage } from '../../../platform/storage/index.ts';
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
    .header('cache-control', 'private, max-age=31536000, immutable');
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  const inline = SERVED_IMAGE_TYPES.has(file.mime);
  const stat = await storage.stat(file.key);
  if (stat) reply.header('content-length', stat.size);
  return reply
    .header('content-type', inline ? file.mime : 'application/octet-stream')
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${file.fileName}"`)
    .send(await storage.get(file.key));
}

const FILE_CSP = "default-src 'none'; sandbox; frame-ancestors 'self'";

/**
 * The app-wide security headers set their CSP on every response; served files get a stricter one (no
 * scripts, sandboxed), set here after them: a plugin's onSend hooks run after the root's.
 */
export function sandboxServedFiles(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.hasHeader('content-disposition')) void reply.header('content-security-policy', FILE_CSP);
    return payload;
  });
}
