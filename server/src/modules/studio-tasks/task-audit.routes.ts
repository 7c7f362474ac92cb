import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  TaskAuditParams,
  TaskAuditTrail,
  studioTaskErrorResponses as errorResponses,
} from '../../../../packages/contracts/src/studio-tasks.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { renderValidationWithDetail } from './studio-http.ts';
import { getTaskAuditTrail } from './task-audit.service.ts';

/** `/api/tasks/:task_id/audit`: the task's audit trail (who created or changed it, and when). */
export const taskAuditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  renderValidationWithDetail(app, 'plain-400');

  app.get('/tasks/:task_id/audit', {
    attachValidation: true,
    schema: {
      tags: ['studio-tasks'], summary: 'Audit trail of a task', description: 'Any member of the project team.',
      params: TaskAuditParams, response: { 200: TaskAuditTrail, ...errorResponses },
    },
  }, async (request) => getTaskAuditTrail(actorOf(request), { taskId: request.params.task_id }, app.deps.db));
};
