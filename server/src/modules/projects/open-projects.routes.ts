import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AllProjectList, OpenProjectList, OpenProjectsQuery } from '../../../../packages/contracts/src/projects.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { allProjectsFor, openProjectsFor } from './open-projects.service.ts';

/** `data/projects/open` and `data/projects/all` win over CRUD's `data/projects/<id>`: static segments beat parameters. */
export const openProjectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/data/projects/open', {
    schema: {
      tags: ['projects'], summary: 'Open projects (admin: all; others: those whose team they are in), with links and settings',
      querystring: OpenProjectsQuery, response: { 200: OpenProjectList },
    },
  }, async (request) => openProjectsFor(app.deps, actorOf(request), typeof request.query.name === 'string' ? request.query.name : undefined));

  app.get('/data/projects/all', {
    schema: {
      tags: ['projects'], summary: 'Every project, closed ones included (admin: all; others: those whose team they are in)',
      querystring: OpenProjectsQuery, response: { 200: AllProjectList },
    },
  }, async (request) => allProjectsFor(app.deps, actorOf(request), typeof request.query.name === 'string' ? request.query.name : undefined));
};
