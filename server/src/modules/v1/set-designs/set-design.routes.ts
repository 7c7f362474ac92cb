import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Message, OrganizationScope, Pagination, errorResponses } from '../../../../../packages/contracts/src/set-designs/common.schema.ts';
import {
  FindBaseImageQuery,
  SetBaseImagePublic,
  SetDesignCompletionRequest,
  SetDesignCreate,
  SetDesignListQuery,
  SetDesignNotificationPublic,
  SetDesignNotificationsPublic,
  SetDesignPublic,
  SetDesignsPublic,
  SetDesignUpdate,
} from '../../../../../packages/contracts/src/set-designs/set-designs.schema.ts';
import { actorOf } from '../../../platform/auth/authenticate.ts';
import { useV1ErrorHandler } from '../organizations/v1-errors.ts';
import { requestCompletion } from './completion-request.service.ts';
import { presentNotification } from './notification.presenter.ts';
import { listMyNotifications, readNotification } from './notification.service.ts';
import { defineSetDesignJobs } from './set-design.jobs.ts';
import { createSetDesign, deleteSetDesign, findBaseImage, getSetDesign, listSetDesigns, updateSetDesign } from './set-design.service.ts';
import { uploadTaskRoutes } from './upload-task.routes.ts';

const tags = ['set-designs'];

/** /api/v1/set-designs (seed 003): set designs, their base image lookup, completion requests, uploads. */
export const setDesignRoutes: FastifyPluginAsyncTypebox = async (app) => {
  useV1ErrorHandler(app);
  defineSetDesignJobs(app.deps);

  app.get('/', {
    schema: { tags, summary: 'Read Set Designs', querystring: SetDesignListQuery, response: { 200: SetDesignsPublic, ...errorResponses } },
  }, async (request) => listSetDesigns(app.deps, actorOf(request), request.query));

  app.post('/', {
    schema: {
      tags, summary: 'Create Set Design', description: 'Create a new set design with base images and reference images.',
      querystring: OrganizationScope, body: SetDesignCreate, response: { 200: SetDesignPublic, ...errorResponses },
    },
  }, async (request) => createSetDesign(app.deps, actorOf(request), request.query.organization_id, request.body));

  app.get('/notifications', {
    schema: { tags, summary: "The caller's set-design notifications (completion requests)", querystring: Pagination, response: { 200: SetDesignNotificationsPublic, ...errorResponses } },
  }, async (request) => {
    const { rows, count } = await listMyNotifications(app.deps, actorOf(request), request.query);
    return { data: rows.map(presentNotification), count };
  });

  app.post('/notifications/:id/read', {
    schema: { tags, summary: 'Mark a notification read', params: IdParams, response: { 200: SetDesignNotificationPublic, ...errorResponses } },
  }, async (request) => presentNotification(await readNotification(app.deps, actorOf(request), request.params.id)));

  app.get('/:id', {
    schema: { tags, summary: 'Read Set Design', params: IdParams, querystring: OrganizationScope, response: { 200: SetDesignPublic, ...errorResponses } },
  }, async (request) => getSetDesign(app.deps, actorOf(request), request.params.id, request.query.organization_id));

  app.put('/:id', {
    schema: {
      tags, summary: 'Update Set Design', description: 'Image lists given replace the stored ones wholly; null leaves them.',
      params: IdParams, querystring: OrganizationScope, body: SetDesignUpdate, response: { 200: SetDesignPublic, ...errorResponses },
    },
  }, async (request) => updateSetDesign(app.deps, actorOf(request), request.params.id, request.query.organization_id, request.body));

  app.delete('/:id', {
    schema: { tags, summary: 'Delete Set Design', params: IdParams, querystring: OrganizationScope, response: { 200: Message, ...errorResponses } },
  }, async (request) => {
    await deleteSetDesign(app.deps, actorOf(request), request.params.id, request.query.organization_id);
    return { message: 'Set design deleted successfully' };
  });

  app.get('/:id/base-image', {
    schema: {
      tags, summary: 'Find Set Base Image', description: 'Find a base image by subject + shot_type within a set design.',
      params: IdParams, querystring: FindBaseImageQuery, response: { 200: SetBaseImagePublic, ...errorResponses },
    },
  }, async (request) => findBaseImage(app.deps, actorOf(request), request.params.id, request.query));

  app.post('/:id/request-completion', {
    schema: {
      tags, summary: 'Request Set Design Completion',
      description: 'Notify the operators that these subjects or shot types are not covered by the set design yet.',
      params: IdParams, querystring: OrganizationScope, body: SetDesignCompletionRequest, response: { 200: Message, ...errorResponses },
    },
  }, async (request) => requestCompletion(app.deps, actorOf(request), request.params.id, request.query.organization_id, request.body));

  await app.register(uploadTaskRoutes);
};

export default setDesignRoutes;
