import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ProjectParams,
  ReorderBody,
  TaskStatusLink,
  TaskStatusLinkBody,
  TaskTypeLink,
  TaskTypeLinkBody,
} from '../../../../packages/contracts/src/projects.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { featureId } from '../breakdown/ids.ts';
import { linkTaskStatus, linkTaskType, reorderTaskStatuses, reorderTaskTypes } from './task-links.service.ts';

const tags = ['projects'];

/** A production's task types and task statuses with their priority (§2.2 project links). */
export const taskLinkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/data/task-type-links', {
    schema: {
      tags, summary: 'Link a task type to a project with a priority, or change its priority (manager)',
      body: TaskTypeLinkBody, response: { 201: TaskTypeLink },
    },
  }, async (request, reply) => reply.code(201).send(await linkTaskType(app.deps, actorOf(request), request.body)));

  app.post('/actions/projects/:project_id/task-type-links/reorder', {
    schema: {
      tags, summary: 'Set task type priorities from an ordered {task_type_ids} list (manager)',
      params: ProjectParams, body: ReorderBody, response: { 200: Type.Array(TaskTypeLink) },
    },
  }, async (request) => reorderTaskTypes(app.deps, actorOf(request), featureId(request.params.project_id), request.body));

  app.post('/data/task-status-links', {
    schema: {
      tags, summary: 'Link a task status to a project with a priority and board roles (manager)',
      body: TaskStatusLinkBody, response: { 201: TaskStatusLink },
    },
  }, async (request, reply) => reply.code(201).send(await linkTaskStatus(app.deps, actorOf(request), request.body)));

  app.post('/actions/projects/:project_id/task-status-links/reorder', {
    schema: {
      tags, summary: 'Set task status priorities from an ordered {task_status_ids} list (manager)',
      params: ProjectParams, body: ReorderBody, response: { 200: Type.Array(TaskStatusLink) },
    },
  }, async (request) => reorderTaskStatuses(app.deps, actorOf(request), featureId(request.params.project_id), request.body));
};
