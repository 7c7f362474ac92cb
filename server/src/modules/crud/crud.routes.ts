import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { errors } from '../../platform/errors/index.ts';
import { createBodySchema, updateBodySchema } from './crud-body.ts';
import { isEmptyBody } from './crud-input.ts';
import { getRow, JsonText, listRows } from './crud.service.ts';
import { createRow, deleteRow, updateRow } from './crud-write.service.ts';
import { collections } from './collections/index.ts';
import type { Collection, Row } from './crud.types.ts';

const ListQuery = Type.Object(
  {
    page: Type.Optional(Type.String({ description: 'Page number (from 1): switches to {data, total, nb_pages, limit, offset, page}.' })),
    limit: Type.Optional(Type.String({ description: 'Page size (default 100).' })),
    relations: Type.Optional(Type.String({ description: '"true" adds many-to-many id arrays.' })),
    fields: Type.Optional(Type.String({ description: 'Comma-separated keys to keep (id and type are always kept).' })),
  },
  { additionalProperties: true, description: 'Any other key that names a column or relation filters on it.' },
);
const GetQuery = Type.Object({ relations: Type.Optional(Type.String()) }, { additionalProperties: true });
const DeleteQuery = Type.Object({ force: Type.Optional(Type.String({ description: '"true" deletes what depends on the row.' })) }, { additionalProperties: true });
const IdParams = Type.Object({ id: Type.String() });

/** Zou answers "Data are empty" for a null or missing JSON body (§3.3), before any validation. */
async function rejectEmptyBody(request: FastifyRequest): Promise<void> {
  if (isEmptyBody(request.body)) throw errors.emptyBody();
}
async function rejectNullBody(request: FastifyRequest): Promise<void> {
  if (request.body === null || request.body === undefined) throw errors.emptyBody();
}

/** `data/<collection>` and `data/<collection>/<id>` for one collection definition. */
const collectionRoutes = (def: Collection): FastifyPluginAsyncTypebox => async (app) => {
  const path = `/data/${def.name}`;
  const tags = ['data'];
  const query = (request: FastifyRequest) => request.query as Row;
  app.get(path, { schema: { tags, summary: `List ${def.typeName} rows`, querystring: ListQuery } },
    async (request, reply) => {
      const list = await listRows(app.deps, actorOf(request), def, query(request));
      return list instanceof JsonText ? reply.type('application/json; charset=utf-8').send(list.text) : list;
    });
  const served = (action: 'read' | 'create' | 'update' | 'delete') => !def.servedElsewhere?.includes(action);
  if (served('read')) app.get(`${path}/:id`, { schema: { tags, summary: `Get a ${def.typeName}`, params: IdParams, querystring: GetQuery } },
    (request) => getRow(app.deps, actorOf(request), def, request.params.id, query(request)));
  if (def.readOnly) return;
  if (served('create')) app.post(path, {
    config: { modelName: def.typeName },
    preValidation: rejectEmptyBody,
    schema: { tags, summary: `Create a ${def.typeName}`, body: createBodySchema(def) },
  }, async (request, reply) => reply.status(201).send(await createRow(app.deps, actorOf(request), def, request.body)));
  if (served('update')) app.put(`${path}/:id`, {
    config: { modelName: def.typeName },
    preValidation: rejectNullBody,
    schema: { tags, summary: `Update a ${def.typeName}`, params: IdParams, body: updateBodySchema(def) },
  }, (request) => updateRow(app.deps, actorOf(request), def, request.params.id, request.body));
  if (served('delete')) app.delete(`${path}/:id`, { schema: { tags, summary: `Delete a ${def.typeName}`, params: IdParams, querystring: DeleteQuery } },
    async (request, reply) => {
      await deleteRow(app.deps, actorOf(request), def, request.params.id, query(request));
      return reply.status(204).send();
    });
};

/** Generic CRUD (§3): every collection of collections/index.ts under `data/`. */
export const crudRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const def of collections) await app.register(collectionRoutes(def));
};

export default crudRoutes;
