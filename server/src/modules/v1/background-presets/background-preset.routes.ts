import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Message, OrganizationScope, PageQuery, errorResponses } from '../../../../../packages/contracts/src/set-designs/common.schema.ts';
import { BackgroundPresetCreate, BackgroundPresetPublic, BackgroundPresetsPublic, BackgroundPresetUpdate } from '../../../../../packages/contracts/src/set-designs/catalog.schema.ts';
import { actorOf } from '../../../platform/auth/authenticate.ts';
import { useV1ErrorHandler } from '../organizations/v1-errors.ts';
import { presentBackgroundPreset } from './background-preset.presenter.ts';
import { createBackgroundPreset, deleteBackgroundPreset, getBackgroundPreset, listBackgroundPresets, updateBackgroundPreset } from './background-preset.service.ts';

const tags = ['background-presets'];

/** /api/v1/background-presets, scoped by `organization_id` like every v1 route. */
export const backgroundPresetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  useV1ErrorHandler(app);

  app.get('/', {
    schema: { tags, summary: 'Read background presets', querystring: PageQuery, response: { 200: BackgroundPresetsPublic, ...errorResponses } },
  }, async (request) => {
    const { rows, count } = await listBackgroundPresets(app.deps, actorOf(request), request.query);
    return { data: rows.map(presentBackgroundPreset), count };
  });

  app.post('/', {
    schema: { tags, summary: 'Create a background preset', querystring: OrganizationScope, body: BackgroundPresetCreate, response: { 200: BackgroundPresetPublic, ...errorResponses } },
  }, async (request) => presentBackgroundPreset(await createBackgroundPreset(app.deps, actorOf(request), request.query.organization_id, request.body)));

  app.get('/:id', {
    schema: { tags, summary: 'Read a background preset', params: IdParams, querystring: OrganizationScope, response: { 200: BackgroundPresetPublic, ...errorResponses } },
  }, async (request) => presentBackgroundPreset(await getBackgroundPreset(app.deps, actorOf(request), request.params.id, request.query.organization_id)));

  app.put('/:id', {
    schema: { tags, summary: 'Update a background preset', params: IdParams, querystring: OrganizationScope, body: BackgroundPresetUpdate, response: { 200: BackgroundPresetPublic, ...errorResponses } },
  }, async (request) =>
    presentBackgroundPreset(await updateBackgroundPreset(app.deps, actorOf(request), request.params.id, request.query.organization_id, request.body)));

  app.delete('/:id', {
    schema: { tags, summary: 'Delete a background preset (set designs using it keep none)', params: IdParams, querystring: OrganizationScope, response: { 200: Message, ...errorResponses } },
  }, async (request) => {
    await deleteBackgroundPreset(app.deps, actorOf(request), request.params.id, request.query.organization_id);
    return { message: 'Background preset deleted successfully' };
  });
};

export default backgroundPresetRoutes;
