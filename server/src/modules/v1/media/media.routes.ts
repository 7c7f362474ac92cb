import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, errorResponses } from '../../../../../packages/contracts/src/set-designs/common.schema.ts';
import { MediaResourcePublic, MediaUploadQuery } from '../../../../../packages/contracts/src/set-designs/media.schema.ts';
import { actorOf } from '../../../platform/auth/authenticate.ts';
import { useV1ErrorHandler } from '../organizations/v1-errors.ts';
import { sandboxServedFiles, sendStoredFile } from './media-stream.ts';
import { presentMedia } from './media.presenter.ts';
import { getMedia, uploadImage } from './media.service.ts';
import { readUploadedFile } from './multipart-upload.ts';

const tags = ['media'];

/**
 * /api/v1/media: upload an image, read a media resource, stream its bytes and thumbnail. Resources
 * are content-addressed and shared (the same bytes are one row whoever sent them), so reading one
 * takes an authenticated caller and its id: an unguessable uuid that the API only hands out inside
 * the set designs the caller may read.
 */
export const mediaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  useV1ErrorHandler(app);
  sandboxServedFiles(app);
  const limits = app.deps.config.uploads;
  await app.register(multipart, { limits: { fileSize: limits.maxImageBytes, files: 1, fields: 10, parts: 20 } });

  app.post('/', {
    schema: {
      tags, summary: 'Upload an image (multipart field "file"); the same bytes are stored once',
      consumes: ['multipart/form-data'], querystring: MediaUploadQuery,
      response: { 200: MediaResourcePublic, ...errorResponses },
    },
  }, async (request) => {
    const bytes = await readUploadedFile(request, limits.maxImageBytes);
    return presentMedia(await uploadImage(app.deps, actorOf(request), bytes, request.query));
  });

  app.get('/:id', {
    schema: { tags, summary: 'Read a media resource', params: IdParams, response: { 200: MediaResourcePublic, ...errorResponses } },
  }, async (request) => presentMedia(await getMedia(app.deps, request.params.id)));

  app.get('/:id/file', {
    schema: { tags, summary: "The media resource's bytes", params: IdParams },
  }, async (request, reply) => {
    const media = await getMedia(app.deps, request.params.id);
    return sendStoredFile(request, reply, app.deps.storage, {
      key: media.storage_key, mime: media.mime_type, fileName: `${media.id}.${media.extension}`, etag: media.content_hash,
    });
  });

  app.get('/:id/thumbnail', {
    schema: { tags, summary: 'A WebP thumbnail, 320 pixels at most', params: IdParams },
  }, async (request, reply) => {
    const media = await getMedia(app.deps, request.params.id);
    if (!media.thumbnail_key) return reply.status(404).send({ detail: 'Thumbnail not found' });
    return sendStoredFile(request, reply, app.deps.storage, {
      key: media.thumbnail_key, mime: 'image/webp', fileName: `${media.id}-thumbnail.webp`, etag: `${media.content_hash}-t`,
    });
  });
};

export default mediaRoutes;
