import type { FastifyPluginAsync } from 'fastify';
import { projectExportRoutes } from './project-exports.routes.ts';
import { studioExportRoutes } from './studio-exports.routes.ts';

/** CSV exports (§8.7), under `export/csv/`. */
const exportRoutes: FastifyPluginAsync = async (app) => {
  await app.register(projectExportRoutes);
  await app.register(studioExportRoutes);
};

export default exportRoutes;
