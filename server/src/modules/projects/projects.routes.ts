import type { FastifyPluginAsync } from 'fastify';
import { openProjectRoutes } from './open-projects.routes.ts';
import { settingsRoutes } from './settings.routes.ts';
import { taskLinkRoutes } from './task-links.routes.ts';
import { teamRoutes } from './team.routes.ts';

/** Project feature routes (§4.3): open projects, team and roles, settings lists, task type/status links. */
export const projectRoutes: FastifyPluginAsync = async (app) => {
  await app.register(openProjectRoutes);
  await app.register(teamRoutes);
  await app.register(settingsRoutes);
  await app.register(taskLinkRoutes);
};

export default projectRoutes;
