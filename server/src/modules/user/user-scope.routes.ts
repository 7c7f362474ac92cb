import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import {
  AssetTypeList,
  EntityList,
  EntityParams,
  ProjectAssetTypeParams,
  ProjectParams,
  TaskList,
  TaskTypeList,
} from '../../../../packages/contracts/src/user.schema.ts';
import type { ScopedKind } from './user-scope.repository.ts';
import {
  assetTypeAssets,
  entityTasks,
  entityTaskTypes,
  projectAssetTypes,
  projectEpisodes,
  projectSequences,
  sequenceChildren,
} from './user-scope.service.ts';

const tags = ['user'];
const config = { access: 'person' } as const;
const scoped = 'Only what the caller has tasks assigned on, in open projects.';

/** gazu.user's user-scope reads (§4.8): breakdown and tasks filtered to the caller's assignments. */
export const userScopeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;
  const schema = <S>(summary: string, params: S, list: unknown) => ({ config, schema: { tags, summary, description: scoped, params, response: { 200: list } } });

  app.get('/data/user/projects/:project_id/asset-types', schema('Asset types of the project', ProjectParams, AssetTypeList),
    async (request) => projectAssetTypes(db, actorOf(request), request.params.project_id));

  app.get('/data/user/projects/:project_id/asset-types/:asset_type_id/assets', schema('Assets of a type in the project', ProjectAssetTypeParams, EntityList),
    async (request) => assetTypeAssets(db, actorOf(request), request.params.project_id, request.params.asset_type_id));

  app.get('/data/user/projects/:project_id/sequences', schema('Sequences of the project', ProjectParams, EntityList),
    async (request) => projectSequences(db, actorOf(request), request.params.project_id));

  app.get('/data/user/projects/:project_id/episodes', schema('Episodes of the project', ProjectParams, EntityList),
    async (request) => projectEpisodes(db, actorOf(request), request.params.project_id));

  app.get('/data/user/sequences/:entity_id/shots', schema('Shots of a sequence', EntityParams, EntityList),
    async (request) => sequenceChildren(db, actorOf(request), request.params.entity_id, 'Shot'));

  app.get('/data/user/sequences/:entity_id/scenes', schema('Scenes of a sequence', EntityParams, EntityList),
    async (request) => sequenceChildren(db, actorOf(request), request.params.entity_id, 'Scene'));

  const kinds: Array<[string, ScopedKind]> = [['assets', 'Asset'], ['shots', 'Shot'], ['scenes', 'Scene'], ['sequences', 'Sequence']];
  for (const [segment, kind] of kinds) {
    app.get(`/data/user/${segment}/:entity_id/tasks`, schema(`The caller's tasks on a ${kind.toLowerCase()}`, EntityParams, TaskList),
      async (request) => entityTasks(db, actorOf(request), request.params.entity_id, kind));

    app.get(`/data/user/${segment}/:entity_id/task-types`, schema(`Task types of the caller's tasks on a ${kind.toLowerCase()}`, EntityParams, TaskTypeList),
      async (request) => entityTaskTypes(db, actorOf(request), request.params.entity_id, kind));
  }
};
