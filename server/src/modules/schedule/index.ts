import type { FastifyPluginAsync } from 'fastify';
import { dependenciesRoutes } from './dependencies.routes.ts';
import { scheduleRoutes } from './schedule.routes.ts';

/** Schedules beyond Zou: risks, timelines and task dependencies. Registered from modules/index.ts. */
const scheduleModule: FastifyPluginAsync = async (app) => {
  await app.register(scheduleRoutes);
  await app.register(dependenciesRoutes);
};
export default scheduleModule;
