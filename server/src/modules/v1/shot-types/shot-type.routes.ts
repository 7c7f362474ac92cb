import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Message, OrganizationScope, PageQuery, errorResponses } from '../../../../../packages/contracts/src/set-designs/common.schema.ts';
import { ShotTypeCreate, ShotTypePublic, ShotTypesPublic, ShotTypeUpdate } from '../../../../../packages/contracts/src/set-designs/catalog.schema.ts';
import { actorOf } from '../../../platform/auth/authenticate.ts';
import { useV1ErrorHandler } from '../organizations/v1-errors.ts';
import { presentShotType } from './shot-type.presenter.ts';
import { createShotType, deleteShotType, getShotType, listShotTypes, updateShotType } from './shot-type.service.ts';

const tags = ['shot-types'];

/** /api/v1/shot-types (slug unique per organization), scoped by `organization_id` like every v1 route. */
export const shotTypeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  useV1ErrorHandler(app);

  app.get('/', {
    schema: { tags, summary: 'Read shot types', querystring: PageQuery, response: { 200: ShotTypesPublic, ...errorResponses } },
  }, async (request) => {
    const { rows, count } = await listShotTypes(app.deps, actorOf(request), request.query);
    return { data: rows.map(presentShotType), count };
  });

  app.post('/', {
    schema: { tags, summary: 'Create a shot type', querystring: OrganizationScope, body: ShotTypeCreate, response: { 200: ShotTypePublic, ...errorResponses } },
  }, async (request) => presentShotType(await createShotType(app.deps, actorOf(request), request.query.organization_id, request.body)));

  app.get('/:id', {
    schema: { tags, summary: 'Read a shot type', params: IdParams, querystring: OrganizationScope, response: { 200: ShotTypePublic, ...errorResponses } },
  }, async (request) => presentShotType(await getShotType(app.deps, actorOf(request), request.params.id, request.query.organization_id)));

  app.put('/:id', {
    schema: { tags, summary: 'Update a shot type', params: IdParams, querystring: OrganizationScope, body: ShotTypeUpdate, response: { 200: ShotTypePublic, ...errorResponses } },
  }, async (request) =>
    presentShotType(await updateShotType(app.deps, actorOf(request), request.params.id, request.query.organization_id, request.body)));

  app.delete('/:id', {
    schema: { tags, summary: 'Delete a shot type (base and reference images in it go with it)', params: IdParams, querystring: OrganizationScope, response: { 200: Message, ...errorResponses } },
  }, async (request) => {
    await deleteShotType(app.deps, actorOf(request), request.params.id, request.query.organization_id);
    return { message: 'Shot type deleted successfully' };
  });
};

export default shotTypeRoutes;
