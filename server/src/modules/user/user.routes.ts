import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { OpenProjectList, OpenProjectsQuery, TodoList, UserContext } from '../../../../packages/contracts/src/user.schema.ts';
import { DateRangeQuery, Nullable, TimeSpentList, TimeSpentRow } from '../../../../packages/contracts/src/time-spents.schema.ts';
import { ownTimeSpentOnTask, personTimeSpentsInRange, personTimeSpentsOfDay } from '../time-spents/time-sheets.service.ts';
import { userContext, userOpenProjects, userTasks } from './user.service.ts';

const tags = ['user'];
/** Every `data/user/…` route answers for the caller and refuses bots and API tokens (§1.4). */
const config = { access: 'person' } as const;

/** gazu.user: todo list, done tasks, open projects, start-up context and the caller's time spents. */
export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.get('/data/user/tasks', {
    config,
    schema: {
      tags,
      summary: "The caller's todo list",
      description: 'Not-done tasks assigned to the caller in the open projects of his team, with entity, status and last comment.',
      response: { 200: TodoList },
    },
  }, async (request) => userTasks(deps, actorOf(request), false));

  app.get('/data/user/done-tasks', {
    config,
    schema: { tags, summary: "The caller's done tasks in open projects, last finished first", response: { 200: TodoList } },
  }, async (request) => userTasks(deps, actorOf(request), true));

  app.get('/data/user/projects/open', {
    config,
    schema: { tags, summary: 'Open projects of the caller (admins: all open projects)', querystring: OpenProjectsQuery, response: { 200: OpenProjectList } },
  }, async (request) => userOpenProjects(deps, actorOf(request), request.query.name));

  app.get('/data/user/context', {
    config,
    schema: { tags, summary: 'What the web app loads at start', response: { 200: UserContext } },
  }, async (request) => userContext(deps, actorOf(request)));

  app.get('/data/user/time-spents', {
    config,
    schema: { tags, summary: "The caller's time spents, optionally between two dates (inclusive)", querystring: DateRangeQuery, response: { 200: TimeSpentList } },
  }, async (request) => {
    const actor = actorOf(request);
    const { start_date, end_date } = request.query;
    return personTimeSpentsInRange(deps, actor, actor.id, { start_date, end_date });
  });

  app.get('/data/user/time-spents/:date', {
    config,
    schema: { tags, summary: "The caller's time spents of one day", params: Type.Object({ date: Type.String({ description: 'YYYY-MM-DD' }) }), response: { 200: TimeSpentList } },
  }, async (request) => {
    const actor = actorOf(request);
    return personTimeSpentsOfDay(deps, actor, actor.id, request.params.date);
  });

  app.get('/data/user/tasks/:task_id/time-spents/:date', {
    config,
    schema: {
      tags,
      summary: "The caller's time spent on a task for one day (null when none)",
      params: Type.Object({ task_id: Type.String(), date: Type.String({ description: 'YYYY-MM-DD' }) }),
      response: { 200: Nullable(TimeSpentRow) },
    },
  }, async (request) => ownTimeSpentOnTask(deps, actorOf(request), request.params.task_id, request.params.date));
};
