import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AddAssetTypeBody,
  AddTaskStatusBody,
  AddTaskTypeBody,
  ProjectAssetTypeParams,
  ProjectParams,
  ProjectRow,
  ProjectTaskStatusParams,
  ProjectTaskTypeList,
  ProjectTaskTypeParams,
  TaskStatusList,
} from '../../../../packages/contracts/src/projects.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { featureId } from '../breakdown/ids.ts';
import { addProjectSetting, listProjectTaskStatuses, listProjectTaskTypes, removeProjectSetting } from './settings.service.ts';

const tags = ['projects'];

/** The asset types, task types and task statuses chosen for a production (§4.3 settings routes). */
export const settingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/data/projects/:project_id/settings/asset-types', {
    schema: { tags, summary: 'Add an asset type to the project settings (manager)', params: ProjectParams, body: AddAssetTypeBody, response: { 201: ProjectRow } },
  }, async (request, reply) => {
    const project = await addProjectSetting(
      app.deps, actorOf(request), featureId(request.params.project_id), 'asset-types', request.body.asset_type_id,
    );
    return reply.code(201).send(project);
  });

  app.delete('/data/projects/:project_id/settings/asset-types/:asset_type_id', {
    schema: { tags, summary: 'Remove an asset type from the project settings (manager)', params: ProjectAssetTypeParams },
  }, async (request, reply) => {
    await removeProjectSetting(
      app.deps, actorOf(request), featureId(request.params.project_id), 'asset-types', featureId(request.params.asset_type_id),
    );
    return reply.code(204).send();
  });

  app.post('/data/projects/:project_id/settings/task-types', {
    schema: {
      tags, summary: 'Add a task type to the project, with its priority (manager)',
      params: ProjectParams, body: AddTaskTypeBody, response: { 201: ProjectRow },
    },
  }, async (request, reply) => {
    const project = await addProjectSetting(
      app.deps, actorOf(request), featureId(request.params.project_id), 'task-types', request.body.task_type_id, request.body.priority,
    );
    return reply.code(201).send(project);
  });

  app.delete('/data/projects/:project_id/settings/task-types/:task_type_id', {
    schema: { tags, summary: 'Remove a task type from the project (manager)', params: ProjectTaskTypeParams },
  }, async (request, reply) => {
    await removeProjectSetting(
      app.deps, actorOf(request), featureId(request.params.project_id), 'task-types', featureId(request.params.task_type_id),
    );
    return reply.code(204).send();
  });

  app.get('/data/projects/:project_id/task-types', {
    schema: { tags, summary: 'Task types chosen for the project, by priority (team member)', params: ProjectParams, response: { 200: ProjectTaskTypeList } },
  }, async (request) => listProjectTaskTypes(app.deps, actorOf(request), featureId(request.params.project_id)));

  app.get('/data/projects/:project_id/settings/task-status', {
    schema: { tags, summary: 'Task statuses chosen for the project (team member)', params: ProjectParams, response: { 200: TaskStatusList } },
  }, async (request) => listProjectTaskStatuses(app.deps, actorOf(request), featureId(request.params.project_id)));

  app.post('/data/projects/:project_id/settings/task-status', {
    schema: { tags, summary: 'Add a task status to the project (manager)', params: ProjectParams, body: AddTaskStatusBody, response: { 201: ProjectRow } },
  }, async (request, reply) => {
    const project = await addProjectSetting(
      app.deps, actorOf(request), featureId(request.params.project_id), 'task-status', request.body.task_status_id,
    );
    return reply.code(201).send(project);
  });

  app.delete('/data/projects/:project_id/settings/task-status/:task_status_id', {
    schema: { tags, summary: 'Remove a task status from the project (manager)', params: ProjectTaskStatusParams },
  }, async (request, reply) => {
    await removeProjectSetting(
      app.deps, actorOf(request), featureId(request.params.project_id), 'task-status', featureId(request.params.task_status_id),
    );
    return reply.code(204).send();
  });
};
