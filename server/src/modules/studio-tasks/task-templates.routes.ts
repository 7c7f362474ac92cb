import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ProjectTemplateParams,
  PutTaskTemplatesBody,
  TaskTemplates,
  studioTaskErrorResponses as errorResponses,
} from '../../../../packages/contracts/src/studio-tasks.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { renderValidationWithDetail } from './studio-http.ts';
import { getTaskTemplates, setTaskTemplates } from './task-templates.service.ts';

const tags = ['studio-tasks'];

/** `/api/projects/:project_id/task-templates`: the task types every new shot / asset gets. */
export const taskTemplatesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  renderValidationWithDetail(app, 'plain-400');

  app.get('/projects/:project_id/task-templates', {
    attachValidation: true,
    schema: {
      tags, summary: 'Task templates of a project', description: 'Any member of the project team.',
      params: ProjectTemplateParams, response: { 200: TaskTemplates, ...errorResponses },
    },
  }, async (request) => getTaskTemplates(actorOf(request), { projectId: request.params.project_id }, app.deps.db));

  app.put('/projects/:project_id/task-templates', {
    attachValidation: true,
    schema: {
      tags, summary: 'Set the task templates of a project',
      description: 'Coordinator (manager) or admin in the project team. Each list replaces the template of its kind; ' +
        'new shots / assets of the project then get these tasks automatically.',
      params: ProjectTemplateParams, body: PutTaskTemplatesBody, response: { 200: TaskTemplates, ...errorResponses },
    },
  }, async (request) => {
    const input = { projectId: request.params.project_id, shot: request.body.shot, asset: request.body.asset };
    return inTransaction(app.deps, (tx, events) => setTaskTemplates(actorOf(request), input, tx, events));
  });
};
