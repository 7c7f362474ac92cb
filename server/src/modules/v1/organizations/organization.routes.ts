import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Message, IdParams, Pagination, errorResponses } from '../../../../../packages/contracts/src/set-designs/common.schema.ts';
import {
  MemberParams,
  OrganizationCreate,
  OrganizationMemberCreate,
  OrganizationMembersPublic,
  OrganizationMemberUpdate,
  OrganizationPublic,
  OrganizationsPublic,
  OrganizationUpdate,
} from '../../../../../packages/contracts/src/set-designs/organizations.schema.ts';
import { actorOf } from '../../../platform/auth/authenticate.ts';
import { presentMember, presentOrganization } from './organization.presenter.ts';
import {
  addMember,
  changeMemberRole,
  createOrganization,
  deleteOrganization,
  getOrganization,
  listMembers,
  listOrganizations,
  removeMember,
  updateOrganization,
} from './organization.service.ts';
import { useV1ErrorHandler } from './v1-errors.ts';

const tags = ['organizations'];
const members = (rows: Awaited<ReturnType<typeof listMembers>>) => ({ data: rows.map(presentMember), count: rows.length });

/** /api/v1/organizations: organizations and their members (owner, admin, member). */
export const organizationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  useV1ErrorHandler(app);

  app.get('/', {
    schema: { tags, summary: 'Organizations of the caller (all of them for a studio admin)', querystring: Pagination, response: { 200: OrganizationsPublic, ...errorResponses } },
  }, async (request) => {
    const { rows, count } = await listOrganizations(app.deps, actorOf(request), request.query);
    return { data: rows.map(presentOrganization), count };
  });

  app.post('/', {
    schema: { tags, summary: 'Create an organization; the caller becomes its owner', body: OrganizationCreate, response: { 200: OrganizationPublic, ...errorResponses } },
  }, async (request) => presentOrganization(await createOrganization(app.deps, actorOf(request), request.body)));

  app.get('/:id', {
    schema: { tags, summary: 'Read an organization', params: IdParams, response: { 200: OrganizationPublic, ...errorResponses } },
  }, async (request) => presentOrganization(await getOrganization(app.deps, actorOf(request), request.params.id)));

  app.put('/:id', {
    schema: { tags, summary: 'Rename or describe an organization (owners and admins)', params: IdParams, body: OrganizationUpdate, response: { 200: OrganizationPublic, ...errorResponses } },
  }, async (request) => presentOrganization(await updateOrganization(app.deps, actorOf(request), request.params.id, request.body)));

  app.delete('/:id', {
    schema: { tags, summary: 'Delete an empty organization (owners)', params: IdParams, response: { 200: Message, ...errorResponses } },
  }, async (request) => {
    await deleteOrganization(app.deps, actorOf(request), request.params.id);
    return { message: 'Organization deleted successfully' };
  });

  app.get('/:id/members', {
    schema: { tags, summary: 'Members and their roles', params: IdParams, response: { 200: OrganizationMembersPublic, ...errorResponses } },
  }, async (request) => members(await listMembers(app.deps, actorOf(request), request.params.id)));

  app.post('/:id/members', {
    schema: { tags, summary: 'Add a member (owners and admins; only owners add owners)', params: IdParams, body: OrganizationMemberCreate, response: { 200: OrganizationMembersPublic, ...errorResponses } },
  }, async (request) => members(await addMember(app.deps, actorOf(request), request.params.id, request.body)));

  app.put('/:id/members/:person_id', {
    schema: { tags, summary: "Change a member's role", params: MemberParams, body: OrganizationMemberUpdate, response: { 200: OrganizationMembersPublic, ...errorResponses } },
  }, async (request) =>
    members(await changeMemberRole(app.deps, actorOf(request), request.params.id, request.params.person_id, request.body.role)));

  app.delete('/:id/members/:person_id', {
    schema: { tags, summary: 'Remove a member, or leave', params: MemberParams, response: { 200: Message, ...errorResponses } },
  }, async (request) => {
    await removeMember(app.deps, actorOf(request), request.params.id, request.params.person_id);
    return { message: 'Member removed successfully' };
  });
};

export default organizationRoutes;
