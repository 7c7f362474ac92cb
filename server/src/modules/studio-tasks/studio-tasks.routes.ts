import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AssetTaskParams,
  BulkAssetTasksBody,
  BulkAssetTasksResult,
  BulkShotTasksBody,
  BulkShotTasksResult,
  ShotTaskParams,
  TaskStatusInfo,
  TaskTypeQuery,
  studioTaskErrorResponses as errorResponses,
} from '../../../../packages/contracts/src/studio-tasks.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { renderValidationWithDetail } from './studio-http.ts';
import { bulkCreateTasks, createEntityTask } from './studio-tasks.service.ts';

const tags = ['studio-tasks'];
const ACCESS = 'Coordinator (manager) or admin, in the team of the project. ';
const CREATE = `${ACCESS}201 when the task is created, 200 with the existing task of that type (idempotent, race-safe). ` +
  'The task type is looked up by name or short name among the task types the project uses for this kind ' +
  '(all non-archived ones while the project has no task-type settings at all).';
const BULK = `${ACCESS}Every id × every task type, in one transaction; per-item results, errors per item; idempotent.`;

/** Seed 000: `/api/shots/:shot_id/tasks`, `/api/assets/:asset_id/tasks` and their bulk forms. */
export const studioTasksRoutes: FastifyPluginAsyncTypebox = async (app) => {
  renderValidationWithDetail(app, 'plain-400');
  const single = { 200: TaskStatusInfo, 201: TaskStatusInfo, ...errorResponses };

  app.post('/shots/:shot_id/tasks', {
    attachValidation: true,
    schema: { tags, summary: 'Create the task of a shot for a task type', description: CREATE, params: ShotTaskParams, querystring: TaskTypeQuery, response: single },
  }, async (request, reply) => {
    const input = { kind: 'Shot' as const, entityId: request.params.shot_id, taskType: request.query.task_type };
    const { created, info } = await inTransaction(app.deps, (tx, events) => createEntityTask(actorOf(request), input, tx, events));
    return reply.status(created ? 201 : 200).send(info);
  });

  app.post('/assets/:asset_id/tasks', {
    attachValidation: true,
    schema: { tags, summary: 'Create the task of an asset for a task type', description: CREATE, params: AssetTaskParams, querystring: TaskTypeQuery, response: single },
  }, async (request, reply) => {
    const input = { kind: 'Asset' as const, entityId: request.params.asset_id, taskType: request.query.task_type };
    const { created, info } = await inTransaction(app.deps, (tx, events) => createEntityTask(actorOf(request), input, tx, events));
    return reply.status(created ? 201 : 200).send(info);
  });

  app.post('/shots/tasks/bulk', {
    attachValidation: true,
    schema: { tags, summary: 'Create tasks for many shots', description: BULK, body: BulkShotTasksBody, response: { 200: BulkShotTasksResult, ...errorResponses } },
  }, async (request) => {
    const input = { kind: 'Shot' as const, entityIds: request.body.shot_ids, taskTypes: request.body.task_types };
    const { results, ...counts } = await inTransaction(app.deps, (tx, events) => bulkCreateTasks(actorOf(request), input, tx, events));
    return { results: results.map(({ entity_id: shotId, ...item }) => ({ shot_id: shotId, ...item })), ...counts };
  });

  app.post('/assets/tasks/bulk', {
    attachValidation: true,
    schema: { tags, summary: 'Create tasks for many assets', description: BULK, body: BulkAssetTasksBody, response: { 200: BulkAssetTasksResult, ...errorResponses } },
  }, async (request) => {
    const input = { kind: 'Asset' as const, entityIds: request.body.asset_ids, taskTypes: request.body.task_types };
    const { results, ...counts } = await inTransaction(app.deps, (tx, events) => bulkCreateTasks(actorOf(request), input, tx, events));
    return { results: results.map(({ entity_id: assetId, ...item }) => ({ asset_id: assetId, ...item })), ...counts };
  });
};
