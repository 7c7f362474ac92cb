import type { FastifyReply } from 'fastify';
import { acceptsGzip, tableGzip, tableJson } from './table-gzip.ts';
import type { TableResponse } from './with-tasks.service.ts';

/**
 * Sends a production table: the ETag on every answer, 304 without a body when the client's copy is
 * current, else the table — gzip from its fragments' deflated pieces when the client takes gzip
 * (nothing compressed per request: the compression plugin leaves an answer with its own
 * Content-Encoding alone), plain JSON otherwise. A Buffer payload with a JSON content type is written
 * as is: Fastify's response serialiser (and its schema check) never runs on these megabytes, which is
 * the point; the route schemas still describe the shape for the OpenAPI document and the web app.
 */
export function sendTable(reply: FastifyReply, table: TableResponse, acceptEncoding: string | undefined): FastifyReply {
  reply.header('etag', table.etag).header('cache-control', 'private, no-cache').header('vary', 'accept-encoding');
  if (table.body === null) return reply.code(304).send();
  reply.type('application/json; charset=utf-8');
  if ('json' in table.body) return reply.send(table.body.json);
  if (acceptsGzip(acceptEncoding)) return reply.header('content-encoding', 'gzip').send(tableGzip(table.body.pieces));
  return reply.send(tableJson(table.body.pieces));
}
