import type { FastifyReply } from 'fastify';
import type { TableResponse } from './with-tasks.service.ts';

/**
 * Sends a production table: the ETag on every answer, 304 without a body when the client's copy is
 * current, else the JSON PostgreSQL built. A Buffer or string payload with a JSON content type is
 * written as is: Fastify's response serialiser (and its schema check) never runs on these megabytes,
 * which is the point; the route schemas still describe the shape for the OpenAPI document and the
 * web app.
 */
export function sendTable(reply: FastifyReply, table: TableResponse): FastifyReply {
  reply.header('etag', table.etag).header('cache-control', 'private, no-cache');
  if (table.body === null) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(table.body);
}
