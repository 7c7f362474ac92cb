import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, SHOTGUN_FIELDS, ShotgunErrorParams, ShotgunImportError, ShotgunRecords } from '../../../../../packages/contracts/src/imports.schema.ts';
import { actorOf } from '../../../platform/auth/authenticate.ts';
import { featureId } from '../../breakdown/ids.ts';
import { getImportErrors, importShotgunRecords, removeImportError, saveImportError, SHOTGUN_IMPORTERS, type ShotgunKind } from './shotgun-import.service.ts';

const tags = ['imports'];
const ImportedRecords = Type.Array(Type.Object({}, { additionalProperties: true }));
const COUNTS = 'Idempotent by ShotGrid id: the same payload sent again changes nothing (rows keep their updated_at). The response headers '
  + 'X-Import-Created, X-Import-Updated, X-Import-Unchanged and X-Import-Failed count the records; rejected records are kept in import/shotgun/errors.';

/** `import/shotgun/*` (seed 002): ShotGrid records into Rushes, and the import error log. Admins only. */
export const shotgunRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const kind of Object.keys(SHOTGUN_IMPORTERS) as ShotgunKind[]) {
    app.post(`/import/shotgun/${kind}`, {
      schema: {
        tags, summary: `Import ShotGrid ${kind} (admins)`, description: `${SHOTGUN_FIELDS[kind]} ${COUNTS}`,
        body: ShotgunRecords, response: { 200: ImportedRecords, 400: ErrorBody, 403: ErrorBody },
      },
    }, async (request, reply) => {
      const outcome = await importShotgunRecords(app.deps, actorOf(request), kind, request.body);
      return reply
        .header('x-import-created', String(outcome.created))
        .header('x-import-updated', String(outcome.updated))
        .header('x-import-unchanged', String(outcome.unchanged))
        .header('x-import-failed', String(outcome.failures.length))
        .send(outcome.rows);
    });
  }

  app.get('/import/shotgun/errors', {
    schema: { tags, summary: 'ShotGrid import errors (admins)', response: { 200: Type.Array(ShotgunImportError), 403: ErrorBody } },
  }, async (request) => getImportErrors(app.deps, actorOf(request)));

  app.post('/import/shotgun/errors', {
    schema: { tags, summary: 'Store an import error sent by a sync script (admins)', body: Type.Unknown(), response: { 201: ShotgunImportError, 403: ErrorBody } },
  }, async (request, reply) => reply.code(201).send(await saveImportError(app.deps, actorOf(request), request.body)));

  app.delete('/import/shotgun/errors/:error_id', {
    schema: { tags, summary: 'Delete an import error once dealt with (admins)', params: ShotgunErrorParams, response: { 204: Type.Null(), 403: ErrorBody, 404: ErrorBody } },
  }, async (request, reply) => {
    await removeImportError(app.deps, actorOf(request), featureId(request.params.error_id));
    return reply.code(204).send(null);
  });
};
