import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  EntityFilterQuery,
  EntityList,
  EntityRow,
  EpisodeParams,
  ForceQuery,
  FullSequence,
  NewSequenceBody,
  ProjectParams,
  SequenceParams,
} from '../../../../packages/contracts/src/breakdown.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { removeEntity } from './entity-deletion.service.ts';
import { featureId, isTrueFlag } from './ids.ts';
import {
  createSequence,
  getFullSequence,
  listEpisodeSequences,
  listProjectSequences,
  listSequences,
} from './sequences.service.ts';

const tags = ['sequences'];

/** Sequences (§4.4 gazu.shot): lists, full sequence, get-or-create and (soft) delete. */
export const sequenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/data/projects/:project_id/sequences', {
    schema: { tags, summary: 'Sequences of a project (team member)', params: ProjectParams, response: { 200: EntityList } },
  }, async (request) => listProjectSequences(app.deps, actorOf(request), featureId(request.params.project_id)));

  app.post('/data/projects/:project_id/sequences', {
    schema: {
      tags, summary: 'Create a sequence, or return the existing one with that name in the episode (manager)',
      params: ProjectParams, body: NewSequenceBody, response: { 201: EntityRow },
    },
  }, async (request, reply) => {
    const sequence = await createSequence(app.deps, actorOf(request), featureId(request.params.project_id), request.body);
    return reply.code(201).send(sequence);
  });

  app.get('/data/sequences', {
    schema: {
      tags, summary: 'Sequences matching entity-column filters (project_id or episode_id, name); admin only without a project',
      querystring: EntityFilterQuery, response: { 200: EntityList },
    },
  }, async (request) => listSequences(app.deps, actorOf(request), request.query));

  app.get('/data/sequences/:sequence_id', {
    schema: { tags, summary: 'A sequence with its project and episode names', params: SequenceParams, response: { 200: FullSequence } },
  }, async (request) => getFullSequence(app.deps, actorOf(request), featureId(request.params.sequence_id)));

  app.delete('/data/sequences/:sequence_id', {
    schema: {
      tags, summary: 'Delete a sequence; force=true also deletes its shots and tasks (creator or manager)',
      params: SequenceParams, querystring: ForceQuery,
    },
  }, async (request, reply) => {
    await removeEntity(app.deps, actorOf(request), 'Sequence', featureId(request.params.sequence_id), isTrueFlag(request.query.force));
    return reply.code(204).send();
  });

  app.get('/data/episodes/:episode_id/sequences', {
    schema: { tags, summary: 'Sequences of an episode', params: EpisodeParams, querystring: EntityFilterQuery, response: { 200: EntityList } },
  }, async (request) => listEpisodeSequences(app.deps, actorOf(request), featureId(request.params.episode_id), request.query));
};
