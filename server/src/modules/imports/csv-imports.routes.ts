import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CSV_UPLOAD,
  CsvEpisodeEstimationParams,
  CsvEstimationParams,
  CsvImportError,
  CsvImportQuery,
  CsvProjectParams,
  ErrorBody,
  IMPORT_COLUMNS,
  ImportedRows,
} from '../../../../packages/contracts/src/imports.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { featureId, isTrueFlag } from '../breakdown/ids.ts';
import { importAssets, importCasting, importEstimations, importPersons, importShots } from './csv-imports.service.ts';

const tags = ['imports'];
const responses = { 201: ImportedRows, 400: CsvImportError, 403: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody };
const consumes = ['multipart/form-data'];

/** CSV imports (§8.7): one transaction per file, 201 with the imported rows. */
export const csvImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, { limits: { fileSize: app.deps.config.uploads.maxCsvBytes, files: 1, fields: 20, parts: 30 } });

  app.post('/import/csv/projects/:project_id/shots', {
    schema: { tags, summary: 'Import shots from a CSV file (manager of the project)', description: `${CSV_UPLOAD} ${IMPORT_COLUMNS.shots}`, consumes, params: CsvProjectParams, querystring: CsvImportQuery, response: responses },
  }, async (request, reply) => {
    const input = { projectId: featureId(request.params.project_id), update: isTrueFlag(request.query.update) };
    return reply.code(201).send(await importShots(app.deps, actorOf(request), input, request));
  });

  app.post('/import/csv/projects/:project_id/assets', {
    schema: { tags, summary: 'Import assets from a CSV file (manager of the project)', description: `${CSV_UPLOAD} ${IMPORT_COLUMNS.assets}`, consumes, params: CsvProjectParams, querystring: CsvImportQuery, response: responses },
  }, async (request, reply) => {
    const input = { projectId: featureId(request.params.project_id), update: isTrueFlag(request.query.update) };
    return reply.code(201).send(await importAssets(app.deps, actorOf(request), input, request));
  });

  app.post('/import/csv/projects/:project_id/casting', {
    schema: { tags, summary: 'Import the casting from a CSV file (manager of the project)', description: `${CSV_UPLOAD} ${IMPORT_COLUMNS.casting}`, consumes, params: CsvProjectParams, response: responses },
  }, async (request, reply) => reply.code(201).send(await importCasting(app.deps, actorOf(request), { projectId: featureId(request.params.project_id) }, request)));

  app.post('/import/csv/persons', {
    schema: { tags, summary: 'Import people from a CSV file (admins)', description: `${CSV_UPLOAD} ${IMPORT_COLUMNS.persons}`, consumes, querystring: CsvImportQuery, response: responses },
  }, async (request, reply) => reply.code(201).send(await importPersons(app.deps, actorOf(request), { update: isTrueFlag(request.query.update) }, request)));

  app.post('/import/csv/projects/:project_id/task-types/:task_type_id/estimations', {
    schema: { tags, summary: 'Import task estimations of a task type from a CSV file', description: `${CSV_UPLOAD} ${IMPORT_COLUMNS.estimations}`, consumes, params: CsvEstimationParams, response: responses },
  }, async (request, reply) => {
    const input = { projectId: featureId(request.params.project_id), taskTypeId: featureId(request.params.task_type_id) };
    return reply.code(201).send(await importEstimations(app.deps, actorOf(request), input, request));
  });

  app.post('/import/csv/projects/:project_id/episodes/:episode_id/task-types/:task_type_id/estimations', {
    schema: { tags, summary: 'Import task estimations of a task type for one episode', description: `${CSV_UPLOAD} ${IMPORT_COLUMNS.estimations}`, consumes, params: CsvEpisodeEstimationParams, response: responses },
  }, async (request, reply) => {
    const { params } = request;
    // `main` and `all` (the web app's episode selectors) mean no episode filter, as in Zou.
    const episodeId = params.episode_id === 'main' || params.episode_id === 'all' ? undefined : featureId(params.episode_id);
    const input = { projectId: featureId(params.project_id), taskTypeId: featureId(params.task_type_id), episodeId };
    return reply.code(201).send(await importEstimations(app.deps, actorOf(request), input, request));
  });
};
