import type { FastifyPluginAsync } from 'fastify';
import { studioTasksRoutes } from './studio-tasks.routes.ts';
import { taskAuditRoutes } from './task-audit.routes.ts';
import { taskTemplatesRoutes } from './task-templates.routes.ts';

/** Studio task creation (seed 000): per-entity and bulk creation, project task templates, task audit trail. */
const studioTasksModule: FastifyPluginAsync = async (app) => {
  await app.register(studioTasksRoutes);
  await app.register(taskTemplatesRoutes);
  await app.register(taskAuditRoutes);
};
export default studioTasksModule;

export { applyTaskTemplates } from './task-templates.service.ts';
