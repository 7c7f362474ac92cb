import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AddTeamMemberBody,
  ProjectParams,
  ProjectPersonParams,
  ProjectRow,
  TeamList,
  TeamRole,
  TeamRoleBody,
} from '../../../../packages/contracts/src/projects.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { featureId } from '../breakdown/ids.ts';
import { addToTeam, changeTeamRole, getTeam, removeFromTeam } from './team.service.ts';

const tags = ['projects'];

/** A production's team and per-project roles (§4.3 get_team / add_person_to_team, §5.1). */
export const teamRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/data/projects/:project_id/team', {
    schema: { tags, summary: 'Team of a project, with each member\'s project_role (team member)', params: ProjectParams, response: { 200: TeamList } },
  }, async (request) => getTeam(app.deps, actorOf(request), featureId(request.params.project_id)));

  app.post('/data/projects/:project_id/team', {
    schema: {
      tags, summary: 'Add a person to the team, optionally with a per-project role (manager)',
      params: ProjectParams, body: AddTeamMemberBody, response: { 201: ProjectRow },
    },
  }, async (request, reply) => {
    const project = await addToTeam(app.deps, actorOf(request), featureId(request.params.project_id), request.body);
    return reply.code(201).send(project);
  });

  app.put('/data/projects/:project_id/team/:person_id', {
    schema: {
      tags, summary: 'Set a member\'s role on this project only; null restores the global role (manager)',
      params: ProjectPersonParams, body: TeamRoleBody, response: { 200: TeamRole },
    },
  }, async (request) => changeTeamRole(
    app.deps, actorOf(request), featureId(request.params.project_id), featureId(request.params.person_id), request.body,
  ));

  app.delete('/data/projects/:project_id/team/:person_id', {
    schema: { tags, summary: 'Remove a person from the team (manager)', params: ProjectPersonParams },
  }, async (request, reply) => {
    await removeFromTeam(app.deps, actorOf(request), featureId(request.params.project_id), featureId(request.params.person_id));
    return reply.code(204).send();
  });
};
