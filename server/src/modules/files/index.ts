import type { FastifyPluginAsync } from 'fastify';
import { defineStorageCleanupJob } from './storage-cleanup.job.ts';
import { outputFileRoutes } from './output-files.routes.ts';
import { workingFileRoutes } from './working-files.routes.ts';

/**
 * The files module: working and output files (§4.9, §8.8), and the removal of the stored objects of
 * deleted rows (previews, attachments, working files, avatars).
 */
const filesModule: FastifyPluginAsync = async (app) => {
  defineStorageCleanupJob(app.deps);
  await app.register(workingFileRoutes);
  await app.register(outputFileRoutes);
};

export default filesModule;
