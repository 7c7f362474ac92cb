import type { FastifyPluginAsync } from 'fastify';

/** CSV and ShotGrid imports. */
const importRoutes: FastifyPluginAsync = async () => {};

export default importRoutes;
