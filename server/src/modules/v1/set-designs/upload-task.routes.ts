import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, HTTPError } from '../../../../../packages/contracts/src/set-designs/common.schema.ts';
import {
  SetDesignBaseImagesUploadTaskPublic,
  UploadParams,
  UploadQuery,
  UploadTaskParams,
} from '../../../../../packages/contracts/src/set-designs/upload-tasks.schema.ts';
import { actorOf } from '../../../platform/auth/authenticate.ts';
import { presentUploadTask } from './upload-task.presenter.ts';
import { acceptBaseImagesZip, getUploadTask, latestTaskFor } from './upload-task.service.ts';

const tags = ['set-designs'];

/** ZIP uploads of base images, processed in the background, and their progress records. */
export const uploadTaskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, { limits: { fileSize: app.deps.config.uploads.maxZipBytes, files: 1, fields: 10, parts: 20 } });

  app.post('/:set_design_id/base-images/upload', {
    schema: {
      tags, summary: 'Upload Set Design Base Images Zip',
      description: 'Upload a ZIP (multipart field "file") of images named after shot type slugs (front_full_body.jpg) as one '
        + "subject's base images. Answers at once with a PENDING task to poll; a background job does the work.",
      consumes: ['multipart/form-data'], params: UploadParams, querystring: UploadQuery,
      response: { 200: SetDesignBaseImagesUploadTaskPublic, 413: HTTPError, ...errorResponses },
    },
  }, async (request) =>
    presentUploadTask(await acceptBaseImagesZip(app.deps, actorOf(request), request, request.params.set_design_id, request.query)));

  app.get('/upload-tasks/:task_id', {
    schema: {
      tags, summary: 'Get Set Design Base Images Upload Task', params: UploadTaskParams,
      response: { 200: SetDesignBaseImagesUploadTaskPublic, ...errorResponses },
    },
  }, async (request) => presentUploadTask(await getUploadTask(app.deps, actorOf(request), request.params.task_id)));

  app.get('/:set_design_id/base-images/upload-task', {
    schema: {
      tags, summary: 'Get Set Design Base Images Upload Task By Set Design',
      description: 'The latest upload task (by created_at) of this set design and subject.',
      params: UploadParams, querystring: UploadQuery,
      response: { 200: SetDesignBaseImagesUploadTaskPublic, ...errorResponses },
    },
  }, async (request) => presentUploadTask(await latestTaskFor(app.deps, actorOf(request), request.params.set_design_id, request.query)));
};
