import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import {
  CreatePlaylistBody, EntryDetails, EpisodeParams, NotifyClientsAnswer, NotifyClientsBody, ListPlaylistsQuery, Playlist, PlaylistDetail, PlaylistPage, PlaylistParams, Playlists,
  PlaylistSummaries, ProjectParams, ProjectPlaylistParams, ProjectPlaylistsQuery, UpdatePlaylistBody,
  playlistErrorResponses as errorResponses,
} from '../../../../packages/contracts/src/playlists.schema.ts';
import { notifyClients } from './playlist-notify.service.ts';
import { openPlaylist } from './playlist-review.service.ts';
import { changePlaylist, createPlaylist, listEpisodePlaylists, listProjectPlaylists, listStudioPlaylists, removePlaylist } from './playlists.service.ts';

const tags = ['playlists'];

/**
 * An opened playlist is the one large answer here (hundreds of entries, each with every revision):
 * JSON.stringify of the presented object is several times faster than the schema serialiser on its
 * nested unions and records, and the presenter already whitelists every key.
 */
const sendJson = (reply: FastifyReply, body: unknown) => reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
const readers = 'The production\'s team but vendors; clients only see client playlists (404 for the others). ';
const editors = 'Managers of the production, or the supervisor who created the playlist. ';

/** Playlists themselves: Zou's `data/playlists` collection and the per-project lists (§4.13). */
export const playlistsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.get('/data/playlists', {
    schema: {
      tags, summary: 'List playlists', description: `${readers}Filters: project_id, episode_id, task_type_id, id, name (ILIKE), for_client, for_entity, is_daily. With page (and limit), Zou's page object.`,
      querystring: ListPlaylistsQuery, response: { 200: Type.Union([Playlists, PlaylistPage]), ...errorResponses },
    },
  }, async (request) => listStudioPlaylists(actorOf(request), request.query, db));

  app.post('/data/playlists', {
    config: { modelName: 'Playlist' },
    schema: {
      tags, summary: 'Create a playlist', description: 'Supervisors and managers of the production. 400 for a name the production (or episode) already uses; 422 for an episode or task type that is not its.',
      body: CreatePlaylistBody, response: { 201: Playlist, ...errorResponses },
    },
  }, async (request, reply) => {
    const created = await inTransaction(app.deps, (tx, events) => createPlaylist(actorOf(request), request.body, tx, events));
    return reply.status(201).send(created);
  });

  app.get('/data/playlists/:playlist_id', {
    schema: {
      tags, summary: 'Open a playlist', description: `${readers}Each entry with its entity, chosen revision (and its task's status) and every revision by task type; the builds, newest first.`,
      params: PlaylistParams, response: { 200: PlaylistDetail, ...errorResponses },
    },
  }, async (request, reply) => sendJson(reply, await openPlaylist(actorOf(request), request.params.playlist_id, db)));

  app.put('/data/playlists/:playlist_id', {
    config: { modelName: 'Playlist' },
    schema: {
      tags, summary: 'Change a playlist', description: `${editors}Keys that cannot change (id, project_id, build_jobs...) are ignored, so a playlist read can be sent back; shots replaces the entries, in order.`,
      params: PlaylistParams, body: UpdatePlaylistBody, response: { 200: Playlist, ...errorResponses },
    },
  }, async (request) => inTransaction(app.deps, (tx, events) => changePlaylist(actorOf(request), request.params.playlist_id, request.body, tx, events)));

  app.delete('/data/playlists/:playlist_id', {
    schema: { tags, summary: 'Delete a playlist', description: `${editors}Its entries and builds go with it.`, params: PlaylistParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    await inTransaction(app.deps, (tx, events) => removePlaylist(actorOf(request), request.params.playlist_id, tx, events));
    return reply.status(204).send(null);
  });

  app.get('/data/projects/:project_id/playlists', {
    schema: {
      tags, summary: 'A production\'s playlists, 20 a page', description: `${readers}A bare array (Zou), page 1 unless told; sort_by updated_at (default), created_at or name.`,
      params: ProjectParams, querystring: ProjectPlaylistsQuery, response: { 200: PlaylistSummaries, ...errorResponses },
    },
  }, async (request) => listProjectPlaylists(actorOf(request), request.params.project_id, request.query, db));

  app.get('/data/projects/:project_id/episodes/:episode_id/playlists', {
    schema: {
      tags, summary: 'An episode\'s playlists, 20 a page', description: `${readers}"main": project-level playlists; "all": those listed under all.`,
      params: EpisodeParams, querystring: ProjectPlaylistsQuery, response: { 200: PlaylistSummaries, ...errorResponses },
    },
  }, async (request) => listEpisodePlaylists(actorOf(request), request.params.project_id, request.params.episode_id, request.query, db));

  app.get('/data/projects/:project_id/playlists/:playlist_id', {
    schema: { tags, summary: 'Open a playlist of a production', description: `${readers}As data/playlists/<id>.`, params: ProjectPlaylistParams, response: { 200: PlaylistDetail, ...errorResponses } },
  }, async (request, reply) => sendJson(reply, await openPlaylist(actorOf(request), request.params.playlist_id, db, request.params.project_id)));

  app.get('/data/playlists/:playlist_id/entity-previews', {
    schema: { tags, summary: 'A playlist\'s entries with their revisions (Gazu\'s get_entity_previews path)', description: `${readers}The shots of data/playlists/<id>.`, params: PlaylistParams, response: { 200: EntryDetails, ...errorResponses } },
  }, async (request) => (await openPlaylist(actorOf(request), request.params.playlist_id, db)).shots);

  app.post('/data/playlists/:playlist_id/notify-clients', {
    schema: {
      tags, summary: 'Tell the production\'s clients the playlist is ready', description: 'Managers of the production. A playlist-ready notification to each client (of studio_id or department_id when given).',
      params: PlaylistParams, body: NotifyClientsBody, response: { 200: NotifyClientsAnswer, ...errorResponses },
    },
  }, async (request) => inTransaction(app.deps, (tx, events) => notifyClients(actorOf(request), request.params.playlist_id, request.body ?? {}, tx, events)));
};
