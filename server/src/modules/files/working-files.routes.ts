import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { sandboxDownloads, sendStoredFile } from '../../platform/http/file-download.ts';
import { receiveFile, registerStreamedUploads } from '../../platform/http/uploads.ts';
import {
  IdParam,
  NewWorkingFileBody,
  WorkingFile,
  WorkingFileCommentBody,
  WorkingFileFilters,
  WorkingFilePath,
  WorkingFilePathBody,
} from '../../../../packages/contracts/src/files.schema.ts';
import {
  buildWorkingFilePath,
  commentWorkingFile,
  createWorkingFile,
  lastWorkingFilesOfTask,
  listWorkingFilesOfEntity,
  listWorkingFilesOfTask,
  touchWorkingFileRow,
  uploadWorkingFile,
  workingFileDownload,
} from './working-files.service.ts';

const tags = ['files'];

/** Working files of tasks (§4.9 gazu.files): paths, revisions, comments, and the stored file itself. */
export const workingFileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, storage, config } = app.deps;
  const maxBytes = config.uploads.maxFileBytes;
  await registerStreamedUploads(app, { maxBytes, maxFiles: 1 });
  sandboxDownloads(app);

  app.post('/data/tasks/:id/working-file-path', {
    schema: {
      tags, summary: 'Folder and file name of a working file revision, from the project file tree (team member)',
      params: IdParam, body: WorkingFilePathBody, response: { 200: WorkingFilePath },
    },
  }, async (request) => buildWorkingFilePath(actorOf(request), { taskId: request.params.id, body: request.body }, db));

  app.post('/data/tasks/:id/working-files/new', {
    schema: {
      tags, summary: 'A new working file revision of a task (team member); the caller is assigned to the task',
      params: IdParam, body: NewWorkingFileBody, response: { 201: WorkingFile },
    },
  }, async (request, reply) => {
    const file = await inTransaction(app.deps, (tx, events) => createWorkingFile(actorOf(request), { taskId: request.params.id, body: request.body }, tx, events));
    return reply.status(201).send(file);
  });

  app.get('/data/tasks/:id/working-files', {
    schema: { tags, summary: "A task's working files, newest revision first (task access)", params: IdParam, response: { 200: Type.Array(WorkingFile) } },
  }, async (request) => listWorkingFilesOfTask(actorOf(request), request.params.id, db));

  app.get('/data/tasks/:id/working-files/last-revisions', {
    schema: {
      tags, summary: 'The last revision of each working file name of a task: {<name>: working file}',
      params: IdParam, response: { 200: Type.Record(Type.String(), WorkingFile) },
    },
  }, async (request) => lastWorkingFilesOfTask(actorOf(request), request.params.id, db));

  app.get('/data/entities/:id/working-files', {
    schema: {
      tags, summary: "An entity's working files (?task_id&name), newest revision first",
      params: IdParam, querystring: WorkingFileFilters, response: { 200: Type.Array(WorkingFile) },
    },
  }, async (request) => listWorkingFilesOfEntity(actorOf(request), { entityId: request.params.id, filters: request.query }, db));

  app.put('/actions/working-files/:id/comment', {
    schema: { tags, summary: "Change a working file's comment (task actor)", params: IdParam, body: WorkingFileCommentBody, response: { 200: WorkingFile } },
  }, async (request) =>
    inTransaction(app.deps, (tx, events) => commentWorkingFile(actorOf(request), { workingFileId: request.params.id, comment: request.body.comment }, tx, events)));

  app.put('/actions/working-files/:id/modified', {
    schema: { tags, summary: 'Mark a working file modified now (task actor)', params: IdParam, response: { 200: WorkingFile } },
  }, async (request) => inTransaction(app.deps, (tx, events) => touchWorkingFileRow(actorOf(request), request.params.id, tx, events)));

  app.post('/data/working-files/:id/file', {
    schema: {
      tags, summary: 'Upload the file of a working file (multipart field "file"; task access; size-limited, 413)',
      consumes: ['multipart/form-data'], params: IdParam, response: { 201: WorkingFile },
    },
  }, async (request, reply) => {
    const file = await uploadWorkingFile(app.deps, actorOf(request), request.params.id, async (id, key) =>
      (await receiveFile(request, { storage, id, key, maxBytes })).file);
    return reply.status(201).send(file);
  });

  app.get('/data/working-files/:id/file', {
    schema: { tags, summary: 'Download the file of a working file (task access; byte ranges)', params: IdParam },
  }, async (request, reply) => {
    const file = await workingFileDownload(actorOf(request), request.params.id, db);
    return sendStoredFile(request, reply, storage, { ...file, contentType: 'application/octet-stream', download: true });
  });
};
