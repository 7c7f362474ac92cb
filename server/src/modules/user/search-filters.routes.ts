import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import {
  CreateSearchFilterBody, CreateSearchFilterGroupBody, SearchFilterGroupParams, SearchFilterGroupRow, SearchFilterGroupsByList, SearchFilterParams,
  SearchFilterRow, SearchFiltersByList, UpdateSearchFilterBody, UpdateSearchFilterGroupBody,
} from '../../../../packages/contracts/src/search-filters.schema.ts';
import {
  createFilter, createFilterGroup, deleteFilter, deleteFilterGroup, getFilterGroup, listFilterGroups, listFilters, updateFilter, updateFilterGroup,
} from './search-filters.service.ts';

const tags = ['user'];
const config = { access: 'person' } as const;

/** The caller's saved searches and their groups (`data/user/filters`, `data/user/filter-groups`, #14). */
export const searchFiltersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.get('/data/user/filters', {
    config, schema: { tags, summary: "The caller's and the shared saved searches, by list type and production", response: { 200: SearchFiltersByList } },
  }, async (request) => listFilters(deps, actorOf(request)));

  app.post('/data/user/filters', {
    config, schema: { tags, summary: 'Save a search', body: CreateSearchFilterBody, response: { 201: SearchFilterRow } },
  }, async (request, reply) => reply.status(201).send(await createFilter(deps, actorOf(request), request.body)));

  app.put('/data/user/filters/:filter_id', {
    config, schema: { tags, summary: 'Change a saved search', params: SearchFilterParams, body: UpdateSearchFilterBody, response: { 200: SearchFilterRow } },
  }, async (request) => updateFilter(deps, actorOf(request), request.params.filter_id, request.body));

  app.delete('/data/user/filters/:filter_id', {
    config, schema: { tags, summary: 'Delete a saved search', params: SearchFilterParams },
  }, async (request, reply) => {
    await deleteFilter(deps, actorOf(request), request.params.filter_id);
    return reply.status(204).send();
  });

  app.get('/data/user/filter-groups', {
    config, schema: { tags, summary: "The caller's and the shared search groups, by list type and production", response: { 200: SearchFilterGroupsByList } },
  }, async (request) => listFilterGroups(deps, actorOf(request)));

  app.post('/data/user/filter-groups', {
    config, schema: { tags, summary: 'Create a group of saved searches', body: CreateSearchFilterGroupBody, response: { 201: SearchFilterGroupRow } },
  }, async (request, reply) => reply.status(201).send(await createFilterGroup(deps, actorOf(request), request.body)));

  app.get('/data/user/filter-groups/:filter_group_id', {
    config, schema: { tags, summary: 'One group of saved searches', params: SearchFilterGroupParams, response: { 200: SearchFilterGroupRow } },
  }, async (request) => getFilterGroup(deps, actorOf(request), request.params.filter_group_id));

  app.put('/data/user/filter-groups/:filter_group_id', {
    config,
    schema: { tags, summary: 'Change a group of saved searches', params: SearchFilterGroupParams, body: UpdateSearchFilterGroupBody, response: { 200: SearchFilterGroupRow } },
  }, async (request) => updateFilterGroup(deps, actorOf(request), request.params.filter_group_id, request.body));

  app.delete('/data/user/filter-groups/:filter_group_id', {
    config, schema: { tags, summary: 'Delete a group of saved searches and its searches', params: SearchFilterGroupParams },
  }, async (request, reply) => {
    await deleteFilterGroup(deps, actorOf(request), request.params.filter_group_id);
    return reply.status(204).send();
  });
};
