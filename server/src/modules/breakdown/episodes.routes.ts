import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  EntityFilterQuery,
  EntityList,
  EntityRow,
  EpisodeParams,
  ForceQuery,
  FullEpisode,
  NewEpisodeBody,
  ProjectParams,
} from '../../../../packages/contracts/src/breakdown.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { removeEntity } from './entity-deletion.service.ts';
import { createEpisode, getFullEpisode, listEpisodes, listProjectEpisodes } from './episodes.service.ts';
import { featureId, isTrueFlag } from './ids.ts';

const tags = ['episodes'];

/** Episodes (§4.4 gazu.shot): lists, full episode, get-or-create and (soft) delete. */
export const episodeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/data/projects/:project_id/episodes', {
    schema: { tags, summary: 'Episodes of a project (team member)', params: ProjectParams, response: { 200: EntityList } },
  }, async (request) => listProjectEpisodes(app.deps, actorOf(request), featureId(request.params.project_id)));

  app.post('/data/projects/:project_id/episodes', {
    schema: {
      tags, summary: 'Create an episode, or return the existing one with that name (manager)',
      params: ProjectParams, body: NewEpisodeBody, response: { 201: EntityRow },
    },
  }, async (request, reply) => {
    const episode = await createEpisode(app.deps, actorOf(request), featureId(request.params.project_id), request.body);
    return reply.code(201).send(episode);
  });

  app.get('/data/episodes', {
    schema: {
      tags, summary: 'Episodes matching entity-column filters (project_id, name); admin only without a project',
      querystring: EntityFilterQuery, response: { 200: EntityList },
    },
  }, async (request) => listEpisodes(app.deps, actorOf(request), request.query));

  app.get('/data/episodes/:episode_id', {
    schema: { tags, summary: 'An episode with its project name', params: EpisodeParams, response: { 200: FullEpisode } },
  }, async (request) => getFullEpisode(app.deps, actorOf(request), featureId(request.params.episode_id)));

  app.delete('/data/episodes/:episode_id', {
    schema: {
      tags, summary: 'Delete an episode; force=true also deletes its sequences, shots, assets and tasks (creator or manager)',
      params: EpisodeParams, querystring: ForceQuery,
    },
  }, async (request, reply) => {
    await removeEntity(app.deps, actorOf(request), 'Episode', featureId(request.params.episode_id), isTrueFlag(request.query.force));
    return reply.code(204).send();
  });
};
