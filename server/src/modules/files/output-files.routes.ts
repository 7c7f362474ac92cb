import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import {
  EntityOutputTypeParams,
  IdParam,
  NewOutputFile,
  NewOutputFileBody,
  NextRevision,
  NextRevisionBody,
  OutputFile,
  OutputFileFilters,
  OutputFilePath,
  OutputFilePathBody,
  OutputType,
} from '../../../../packages/contracts/src/files.schema.ts';
import {
  buildOutputFilePath,
  createOutputFile,
  lastOutputFilesOfEntity,
  listOutputFilesOfEntity,
  listOutputFilesOfEntityType,
  listOutputFilesOfProject,
  listOutputTypesOfEntity,
  nextOutputFileRevision,
} from './output-files.service.ts';

const tags = ['files'];

/** Output files of entities (§4.9 gazu.files): paths, revisions, publishing, lists. */
export const outputFileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;

  app.post('/data/entities/:id/output-file-path', {
    schema: {
      tags, summary: 'Folder and file name of an output file revision, from the project file tree (team member)',
      params: IdParam, body: OutputFilePathBody, response: { 200: OutputFilePath },
    },
  }, async (request) => buildOutputFilePath(actorOf(request), { entityId: request.params.id, body: request.body }, db));

  app.post('/data/entities/:id/output-files/next-revision', {
    schema: { tags, summary: 'The next revision number of an output', params: IdParam, body: NextRevisionBody, response: { 200: NextRevision } },
  }, async (request) => nextOutputFileRevision(actorOf(request), { entityId: request.params.id, body: request.body }, db));

  app.post('/data/entities/:id/output-files/new', {
    schema: {
      tags, summary: 'A new output file revision; with working_file_id, that working file published (team member)',
      params: IdParam, body: NewOutputFileBody, response: { 201: NewOutputFile },
    },
  }, async (request, reply) => {
    const file = await inTransaction(app.deps, (tx, events) => createOutputFile(actorOf(request), { entityId: request.params.id, body: request.body }, tx, events));
    return reply.status(201).send(file);
  });

  app.get('/data/entities/:id/output-files', {
    schema: { tags, summary: "An entity's output files, newest revision first", params: IdParam, querystring: OutputFileFilters, response: { 200: Type.Array(OutputFile) } },
  }, async (request) => listOutputFilesOfEntity(actorOf(request), { entityId: request.params.id, filters: request.query }, db));

  app.get('/data/entities/:id/output-files/last-revisions', {
    schema: { tags, summary: 'The last revision of each output of an entity', params: IdParam, querystring: OutputFileFilters, response: { 200: Type.Array(OutputFile) } },
  }, async (request) => lastOutputFilesOfEntity(actorOf(request), { entityId: request.params.id, filters: request.query }, db));

  app.get('/data/entities/:id/output-types', {
    schema: { tags, summary: 'The output types an entity has files of', params: IdParam, response: { 200: Type.Array(OutputType) } },
  }, async (request) => listOutputTypesOfEntity(actorOf(request), request.params.id, db));

  app.get('/data/entities/:id/output-types/:outputTypeId/output-files', {
    schema: {
      tags, summary: "An entity's output files of one output type (?representation)",
      params: EntityOutputTypeParams, querystring: Type.Object({ representation: Type.Optional(Type.String()) }),
      response: { 200: Type.Array(OutputFile) },
    },
  }, async (request) => listOutputFilesOfEntityType(actorOf(request), { entityId: request.params.id, outputTypeId: request.params.outputTypeId, representation: request.query.representation }, db));

  app.get('/data/projects/:id/output-files', {
    schema: { tags, summary: "A project's output files (manager of the project)", params: IdParam, querystring: OutputFileFilters, response: { 200: Type.Array(OutputFile) } },
  }, async (request) => listOutputFilesOfProject(actorOf(request), { projectId: request.params.id, filters: request.query }, db));
};
