import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  EntityFilterQuery,
  EntityList,
  EntityRow,
  EpisodeParams,
  ForceQuery,
  FullShot,
  NamedShotList,
  NewShotBody,
  ProjectParams,
  SequenceParams,
  ShotParams,
  ShotUpdateBody,
} from '../../../../packages/contracts/src/breakdown.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { removeEntity } from './entity-deletion.service.ts';
import { featureId, isTrueFlag } from './ids.ts';
import {
  createShot,
  getFullShot,
  listEpisodeShots,
  listProjectShots,
  listShots,
  updateShot,
} from './shots.service.ts';

const tags = ['shots'];

/** Shots (§4.4 gazu.shot): lists, full shot, get-or-create, restore and (soft) delete. */
export const shotRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/data/projects/:project_id/shots', {
    schema: { tags, summary: 'Shots of a project (team member; vendors: assigned shots)', params: ProjectParams, response: { 200: EntityList } },
  }, async (request) => listProjectShots(app.deps, actorOf(request), featureId(request.params.project_id)));

  app.post('/data/projects/:project_id/shots', {
    schema: {
      tags, summary: 'Create a shot, or return the existing one with that name in the sequence (manager)',
      params: ProjectParams, body: NewShotBody, response: { 201: EntityRow },
    },
  }, async (request, reply) => {
    const shot = await createShot(app.deps, actorOf(request), featureId(request.params.project_id), request.body);
    return reply.code(201).send(shot);
  });

  app.get('/data/shots/all', {
    schema: {
      tags, summary: 'Shots matching entity-column filters (sequence_id, name...); admin only without a project',
      querystring: EntityFilterQuery, response: { 200: NamedShotList },
    },
  }, async (request) => listShots(app.deps, actorOf(request), request.query));

  app.get('/data/shots/:shot_id', {
    schema: { tags, summary: 'A shot with its tasks and the names of its project, sequence and episode', params: ShotParams, response: { 200: FullShot } },
  }, async (request) => getFullShot(app.deps, actorOf(request), featureId(request.params.shot_id)));

  app.put('/data/shots/:shot_id', {
    schema: { tags, summary: 'Update a shot, e.g. restore it with {canceled: false} (manager)', params: ShotParams, body: ShotUpdateBody, response: { 200: EntityRow } },
  }, async (request) => updateShot(app.deps, actorOf(request), featureId(request.params.shot_id), request.body));

  app.delete('/data/shots/:shot_id', {
    schema: {
      tags, summary: 'Delete a shot; without force=true a shot with tasks is only flagged canceled (creator or manager)',
      params: ShotParams, querystring: ForceQuery,
    },
  }, async (request, reply) => {
    await removeEntity(app.deps, actorOf(request), 'Shot', featureId(request.params.shot_id), isTrueFlag(request.query.force));
    return reply.code(204).send();
  });

  app.get('/data/sequences/:sequence_id/shots', {
    schema: { tags, summary: 'Shots of a sequence, with project and sequence names', params: SequenceParams, querystring: EntityFilterQuery, response: { 200: NamedShotList } },
  }, async (request) => listShots(app.deps, actorOf(request), request.query, featureId(request.params.sequence_id)));

  app.get('/data/episodes/:episode_id/shots', {
    schema: { tags, summary: 'Shots of the sequences of an episode', params: EpisodeParams, response: { 200: EntityList } },
  }, async (request) => listEpisodeShots(app.deps, actorOf(request), featureId(request.params.episode_id)));
};
