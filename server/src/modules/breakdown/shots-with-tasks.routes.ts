import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ShotsWithTasks, ShotsWithTasksQuery } from '../../../../packages/contracts/src/breakdown-with-tasks.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import type { FragmentCache } from './with-tasks.cache.ts';
import { sendTable } from './with-tasks-reply.ts';
import { shotsWithTasks } from './with-tasks.service.ts';

const DESCRIPTION =
  'Every shot of the project (or of a sequence / an episode) with its tasks, for the production table. ' +
  'The answer carries a strong ETag; with If-None-Match equal to it, 304 and no body while nothing changed. ' +
  'Team members; vendors only see the shots, and the tasks, assigned to them.';

/** `GET data/shots/with-tasks` (Rushes, for the web app's shots table); fragments shared with the assets table's cache. */
export const shotsWithTasksRoutes = (cache: FragmentCache): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/data/shots/with-tasks', {
    schema: {
      tags: ['shots'],
      summary: 'Shots with their tasks (production table)',
      description: DESCRIPTION,
      querystring: ShotsWithTasksQuery,
      response: { 200: ShotsWithTasks, 304: Type.Null({ description: 'Not modified: the If-None-Match validator is current' }) },
    },
  }, async (request, reply) =>
    sendTable(reply, await shotsWithTasks(app.deps, cache, actorOf(request), request.query, request.headers['if-none-match']), request.headers['accept-encoding']));
};
