import type { FastifyPluginAsync } from 'fastify';
import { openProjectRoutes } from './open-projects.routes.ts';
import { settingsLinksRoutes } from './settings-links.routes.ts';
import { settingsRoutes } from './settings.routes.ts';
import { taskLinkRoutes } from './task-links.routes.ts';
import { teamRoutes } from './team.routes.ts';

/** Project feature routes (§4.3): open projects, team and roles, settings lists (status automations and preview backgrounds included), task type/status links. */
export const projectRoutes: FastifyPluginAsync = async (app) => {
  await app.register(openProjectRoutes);
  await app.register(teamRoutes);
  await app.register(settingsRoutes);
  await app.register(settingsLinksRoutes);
  await app.register(taskLinkRoutes);
};

export default projectRoutes;
