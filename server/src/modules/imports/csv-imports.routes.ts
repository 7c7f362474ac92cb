import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import {
  CSV_UPLOAD,
  CsvEpisodeEstimationParams,
  CsvEstimationParams,
  CsvImportError,
  CsvImportPreview,
  CsvImportQuery,
  CsvProjectParams,
  ErrorBody,
  IMPORT_COLUMNS,
  ImportedRows,
} from '../../../../packages/contracts/src/imports.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { featureId, isTrueFlag } from '../breakdown/ids.ts';
import { importAssets, importCasting, importEstimations, importPersons, importShots, type CsvImportOutcome } from './csv-imports.service.ts';

const tags = ['imports'];
const responses = { 200: CsvImportPreview, 201: ImportedRows, 400: CsvImportError, 403: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody };

/** 201 with the imported rows; 200 with the preview for a dry run. */
function send(reply: FastifyReply, outcome: CsvImportOutcome<object>): FastifyReply {
  return outcome.dryRun ? reply.code(200).send(outcome.preview) : reply.code(201).send(outcome.rows);
}
const consumes = ['multipart/form-data'];

/** CSV imports (§8.7): one transaction per file, 201 with the imported rows (`dry_run=true`: 200 with a preview, nothing written). */
export const csvImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, { limits: { fileSize: app.deps.config.uploads.maxCsvBytes, files: 1, fields: 20, parts: 30 } });

  app.post('/import/csv/projects/:project_id/shots', {
    schema: { tags, summary: 'Import shots from a CSV file (manager of the project)', description: `${CSV_UPLOAD} ${IMPORT_COLUMNS.shots}`, consumes, params: CsvProjectParams, querystring: CsvImportQuery, response: responses },
  }, async (request, reply) => {
    const input = { projectId: featureId(request.params.project_id), update: isTrueFlag(request.query.update), dryRun: isTrueFlag(request.query.dry_run) };
    return send(reply, await importShots(app.deps, actorOf(request), input, request));
  });

  app.post('/import/csv/projects/:project_id/assets', {
    schema: { tags, summary: 'Import assets from a CSV file (manager of the project)', description: `${CSV_UPLOAD} ${IMPORT_COLUMNS.assets}`, consumes, params: CsvProjectParams, querystring: CsvImportQuery, response: responses },
  }, async (request, reply) => {
    const input = { projectId: featureId(request.params.project_id), update: isTrueFlag(request.query.update), dryRun: isTrueFlag(request.query.dry_run) };
    return send(reply, await importAssets(app.deps, actorOf(request), input, request));
  });

  app.post('/import/csv/projects/:project_id/casting', {
    schema: { tags, summary: 'Import the casting from a CSV file (manager of the project)', description: `${CSV_UPLOAD} ${IMPORT_COLUMNS.casting}`, consumes, params: CsvProjectParams, querystring: CsvImportQuery, response: responses },
  }, async (request, reply) => {
    const input = { projectId: featureId(request.params.project_id), dryRun: isTrueFlag(request.query.dry_run) };
    return send(reply, await importCasting(app.deps, actorOf(request), input, request));
  });

  app.post('/import/csv/persons', {
    schema: { tags, summary: 'Import people from a CSV file (admins)', description: `${CSV_UPLOAD} ${IMPORT_COLUMNS.persons}`, consumes, querystring: CsvImportQuery, response: responses },
  }, async (request, reply) => {
    const input = { update: isTrueFlag(request.query.update), dryRun: isTrueFlag(request.query.dry_run) };
    return send(reply, await importPersons(app.deps, actorOf(request), input, request));
  });

  app.post('/import/csv/projects/:project_id/task-types/:task_type_id/estimations', {
    schema: { tags, summary: 'Import task estimations of a task type from a CSV file', description: `${CSV_UPLOAD} ${IMPORT_COLUMNS.estimations}`, consumes, params: CsvEstimationParams, querystring: CsvImportQuery, response: responses },
  }, async (request, reply) => {
    const input = { projectId: featureId(request.params.project_id), taskTypeId: featureId(request.params.task_type_id), dryRun: isTrueFlag(request.query.dry_run) };
    return send(reply, await importEstimations(app.deps, actorOf(request), input, request));
  });

  app.post('/import/csv/projects/:project_id/episodes/:episode_id/task-types/:task_type_id/estimations', {
    schema: { tags, summary: 'Import task estimations of a task type for one episode', description: `${CSV_UPLOAD} ${IMPORT_COLUMNS.estimations}`, consumes, params: CsvEpisodeEstimationParams, querystring: CsvImportQuery, response: responses },
  }, async (request, reply) => {
    const { params } = request;
    // `main` and `all` (the web app's episode selectors) mean no episode filter, as in Zou.
    const episodeId = params.episode_id === 'main' || params.episode_id === 'all' ? undefined : featureId(params.episode_id);
    const input = { projectId: featureId(params.project_id), taskTypeId: featureId(params.task_type_id), episodeId, dryRun: isTrueFlag(request.query.dry_run) };
    return send(reply, await importEstimations(app.deps, actorOf(request), input, request));
  });
};
