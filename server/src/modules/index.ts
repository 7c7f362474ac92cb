import type { FastifyPluginAsync } from 'fastify';
import { systemRoutes } from './system/system.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { registerV1Modules } from './v1/index.ts';

/**
 * Every API module, mounted under /api. A route lives in `modules/<domain>/<domain>.routes.ts`,
 * where <domain> is the product word in its URL (auth, persons, projects, tasks...).
 */
export const registerModules: FastifyPluginAsync = async (app) => {
  await app.register(systemRoutes);
  await app.register(authRoutes);
  await app.register(import('./time-spents/index.ts'));
  await app.register(import('./studio-tasks/index.ts'));
  await app.register(import('./task-statuses/index.ts'));
  await app.register(import('./tasks/index.ts'));
  await app.register(import('./comments/index.ts'));
  await app.register(import('./attachments/index.ts'));
  await app.register(import('./previews/index.ts'));
  await app.register(import('./thumbnails/thumbnails.routes.ts'));
  await app.register(import('./files/index.ts'));
  await app.register(import('./file-trees/index.ts'));
  await app.register(import('./events/events.routes.ts'));
  await app.register(import('./webhooks/index.ts'));
  await app.register(import('./playlists/index.ts'));
  await app.register(import('./crud/crud.routes.ts'));
  await app.register(import('./departments/index.ts'));
  await app.register(import('./projects/projects.routes.ts'));
  await app.register(import('./breakdown/breakdown.routes.ts'));
  await app.register(import('./exports/index.ts'));
  await app.register(import('./imports/index.ts'));
  await app.register(import('./user/index.ts'));
  await app.register(import('./schedule/index.ts'));
  await app.register(registerV1Modules, { prefix: '/v1' });
};
