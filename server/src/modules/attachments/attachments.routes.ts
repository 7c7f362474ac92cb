import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { errors } from '../../platform/errors/index.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { sandboxDownloads, sendStoredFile } from '../../platform/http/file-download.ts';
import { discardFiles, receiveFiles, registerStreamedUploads } from '../../platform/http/uploads.ts';
import { attachmentKey } from '../../platform/storage/layout.ts';
import { AttachmentDownloadParams, AttachmentFile, FileNameParam, IdParam, TaskCommentParams } from '../../../../packages/contracts/src/previews.schema.ts';
import { addAttachmentsToComment, attachmentDownload, attachmentThumbnail, listAttachmentsOf, presentAttachment, readableAttachment, requireAttachmentRights } from './attachment.service.ts';

const tags = ['comments'];
/** Shown in the browser; every other attachment is a download. */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);
const MAX_FILES = 20;

/** Comment attachments (§6.1, §6.3): adding files to a comment, reading and downloading them. */
export const attachmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, storage, config } = app.deps;
  const maxBytes = config.uploads.maxFileBytes;
  await registerStreamedUploads(app, { maxBytes, maxFiles: MAX_FILES });
  sandboxDownloads(app);

  app.post('/actions/tasks/:taskId/comments/:commentId/add-attachment', {
    schema: {
      tags, summary: 'Attach files to a comment (multipart "file", "file-1"...; its author or a manager of the project)',
      consumes: ['multipart/form-data'], params: TaskCommentParams, response: { 201: Type.Array(AttachmentFile) },
    },
  }, async (request, reply) => {
    await requireAttachmentRights(db, actorOf(request), request.params);
    const { files } = await receiveFiles(request, { storage, keyOf: attachmentKey, maxBytes });
    try {
      const attachments = await inTransaction(app.deps, (tx, events) =>
        addAttachmentsToComment(actorOf(request), { ...request.params, files }, tx, events));
      return await reply.status(201).send(attachments);
    } catch (error) {
      await discardFiles(storage, files);
      throw error;
    }
  });

  app.get('/data/attachment-files/:id', {
    schema: { tags, summary: 'An attachment file (access to its comment\'s task)', params: IdParam, response: { 200: AttachmentFile } },
  }, async (request) => presentAttachment(await readableAttachment(actorOf(request), request.params.id, db)));

  app.get('/data/tasks/:id/attachment-files', {
    schema: { tags, summary: 'The attachments of every comment of a task (admins)', params: IdParam, response: { 200: Type.Array(AttachmentFile) } },
  }, async (request) => listAttachmentsOf(actorOf(request), { taskId: request.params.id }, db));

  app.get('/data/projects/:id/attachment-files', {
    schema: { tags, summary: 'The attachments of the comments of every task of a project (admins)', params: IdParam, response: { 200: Type.Array(AttachmentFile) } },
  }, async (request) => listAttachmentsOf(actorOf(request), { projectId: request.params.id }, db));

  app.get('/data/attachment-files/:id/file/:name', {
    schema: { tags, summary: 'Download an attachment (images inline, anything else as a download)', params: AttachmentDownloadParams },
  }, async (request, reply) => {
    const file = await attachmentDownload(actorOf(request), request.params.id, db);
    return sendStoredFile(request, reply, storage, { ...file, download: !INLINE_IMAGES.has(file.contentType) });
  });

  app.get('/pictures/thumbnails/attachment-files/:file', {
    schema: { tags, summary: 'Thumbnail of an image attachment, 150×100 PNG (<id>.png; 404 when not an image)', params: FileNameParam },
  }, async (request, reply) => {
    const match = /^(.+)\.png$/i.exec(request.params.file);
    if (!match?.[1]) throw errors.notFound();
    return sendStoredFile(request, reply, storage, await attachmentThumbnail(actorOf(request), match[1], app.deps));
  });
};

export default attachmentRoutes;
