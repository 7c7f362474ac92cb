import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AddPreviewBackgroundBody, AddStatusAutomationBody, PreviewBackgroundList, ProjectParams, ProjectPreviewBackgroundParams, ProjectRow,
  ProjectStatusAutomationParams, StatusAutomationList,
} from '../../../../packages/contracts/src/projects.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { featureId } from '../breakdown/ids.ts';
import {
  addProjectSetting, listProjectPreviewBackgrounds, listProjectStatusAutomations, removeProjectSetting,
} from './settings.service.ts';

const tags = ['projects'];

/** The status automations and preview backgrounds a production uses (#14; Zou's settings routes). */
export const settingsLinksRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/data/projects/:project_id/settings/status-automations', {
    schema: { tags, summary: 'Status automations the project uses (manager)', params: ProjectParams, response: { 200: StatusAutomationList } },
  }, async (request) => listProjectStatusAutomations(app.deps, actorOf(request), featureId(request.params.project_id)));

  app.post('/data/projects/:project_id/settings/status-automations', {
    schema: {
      tags, summary: 'Use a status automation in the project (manager)', params: ProjectParams, body: AddStatusAutomationBody, response: { 201: ProjectRow },
    },
  }, async (request, reply) => reply.code(201).send(await addProjectSetting(
    app.deps, actorOf(request), featureId(request.params.project_id), 'status-automations', request.body.status_automation_id,
  )));

  app.delete('/data/projects/:project_id/settings/status-automations/:status_automation_id', {
    schema: { tags, summary: 'Stop using a status automation in the project (manager)', params: ProjectStatusAutomationParams },
  }, async (request, reply) => {
    await removeProjectSetting(
      app.deps, actorOf(request), featureId(request.params.project_id), 'status-automations', featureId(request.params.status_automation_id),
    );
    return reply.code(204).send();
  });

  app.get('/data/projects/:project_id/settings/preview-background-files', {
    schema: { tags, summary: 'Preview backgrounds the project offers (team member)', params: ProjectParams, response: { 200: PreviewBackgroundList } },
  }, async (request) => listProjectPreviewBackgrounds(app.deps, actorOf(request), featureId(request.params.project_id)));

  app.post('/data/projects/:project_id/settings/preview-background-files', {
    schema: {
      tags, summary: 'Offer a preview background in the project (manager)', params: ProjectParams, body: AddPreviewBackgroundBody, response: { 201: ProjectRow },
    },
  }, async (request, reply) => reply.code(201).send(await addProjectSetting(
    app.deps, actorOf(request), featureId(request.params.project_id), 'preview-background-files', request.body.preview_background_file_id,
  )));

  app.delete('/data/projects/:project_id/settings/preview-background-files/:preview_background_file_id', {
    schema: { tags, summary: 'Stop offering a preview background in the project (manager)', params: ProjectPreviewBackgroundParams },
  }, async (request, reply) => {
    await removeProjectSetting(
      app.deps, actorOf(request), featureId(request.params.project_id), 'preview-background-files', featureId(request.params.preview_background_file_id),
    );
    return reply.code(204).send();
  });
};
