import zlib from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Answers smaller than this go as they are: compressing them saves less than its headers cost. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Compresses every answer over 1 KB whose type compresses (JSON, CSV, text, the web app's scripts and
 * styles; not pictures, movies or archives), with brotli or gzip as `Accept-Encoding` asks. Brotli at
 * quality 2 compresses JSON as well as gzip's default in about a third of its time (0.4 ms for a
 * 110 KB todo list on this machine, 1.3 ms at quality 4 for 5 % less); the default quality (11) is
 * made for files compressed once and costs ~100× more. An answer that carries its own
 * `Content-Encoding` is left alone: the production tables send fragments compressed once when cached
 * (breakdown/table-gzip.ts). Partial content (206) is never compressed.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    threshold: COMPRESSION_THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 2 } },
    zlibOptions: { level: 4 },
    // Answers up to 1 MB are compressed in one synchronous call (about 4 ms at most at quality 2, less
    // than their JSON took to write): the plugin's default on two cores (8 KB) sends a 100 KB todo
    // list through a zlib stream in 16 KB chunks, which costs more CPU than the compression itself.
    syncThreshold: 1024 * 1024,
    // Clients send plain request bodies; decompressing them is not offered (a zip bomb's door).
    requestEncodings: ['identity'],
  });
}
