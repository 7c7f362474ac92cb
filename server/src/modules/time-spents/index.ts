import type { FastifyPluginAsync } from 'fastify';
import { timeSheetsRoutes } from './time-sheets.routes.ts';
import { timeSpentsRoutes } from './time-spents.routes.ts';

/** Time spent: logging on tasks (§6.6) and time sheets. Registered from modules/index.ts. */
const timeSpentsModule: FastifyPluginAsync = async (app) => {
  await app.register(timeSpentsRoutes);
  await app.register(timeSheetsRoutes);
};
export default timeSpentsModule;
