import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { PlanTasksBody, PlannedTasks } from '../../../../packages/contracts/src/task-planning.schema.ts';
import { planTasks } from './task-planning.service.ts';

/** Bulk planning of tasks (#18): one transaction for all the tasks, events after commit. */
export const taskPlanningRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put('/actions/tasks/planning', {
    schema: {
      tags: ['tasks'],
      summary: 'Set start/due dates, estimates, priorities or difficulties of many tasks at once (all or nothing)',
      body: PlanTasksBody,
      response: { 200: PlannedTasks },
    },
  }, async (request) => inTransaction(app.deps, (tx, events) => planTasks(actorOf(request), request.body, tx, events)));
};
