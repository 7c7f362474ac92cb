import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { receiveFile, registerStreamedUploads } from '../../platform/http/uploads.ts';
import {
  AddPreviewBody,
  EntityWithMainPreview,
  ExtraPreviewParams,
  ForceQuery,
  IdParam,
  PreviewFile,
  PreviewUploadQuery,
  SetMainPreviewBody,
  TaskCommentParams,
  UpdateAnnotationsBody,
} from '../../../../packages/contracts/src/previews.schema.ts';
import { defineMovieJob } from './movie-normalize.job.ts';
import { updatePreviewAnnotations } from './preview-annotations.service.ts';
import { useMovieFrame } from './preview-frame.service.ts';
import { uploadPreviewFile } from './preview-upload.service.ts';
import { addExtraPreview, addPreviewToComment, deletePreviewFile, setMainPreview } from './preview.service.ts';

const tags = ['previews'];

/** Previews of comments (§6.2): revisions, the upload, the main preview of an entity, deletion. */
export const previewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { storage, config } = app.deps;
  const maxBytes = config.uploads.maxFileBytes;
  defineMovieJob(app.deps);
  await registerStreamedUploads(app, { maxBytes, maxFiles: 1 });

  app.post('/actions/tasks/:taskId/comments/:commentId/add-preview', {
    schema: {
      tags, summary: 'Add a preview (waiting for its upload) to a comment: next revision, or the given one (task actor)',
      params: TaskCommentParams, body: AddPreviewBody, response: { 201: PreviewFile },
    },
  }, async (request, reply) => {
    const preview = await inTransaction(app.deps, (tx, events) =>
      addPreviewToComment(actorOf(request), { ...request.params, revision: request.body.revision }, tx, events));
    return reply.status(201).send(preview);
  });

  app.post('/actions/tasks/:taskId/comments/:commentId/preview-files/:previewFileId', {
    schema: { tags, summary: 'Add another file to the revision of a preview (task actor)', params: ExtraPreviewParams, response: { 201: PreviewFile } },
  }, async (request, reply) => {
    const preview = await inTransaction(app.deps, (tx, events) => addExtraPreview(actorOf(request), request.params, tx, events));
    return reply.status(201).send(preview);
  });

  app.post('/pictures/preview-files/:id', {
    schema: {
      tags,
      summary: 'Upload the file of a preview (multipart field "file"; task actor; once)',
      description: 'Pictures get a PNG original, thumbnails and a web copy; movies are normalised to H.264 MP4 in a background job '
        + '(status processing, then ready or broken; kept as uploaded with ?normalize=false or without ffmpeg); allow-listed '
        + 'production files are kept as they are. Other extensions: 400 and the preview is removed. Size-limited (413); '
        + 'pictures and movies are checked by content (415).',
      consumes: ['multipart/form-data'], params: IdParam, querystring: PreviewUploadQuery, response: { 201: PreviewFile },
    },
  }, async (request, reply) => {
    const normalize = request.query.normalize?.toLowerCase() !== 'false';
    const preview = await uploadPreviewFile(app.deps, actorOf(request), { previewFileId: request.params.id, normalize }, async (id, key) =>
      (await receiveFile(request, { storage, id, key, maxBytes })).file);
    return reply.status(201).send(preview);
  });

  app.put('/actions/preview-files/:id/set-main-preview', {
    schema: {
      tags, summary: "Make a preview its entity's main preview (team member, not client); frame_number picks a movie frame",
      params: IdParam, body: SetMainPreviewBody, response: { 200: EntityWithMainPreview },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const frame = request.body.frame_number;
    if (frame !== null && frame !== undefined) await useMovieFrame(app.deps, actor, request.params.id, frame);
    return inTransaction(app.deps, (tx, events) => setMainPreview(actor, request.params.id, tx, events));
  });

  app.put('/actions/preview-files/:id/update-annotations', {
    schema: {
      tags, summary: 'Add, replace and remove annotation objects of a preview, frame by frame (team member with access to its task)',
      params: IdParam, body: UpdateAnnotationsBody, response: { 200: PreviewFile },
    },
  }, async (request) => inTransaction(app.deps, (tx, events) =>
    updatePreviewAnnotations(actorOf(request), { previewFileId: request.params.id, changes: request.body }, tx, events)));

  app.delete('/data/preview-files/:id', {
    schema: { tags, summary: 'Delete a preview and its stored files (manager of the project)', params: IdParam, querystring: ForceQuery },
  }, async (request, reply) => {
    await inTransaction(app.deps, (tx, events) => deletePreviewFile(actorOf(request), request.params.id, tx, events));
    app.deps.jobs.wake();
    return reply.status(204).send();
  });
};
