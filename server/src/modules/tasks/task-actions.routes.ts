import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { errors } from '../../platform/errors/index.ts';
import {
  AssignTaskBody,
  AssignTasksBody,
  AssigneeError,
  ClearAssignationBody,
  CreateEntityTasksBody,
  CreatedTaskRow,
  IdParam,
  ProjectTaskTypeParams,
  TaskIdList,
  TaskRow,
} from '../../../../packages/contracts/src/tasks.schema.ts';
import { assignTask, assignTasks, clearAssignations } from './task-assign.service.ts';
import { createEntityTasks, createProjectTasks, createTasksForEntityType, type BulkKind } from './task-create.service.ts';

/** The optional body of the bulk creation: absent, empty, or a JSON array of entity ids. */
function entityIdsOf(body: unknown): string[] | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  if (Array.isArray(body) && body.every((id) => typeof id === 'string')) return body;
  throw errors.badRequest('The body must be a JSON array of entity ids.');
}

const BULK_KINDS: Array<[string, BulkKind]> = [['shots', 'Shot'], ['assets', 'Asset'], ['edits', 'Edit'], ['concepts', 'Concept']];

const BulkQuery = Type.Object({
  sequence_id: Type.Optional(Type.String()),
  episode_id: Type.Optional(Type.String()),
  entity_type_id: Type.Optional(Type.String()),
});

/** Task creation and assignment (§4.6, §8.9): each request is one transaction, events after commit. */
export const taskActionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/data/entities/:id/tasks', {
    schema: {
      tags: ['tasks'],
      summary: 'Create the tasks of an entity (Gazu create_entity_tasks); existing tasks are skipped',
      params: IdParam,
      body: CreateEntityTasksBody,
      response: { 201: Type.Array(CreatedTaskRow) },
    },
  }, async (request, reply) => {
    const input = { entityId: request.params.id, taskTypeIds: request.body.task_type_ids };
    const tasks = await inTransaction(app.deps, (tx, events) => createEntityTasks(actorOf(request), input, tx, events));
    return reply.status(201).send(tasks);
  });

  for (const [collection, kind] of BULK_KINDS) {
    app.post(`/actions/projects/:projectId/task-types/:taskTypeId/${collection}/create-tasks`, {
      schema: {
        tags: ['tasks'],
        summary: `Create a task of the type for ${collection} of the project (body: optional JSON array of ids); idempotent`,
        params: ProjectTaskTypeParams,
        querystring: BulkQuery,
        response: { 201: Type.Array(CreatedTaskRow) },
      },
    }, async (request, reply) => {
      const { projectId, taskTypeId } = request.params;
      const filters = { sequenceId: request.query.sequence_id, episodeId: request.query.episode_id, entityTypeId: request.query.entity_type_id };
      const input = { projectId, taskTypeId, kind, entityIds: entityIdsOf(request.body), filters };
      const tasks = await inTransaction(app.deps, (tx, events) => createProjectTasks(actorOf(request), input, tx, events));
      return reply.status(201).send(tasks);
    });
  }

  app.post('/actions/projects/:projectId/task-types/:taskTypeId/create-tasks/:entityType', {
    schema: {
      tags: ['tasks'],
      summary: 'Create a task of the type for every entity of the named entity type (episode, sequence, an asset type...) of the project; idempotent',
      params: Type.Object({ ...ProjectTaskTypeParams.properties, entityType: Type.String() }),
      querystring: BulkQuery,
      response: { 201: Type.Array(CreatedTaskRow) },
    },
  }, async (request, reply) => {
    const { projectId, taskTypeId, entityType } = request.params;
    const filters = { sequenceId: request.query.sequence_id, episodeId: request.query.episode_id, entityTypeId: request.query.entity_type_id };
    const input = { projectId, taskTypeId, entityType, entityIds: entityIdsOf(request.body), filters };
    const tasks = await inTransaction(app.deps, (tx, events) => createTasksForEntityType(actorOf(request), input, tx, events));
    return reply.status(201).send(tasks);
  });

  app.put('/actions/persons/:id/assign', {
    schema: {
      tags: ['tasks'],
      summary: 'Assign a person to tasks (Gazu assign_task); tasks the caller may not assign are skipped',
      params: IdParam,
      body: AssignTasksBody,
      response: { 200: Type.Array(TaskRow), 400: AssigneeError },
    },
  }, async (request) =>
    inTransaction(app.deps, (tx, events) =>
      assignTasks(actorOf(request), { personId: request.params.id, taskIds: request.body.task_ids }, tx, events)));

  app.put('/actions/tasks/:id/assign', {
    schema: {
      tags: ['tasks'],
      summary: 'Assign a person to one task',
      params: IdParam,
      body: AssignTaskBody,
      response: { 200: TaskRow, 400: AssigneeError },
    },
  }, async (request) =>
    inTransaction(app.deps, (tx, events) =>
      assignTask(actorOf(request), { taskId: request.params.id, personId: request.body.person_id }, tx, events)));

  app.put('/actions/tasks/clear-assignation', {
    schema: {
      tags: ['tasks'],
      summary: 'Unassign a person (or everyone) from tasks (Gazu clear_assignations); returns the task ids handled',
      body: ClearAssignationBody,
      response: { 200: TaskIdList },
    },
  }, async (request) =>
    inTransaction(app.deps, (tx, events) =>
      clearAssignations(actorOf(request), { taskIds: request.body.task_ids, personId: request.body.person_id }, tx, events)));
};
