import type { FastifyPluginAsync } from 'fastify';

/**
 * The set-design service (seed 003), mounted under /api/v1: a FastAPI-style API of its own (errors
 * as `{detail}`, 422 validation lists, see organizations/v1-errors.ts). Each folder here is the URL
 * segment after /api/v1.
 */
export const registerV1Modules: FastifyPluginAsync = async (app) => {
  await app.register(import('./organizations/organization.routes.ts'), { prefix: '/organizations' });
  await app.register(import('./subjects/subject.routes.ts'), { prefix: '/subjects' });
  await app.register(import('./shot-types/shot-type.routes.ts'), { prefix: '/shot-types' });
  await app.register(import('./background-presets/background-preset.routes.ts'), { prefix: '/background-presets' });
  await app.register(import('./media/media.routes.ts'), { prefix: '/media' });
  await app.register(import('./set-designs/set-design.routes.ts'), { prefix: '/set-designs' });
};
