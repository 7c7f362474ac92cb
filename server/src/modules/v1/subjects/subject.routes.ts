import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Message, OrganizationScope, PageQuery, errorResponses } from '../../../../../packages/contracts/src/set-designs/common.schema.ts';
import { SubjectCreate, SubjectPublic, SubjectsPublic, SubjectUpdate } from '../../../../../packages/contracts/src/set-designs/catalog.schema.ts';
import { actorOf } from '../../../platform/auth/authenticate.ts';
import { useV1ErrorHandler } from '../organizations/v1-errors.ts';
import { presentSubject } from './subject.presenter.ts';
import { createSubject, deleteSubject, getSubject, listSubjects, updateSubject } from './subject.service.ts';

const tags = ['subjects'];

/** /api/v1/subjects, scoped by `organization_id` like every v1 route. */
export const subjectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  useV1ErrorHandler(app);

  app.get('/', {
    schema: { tags, summary: 'Read subjects', querystring: PageQuery, response: { 200: SubjectsPublic, ...errorResponses } },
  }, async (request) => {
    const { rows, count } = await listSubjects(app.deps, actorOf(request), request.query);
    return { data: rows.map(presentSubject), count };
  });

  app.post('/', {
    schema: { tags, summary: 'Create a subject', querystring: OrganizationScope, body: SubjectCreate, response: { 200: SubjectPublic, ...errorResponses } },
  }, async (request) => presentSubject(await createSubject(app.deps, actorOf(request), request.query.organization_id, request.body)));

  app.get('/:id', {
    schema: { tags, summary: 'Read a subject', params: IdParams, querystring: OrganizationScope, response: { 200: SubjectPublic, ...errorResponses } },
  }, async (request) => presentSubject(await getSubject(app.deps, actorOf(request), request.params.id, request.query.organization_id)));

  app.put('/:id', {
    schema: { tags, summary: 'Update a subject', params: IdParams, querystring: OrganizationScope, body: SubjectUpdate, response: { 200: SubjectPublic, ...errorResponses } },
  }, async (request) =>
    presentSubject(await updateSubject(app.deps, actorOf(request), request.params.id, request.query.organization_id, request.body)));

  app.delete('/:id', {
    schema: { tags, summary: 'Delete a subject (its base images and portraits go with it)', params: IdParams, querystring: OrganizationScope, response: { 200: Message, ...errorResponses } },
  }, async (request) => {
    await deleteSubject(app.deps, actorOf(request), request.params.id, request.query.organization_id);
    return { message: 'Subject deleted successfully' };
  });
};

export default subjectRoutes;
