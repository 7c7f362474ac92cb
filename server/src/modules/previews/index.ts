import type { FastifyPluginAsync } from 'fastify';
import { previewDownloadRoutes } from './preview-downloads.routes.ts';
import { previewRoutes } from './previews.routes.ts';
import { taskPreviewsRoutes } from './task-previews.routes.ts';

/** The previews module: preview files of comments, their upload and processing, and their downloads (§6.2). */
const previewsModule: FastifyPluginAsync = async (app) => {
  await app.register(previewRoutes);
  await app.register(previewDownloadRoutes);
  await app.register(taskPreviewsRoutes);
};

export default previewsModule;
