import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import {
  EntityTaskRow,
  EntityTaskTypeParams,
  FullTask,
  IdParam,
  ProjectTasksQuery,
  ProjectTasksResponse,
  RelationsQuery,
  TaskRow,
  TaskTypeRow,
} from '../../../../packages/contracts/src/tasks.schema.ts';
import type { EntityKind } from '../breakdown/entity-kind.ts';
import { taskActionRoutes } from './task-actions.routes.ts';
import { taskPlanningRoutes } from './task-planning.routes.ts';
import { getFullTask } from './task-full.service.ts';
import { listChildTasks, listEntityTasks, listProjectTasks, listTaskTypesWithTasks, listTasksForEntityAndType } from './task-lookup.service.ts';

const ENTITY_COLLECTIONS: Array<[string, EntityKind]> = [
  ['shots', 'Shot'], ['assets', 'Asset'], ['sequences', 'Sequence'], ['episodes', 'Episode'],
  ['scenes', 'Scene'], ['edits', 'Edit'], ['concepts', 'Concept'],
];

/** Zou reads a boolean query arg as true only when it lower-cases to "true" (Gazu sends `True`). */
const isTrue = (value: string | undefined) => value?.toLowerCase() === 'true';

/** Task lookups of §4.6 (reads), plus the task actions (creation, assignment) of task-actions.routes.ts. */
export const taskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;

  for (const [collection, kind] of ENTITY_COLLECTIONS) {
    app.get(`/data/${collection}/:id/tasks`, {
      schema: {
        tags: ['tasks'],
        summary: `Tasks of a ${kind.toLowerCase()} (Gazu all_tasks_for_${kind.toLowerCase()})`,
        params: IdParam,
        querystring: RelationsQuery,
        response: { 200: Type.Array(EntityTaskRow) },
      },
    }, async (request) =>
      listEntityTasks(actorOf(request), { kind, entityId: request.params.id, relations: isTrue(request.query.relations) }, db));

    app.get(`/data/${collection}/:id/task-types`, {
      schema: {
        tags: ['tasks'],
        summary: `Task types having a task on a ${kind.toLowerCase()}`,
        params: IdParam,
        response: { 200: Type.Array(TaskTypeRow) },
      },
    }, async (request) => listTaskTypesWithTasks(actorOf(request), { kind, entityId: request.params.id }, db));
  }

  const childScopes = [
    ['/data/sequences/:id/shot-tasks', 'shots-of-sequence', 'Shot tasks of a sequence'],
    ['/data/episodes/:id/shot-tasks', 'shots-of-episode', 'Shot tasks of an episode'],
    ['/data/episodes/:id/asset-tasks', 'assets-of-episode', 'Asset tasks of an episode'],
  ] as const;
  for (const [url, scope, summary] of childScopes) {
    app.get(url, {
      schema: { tags: ['tasks'], summary, params: IdParam, querystring: RelationsQuery, response: { 200: Type.Array(EntityTaskRow) } },
    }, async (request) =>
      listChildTasks(actorOf(request), { scope, parentId: request.params.id, relations: isTrue(request.query.relations) }, db));
  }

  app.get('/data/entities/:id/task-types/:taskTypeId/tasks', {
    schema: {
      tags: ['tasks'],
      summary: 'Tasks of an entity for a task type (Gazu all_tasks_for_entity_and_task_type)',
      params: EntityTaskTypeParams,
      response: { 200: Type.Array(TaskRow) },
    },
  }, async (request) =>
    listTasksForEntityAndType(actorOf(request), { entityId: request.params.id, taskTypeId: request.params.taskTypeId }, db));

  app.get('/data/projects/:id/tasks', {
    schema: {
      tags: ['tasks'],
      summary: 'Tasks of a project (Gazu all_tasks_for_project); `page` switches to a page object',
      params: IdParam,
      querystring: ProjectTasksQuery,
      response: { 200: ProjectTasksResponse },
    },
  }, async (request) => {
    const { task_type_id, episode_id, page, limit } = request.query;
    return listProjectTasks(actorOf(request), { projectId: request.params.id, taskTypeId: task_type_id, episodeId: episode_id, page, limit }, db);
  });

  app.get('/data/tasks/:id/full', {
    schema: {
      tags: ['tasks'],
      summary: 'A task with its entity, project, status, type, assignees and subscription (Gazu get_task)',
      params: IdParam,
      response: { 200: FullTask },
    },
  }, async (request) => getFullTask(actorOf(request), { taskId: request.params.id }, db));

  await app.register(taskActionRoutes);
  await app.register(taskPlanningRoutes);
};
