import type { FastifyPluginAsync } from 'fastify';
import { assetRoutes } from './assets.routes.ts';
import { assetsWithTasksRoutes } from './assets-with-tasks.routes.ts';
import { castingRoutes } from './casting.routes.ts';
import { entityActivityRoutes } from './entity-activity.routes.ts';
import { episodeRoutes } from './episodes.routes.ts';
import { sequenceRoutes } from './sequences.routes.ts';
import { shotRoutes } from './shots.routes.ts';
import { shotsWithTasksRoutes } from './shots-with-tasks.routes.ts';
import { FragmentCache } from './with-tasks.cache.ts';

/** The breakdown: episodes, sequences, shots, assets and casting (§4.4, §4.5, §4.10), and the production tables. */
export const breakdownRoutes: FastifyPluginAsync = async (app) => {
  await app.register(episodeRoutes);
  await app.register(sequenceRoutes);
  await app.register(shotRoutes);
  await app.register(assetRoutes);
  await app.register(castingRoutes);
  await app.register(entityActivityRoutes);
  const tables = new FragmentCache(app.deps.config.tableCacheMb * 1024 * 1024);
  await app.register(shotsWithTasksRoutes(tables));
  await app.register(assetsWithTasksRoutes(tables));
};

export default breakdownRoutes;
