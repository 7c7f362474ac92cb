import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AssetParams,
  AssetTypeList,
  EntityFilterQuery,
  EntityList,
  EntityRow,
  ForceQuery,
  FullAsset,
  NewAssetBody,
  ProjectAssetTypeParams,
  ProjectParams,
  ShotParams,
} from '../../../../packages/contracts/src/breakdown.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import {
  createAsset,
  getFullAsset,
  listAssets,
  listProjectAssets,
  listProjectAssetTypes,
  listProjectTypeAssets,
  listShotAssets,
  listShotAssetTypes,
} from './assets.service.ts';
import { removeEntity } from './entity-deletion.service.ts';
import { featureId, isTrueFlag } from './ids.ts';

const tags = ['assets'];

/** Assets and the asset types in use (§4.5 gazu.asset). */
export const assetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/data/projects/:project_id/assets', {
    schema: {
      tags, summary: 'Assets of a project; query keys filter on entity columns (team member; vendors: assigned)',
      params: ProjectParams, querystring: EntityFilterQuery, response: { 200: EntityList },
    },
  }, async (request) => listProjectAssets(app.deps, actorOf(request), featureId(request.params.project_id), request.query));

  app.get('/data/projects/:project_id/asset-types/:asset_type_id/assets', {
    schema: { tags, summary: 'Assets of a project and asset type', params: ProjectAssetTypeParams, querystring: EntityFilterQuery, response: { 200: EntityList } },
  }, async (request) => listProjectTypeAssets(
    app.deps, actorOf(request), featureId(request.params.project_id), featureId(request.params.asset_type_id), request.query,
  ));

  app.post('/data/projects/:project_id/asset-types/:asset_type_id/assets/new', {
    schema: { tags, summary: 'Create an asset (always inserts; manager)', params: ProjectAssetTypeParams, body: NewAssetBody, response: { 201: EntityRow } },
  }, async (request, reply) => {
    const asset = await createAsset(
      app.deps, actorOf(request), featureId(request.params.project_id), featureId(request.params.asset_type_id), request.body,
    );
    return reply.code(201).send(asset);
  });

  for (const url of ['/data/assets/all', '/data/assets']) {
    app.get(url, {
      schema: {
        tags, summary: 'Assets matching entity-column filters (project_id, name, entity_type_id, source_id, episode_id)',
        querystring: EntityFilterQuery, response: { 200: EntityList },
      },
    }, async (request) => listAssets(app.deps, actorOf(request), request.query));
  }

  app.get('/data/assets/:asset_id', {
    schema: { tags, summary: 'An asset with its tasks, project and asset type names and episode', params: AssetParams, response: { 200: FullAsset } },
  }, async (request) => getFullAsset(app.deps, actorOf(request), featureId(request.params.asset_id)));

  app.delete('/data/assets/:asset_id', {
    schema: {
      tags, summary: 'Delete an asset; without force=true an asset with tasks is only flagged canceled (creator or manager)',
      params: AssetParams, querystring: ForceQuery,
    },
  }, async (request, reply) => {
    await removeEntity(app.deps, actorOf(request), 'Asset', featureId(request.params.asset_id), isTrueFlag(request.query.force));
    return reply.code(204).send();
  });

  app.get('/data/shots/:shot_id/assets', {
    schema: { tags, summary: 'Assets cast in a shot', params: ShotParams, response: { 200: EntityList } },
  }, async (request) => listShotAssets(app.deps, actorOf(request), featureId(request.params.shot_id)));

  app.get('/data/projects/:project_id/asset-types', {
    schema: { tags, summary: 'Asset types used by the assets of a project', params: ProjectParams, response: { 200: AssetTypeList } },
  }, async (request) => listProjectAssetTypes(app.deps, actorOf(request), featureId(request.params.project_id)));

  app.get('/data/shots/:shot_id/asset-types', {
    schema: { tags, summary: 'Asset types of the assets cast in a shot', params: ShotParams, response: { 200: AssetTypeList } },
  }, async (request) => listShotAssetTypes(app.deps, actorOf(request), featureId(request.params.shot_id)));
};
