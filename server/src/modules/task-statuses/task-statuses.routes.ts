import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AllTaskStatuses,
  CreateTaskStatusBody,
  DeleteTaskStatusQuery,
  ProjectParams,
  ReorderTaskStatusesBody,
  StatusParams,
  TaskStatusMutationResult,
  UpdateTaskStatusBody,
  taskStatusErrorResponses as errorResponses,
} from '../../../../packages/contracts/src/task-statuses.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { renderValidationWithDetail } from '../studio-tasks/studio-http.ts';
import {
  createTaskStatus,
  deleteTaskStatus,
  listTaskStatuses,
  reorderTaskStatuses,
  updateTaskStatus,
} from './task-statuses.service.ts';

const tags = ['task-statuses'];
const mutation = 'Coordinator (manager) or admin in the project team. ';

/** Per-project custom task statuses (seed 001): `/api/projects/:project_id/task-statuses…`. */
export const taskStatusesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  renderValidationWithDetail(app, 'pydantic-422');

  app.get('/projects/:project_id/task-statuses', {
    attachValidation: true,
    schema: {
      tags, summary: 'Custom and system task statuses of a project', description: 'Any member of the project team.',
      params: ProjectParams, response: { 200: AllTaskStatuses, ...errorResponses },
    },
  }, async (request) => listTaskStatuses(actorOf(request), { projectId: request.params.project_id }, app.deps.db));

  app.post('/projects/:project_id/task-statuses', {
    attachValidation: true,
    config: { modelName: 'CustomTaskStatusCreate' },
    schema: {
      tags, summary: 'Create a custom task status', description: `${mutation}Linked to the project so that Gazu lists it.`,
      params: ProjectParams, body: CreateTaskStatusBody, response: { 201: TaskStatusMutationResult, ...errorResponses },
    },
  }, async (request, reply) => {
    const { name, color, is_default: isDefault, short_name: shortName, ...flags } = request.body;
    const input = { projectId: request.params.project_id, name, color, isDefault, shortName, ...flags };
    const result = await inTransaction(app.deps, (tx, events) => createTaskStatus(actorOf(request), input, tx, events));
    return reply.status(201).send(result);
  });

  app.patch('/projects/:project_id/task-statuses/reorder', {
    attachValidation: true,
    config: { modelName: 'CustomTaskStatusReorder' },
    schema: {
      tags, summary: 'Reorder the custom task statuses', description: `${mutation}System statuses cannot be reordered.`,
      params: ProjectParams, body: ReorderTaskStatusesBody, response: { 200: TaskStatusMutationResult, ...errorResponses },
    },
  }, async (request) => {
    const input = { projectId: request.params.project_id, statusIds: request.body.status_ids };
    return inTransaction(app.deps, (tx, events) => reorderTaskStatuses(actorOf(request), input, tx, events));
  });

  app.put('/projects/:project_id/task-statuses/:status_id', {
    attachValidation: true,
    config: { modelName: 'CustomTaskStatusUpdate' },
    schema: {
      tags, summary: 'Update a custom task status', description: `${mutation}System statuses cannot be edited.`,
      params: StatusParams, body: UpdateTaskStatusBody, response: { 200: TaskStatusMutationResult, ...errorResponses },
    },
  }, async (request) => {
    const { name, color, is_default: isDefault, short_name: shortName, ...flags } = request.body;
    const input = { projectId: request.params.project_id, statusId: request.params.status_id, name, color, isDefault, shortName, ...flags };
    return inTransaction(app.deps, (tx, events) => updateTaskStatus(actorOf(request), input, tx, events));
  });

  app.delete('/projects/:project_id/task-statuses/:status_id', {
    attachValidation: true,
    schema: {
      tags, summary: 'Delete a custom task status',
      description: `${mutation}409 while tasks use it, unless reassign_to names the status that takes them over (same transaction).`,
      params: StatusParams, querystring: DeleteTaskStatusQuery, response: { 200: TaskStatusMutationResult, ...errorResponses },
    },
  }, async (request) => {
    const input = { projectId: request.params.project_id, statusId: request.params.status_id, reassignTo: request.query.reassign_to };
    return inTransaction(app.deps, (tx, events) => deleteTaskStatus(actorOf(request), input, tx, events));
  });
};
