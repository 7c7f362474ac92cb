import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { PersonTasksParams, TodoList } from '../../../../packages/contracts/src/user.schema.ts';
import { personTasks } from './user.service.ts';

const tags = ['tasks'];
const description =
  'Limited to the open projects the caller sees (admins: all). Clients get []; vendors may only ask for themselves.';

/** Gazu `task.all_tasks_for_person` / `all_done_tasks_for_person`: someone's task list, as todo rows. */
export const personTasksRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.get('/data/persons/:person_id/tasks', {
    schema: { tags, summary: "A person's not-done tasks in open projects", description, params: PersonTasksParams, response: { 200: TodoList } },
  }, async (request) => personTasks(deps, actorOf(request), request.params.person_id, false));

  app.get('/data/persons/:person_id/done-tasks', {
    schema: { tags, summary: "A person's done tasks in open projects", description, params: PersonTasksParams, response: { 200: TodoList } },
  }, async (request) => personTasks(deps, actorOf(request), request.params.person_id, true));
};
