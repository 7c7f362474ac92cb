import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PreviewFile } from '../../../../packages/contracts/src/previews.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { listTaskPreviews } from './task-previews.service.ts';

/** `GET data/tasks/<task_id>/previews` (#14; the Kitsu web client's task panel): every preview file of the task. */
export const taskPreviewsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/data/tasks/:task_id/previews', {
    schema: {
      tags: ['previews'], summary: "The task's preview files, newest revision first (who may see the task)",
      params: Type.Object({ task_id: Type.String() }), response: { 200: Type.Array(PreviewFile) },
    },
  }, async (request) => listTaskPreviews(app.deps.db, actorOf(request), request.params.task_id));
};
