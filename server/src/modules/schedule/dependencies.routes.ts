import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import {
  DependencyBody,
  DependencyParams,
  TaskDependency,
  TaskDependencyList,
  TaskParams,
} from '../../../../packages/contracts/src/schedule.schema.ts';
import { addDependency, listDependencies, removeDependency } from './dependencies.service.ts';

const tags = ['schedule'];

/** Finish-to-start task dependencies (Rushes only): they feed the `predecessor_late` schedule risk. */
export const dependenciesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.get('/data/tasks/:task_id/dependencies', {
    schema: { tags, summary: "A task's predecessors", params: TaskParams, response: { 200: TaskDependencyList } },
  }, async (request) => listDependencies(deps, actorOf(request), request.params.task_id));

  app.post('/data/tasks/:task_id/dependencies', {
    schema: {
      tags,
      summary: 'Make a task depend on another task of the same project',
      description: 'Manager of the project. 400 for a self link, another project, a duplicate or a cycle.',
      params: TaskParams,
      body: DependencyBody,
      response: { 201: TaskDependency },
    },
  }, async (request, reply) => {
    const link = await addDependency(deps, actorOf(request), request.params.task_id, request.body.depends_on_task_id);
    return reply.status(201).send(link);
  });

  app.delete('/data/tasks/:task_id/dependencies/:depends_on_task_id', {
    schema: { tags, summary: 'Remove a dependency (manager of the project)', params: DependencyParams, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await removeDependency(deps, actorOf(request), request.params.task_id, request.params.depends_on_task_id);
    return reply.status(204).send(null);
  });
};
