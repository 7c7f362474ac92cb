import type { FastifyPluginAsync } from 'fastify';
import { csvImportRoutes } from './csv-imports.routes.ts';
import { shotgunRoutes } from './shotgun/shotgun.routes.ts';

/** CSV and ShotGrid imports, under `import/`. */
const importRoutes: FastifyPluginAsync = async (app) => {
  await app.register(csvImportRoutes);
  await app.register(shotgunRoutes);
};

export default importRoutes;
