import type { FastifyPluginAsync } from 'fastify';
import { csvImportRoutes } from './csv-imports.routes.ts';

/** CSV and ShotGrid imports, under `import/`. */
const importRoutes: FastifyPluginAsync = async (app) => {
  await app.register(csvImportRoutes);
};

export default importRoutes;
