import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { LastEventsQuery, LoggedEvents } from '../../../../packages/contracts/src/events.schema.ts';
import { listLastEvents } from './event-log.service.ts';

/** The event log (`gazu.sync.get_last_events`): the same rows the live stream sends, to catch up by HTTP. */
export const eventsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/data/events/last', {
    schema: {
      tags: ['events'],
      summary: 'The last events of the log, newest first (admins; managers: their productions)',
      querystring: LastEventsQuery,
      response: { 200: LoggedEvents },
    },
  }, async (request) => listLastEvents(actorOf(request), request.query, app.deps.db));
};

export default eventsRoutes;
