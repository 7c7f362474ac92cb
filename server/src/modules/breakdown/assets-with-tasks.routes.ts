import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AssetsWithTasks, AssetsWithTasksQuery } from '../../../../packages/contracts/src/breakdown-with-tasks.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import type { FragmentCache } from './with-tasks.cache.ts';
import { sendTable } from './with-tasks-reply.ts';
import { assetsWithTasks } from './with-tasks.service.ts';

const DESCRIPTION =
  'Every asset of the project (or of one asset type) with its tasks, for the production table. ' +
  'The answer carries a strong ETag; with If-None-Match equal to it, 304 and no body while nothing changed. ' +
  'Team members; vendors only see the assets, and the tasks, assigned to them.';

/** `GET data/assets/with-tasks` (Rushes, for the web app's assets table). */
export const assetsWithTasksRoutes = (cache: FragmentCache): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/data/assets/with-tasks', {
    schema: {
      tags: ['assets'],
      summary: 'Assets with their tasks (production table)',
      description: DESCRIPTION,
      querystring: AssetsWithTasksQuery,
      response: { 200: AssetsWithTasks, 304: Type.Null({ description: 'Not modified: the If-None-Match validator is current' }) },
    },
  }, async (request, reply) =>
    sendTable(reply, await assetsWithTasks(app.deps, cache, actorOf(request), request.query, request.headers['if-none-match']), request.headers['accept-encoding']));
};
