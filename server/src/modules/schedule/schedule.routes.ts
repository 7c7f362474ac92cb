import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { ProjectParams, ScheduleRiskList, Timeline, TimelineQuery } from '../../../../packages/contracts/src/schedule.schema.ts';
import { projectScheduleRisks, projectTimeline } from './schedule.service.ts';

const tags = ['schedule'];

/** Schedules beyond Zou: risks and Gantt timelines of a project (team members). */
export const scheduleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;

  app.get('/data/projects/:project_id/schedule-risks', {
    schema: {
      tags,
      summary: "The project's tasks at risk, with the reasons",
      description:
        'A not-done task is at risk when its due date has passed (`overdue`), when more time was spent than estimated ' +
        '(`over_estimate`), or when it is due before one of its predecessors ends (`predecessor_late`, see ' +
        '`data/tasks/<id>/dependencies`). Team members; vendors see their own tasks, clients an empty list.',
      params: ProjectParams,
      response: { 200: ScheduleRiskList },
    },
  }, async (request) => projectScheduleRisks(db, actorOf(request), request.params.project_id));

  app.get('/data/projects/:project_id/timeline', {
    schema: {
      tags,
      summary: 'Task date ranges and milestones of the project, for Gantt views',
      description:
        'Planned (start_date → due_date) and real (real_start_date → end_date) ranges of every task on a non-canceled ' +
        'entity, with the entity, sequence, episode, asset type and task type names; filter with task_type_id, ' +
        'sequence_id, episode_id, asset_type_id; `group_by` adds group bars. Team members; vendors see their own tasks.',
      params: ProjectParams,
      querystring: TimelineQuery,
      response: { 200: Timeline },
    },
  }, async (request) => projectTimeline(db, actorOf(request), request.params.project_id, request.query));
};
