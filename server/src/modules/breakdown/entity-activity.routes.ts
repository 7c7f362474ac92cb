import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EntityPreviewFileList } from '../../../../packages/contracts/src/breakdown.schema.ts';
import { TimeSpentList } from '../../../../packages/contracts/src/time-spents.schema.ts';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { listEntityPreviewFiles, listEntityTimeSpents } from './entity-activity.service.ts';

const tags = ['breakdown'];
const EntityParams = Type.Object({ entity_id: Type.String() });

/** What was made on an entity, whatever its kind (#14; the Kitsu web client's entity page). */
export const entityActivityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/data/entities/:entity_id/preview-files', {
    schema: { tags, summary: "Preview files of the entity's tasks (team member)", params: EntityParams, response: { 200: EntityPreviewFileList } },
  }, async (request) => listEntityPreviewFiles(app.deps.db, actorOf(request), request.params.entity_id));

  app.get('/data/entities/:entity_id/time-spents', {
    schema: { tags, summary: "Time spent on the entity's tasks (team member)", params: EntityParams, response: { 200: TimeSpentList } },
  }, async (request) => listEntityTimeSpents(app.deps.db, actorOf(request), request.params.entity_id));
};
