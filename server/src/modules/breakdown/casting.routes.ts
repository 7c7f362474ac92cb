import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AssetParams,
  CastInList,
  CastingBody,
  CastingList,
  CastingMap,
  ProjectAssetTypeParams,
  ProjectEntityParams,
  ProjectParams,
  ProjectSequenceParams,
} from '../../../../packages/contracts/src/breakdown.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import {
  getAssetCastIn,
  getAssetTypeCasting,
  getCasting,
  getEpisodesCasting,
  getSequenceCasting,
  updateCasting,
} from './casting.service.ts';
import { featureId } from './ids.ts';

const tags = ['casting'];

/** Casting (§4.10 gazu.casting): assets cast into shots, assets and episodes. */
export const castingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/data/projects/:project_id/entities/:entity_id/casting', {
    schema: { tags, summary: 'Casting of a shot, asset or episode (team member, not vendors)', params: ProjectEntityParams, response: { 200: CastingList } },
  }, async (request) => getCasting(app.deps, actorOf(request), featureId(request.params.project_id), featureId(request.params.entity_id)));

  app.put('/data/projects/:project_id/entities/:entity_id/casting', {
    schema: {
      tags, summary: 'Replace the casting of a shot, asset or episode with a JSON array of {asset_id, nb_occurences, label} (manager)',
      params: ProjectEntityParams, body: CastingBody,
    },
  }, async (request) => updateCasting(
    app.deps, actorOf(request), featureId(request.params.project_id), featureId(request.params.entity_id), request.body,
  ));

  app.get('/data/projects/:project_id/sequences/:sequence_id/casting', {
    schema: { tags, summary: 'Casting of every shot of a sequence, by shot id', params: ProjectSequenceParams, response: { 200: CastingMap } },
  }, async (request) => getSequenceCasting(
    app.deps, actorOf(request), featureId(request.params.project_id), featureId(request.params.sequence_id),
  ));

  app.get('/data/projects/:project_id/asset-types/:asset_type_id/casting', {
    schema: { tags, summary: 'Casting of every asset of a type, by asset id', params: ProjectAssetTypeParams, response: { 200: CastingMap } },
  }, async (request) => getAssetTypeCasting(
    app.deps, actorOf(request), featureId(request.params.project_id), featureId(request.params.asset_type_id),
  ));

  app.get('/data/projects/:project_id/episodes/casting', {
    schema: { tags, summary: 'Casting of every episode of a project, by episode id', params: ProjectParams, response: { 200: CastingMap } },
  }, async (request) => getEpisodesCasting(app.deps, actorOf(request), featureId(request.params.project_id)));

  app.get('/data/assets/:asset_id/cast-in', {
    schema: { tags, summary: 'Shots and assets an asset is cast in', params: AssetParams, response: { 200: CastInList } },
  }, async (request) => getAssetCastIn(app.deps, actorOf(request), featureId(request.params.asset_id)));
};
