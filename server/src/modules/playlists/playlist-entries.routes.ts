import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import {
  AddEntitiesBody, AddEntityBody, EntityParams, EntityPreviewFiles, MoveEntryBody, Playlist, PlaylistParams, ProjectParams,
  RemoveEntityBody, TempPlaylist, TempPlaylistBody, TempPlaylistQuery, playlistErrorResponses as errorResponses,
} from '../../../../packages/contracts/src/playlists.schema.ts';
import { addEntities, moveEntity, removeEntity } from './playlist-entries.service.ts';
import { entityPreviewFiles, tempPlaylist } from './playlist-review.service.ts';

const tags = ['playlists'];
const editors = 'Managers of the production, or the supervisor who created the playlist. 422 for an entity of another production or a preview of another entity. ';

/**
 * A playlist's entries (Zou's `actions/playlists/<id>/add-entity`, and Rushes' remove and reorder,
 * also under `data/playlists/<id>/...`), an entity's revisions, and temporary playlists.
 */
export const playlistEntriesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  for (const base of ['/actions/playlists', '/data/playlists']) {
    app.post(`${base}/:playlist_id/add-entity`, {
      schema: {
        tags, summary: 'Add an entity to a playlist', description: `${editors}With the chosen revision, or the entity's latest (of the playlist's task type when it has one). The same couple is not added twice.`,
        params: PlaylistParams, body: AddEntityBody, response: { 200: Playlist, ...errorResponses },
      },
    }, async (request) => inTransaction(app.deps, (tx, events) => addEntities(actorOf(request), request.params.playlist_id, [request.body], tx, events)));

    app.post(`${base}/:playlist_id/add-entities`, {
      schema: { tags, summary: 'Add several entities to a playlist', description: `${editors}In one write; as add-entity for each.`, params: PlaylistParams, body: AddEntitiesBody, response: { 200: Playlist, ...errorResponses } },
    }, async (request) => inTransaction(app.deps, (tx, events) => addEntities(actorOf(request), request.params.playlist_id, request.body.entities, tx, events)));

    app.post(`${base}/:playlist_id/remove-entity`, {
      schema: {
        tags, summary: 'Remove an entity from a playlist', description: `${editors}Every entry of the entity, or only the one with preview_file_id. 404 when there is none.`,
        params: PlaylistParams, body: RemoveEntityBody, response: { 200: Playlist, ...errorResponses },
      },
    }, async (request) => inTransaction(app.deps, (tx, events) => removeEntity(actorOf(request), request.params.playlist_id, request.body, tx, events)));

    app.post(`${base}/:playlist_id/reorder`, {
      schema: {
        tags, summary: 'Move an entry of a playlist', description: `${editors}The entry goes to position (from 0; past the end: last), the others keep their order. 404 when the entity is not in it.`,
        params: PlaylistParams, body: MoveEntryBody, response: { 200: Playlist, ...errorResponses },
      },
    }, async (request) => inTransaction(app.deps, (tx, events) => moveEntity(actorOf(request), request.params.playlist_id, request.body, tx, events)));
  }

  app.get('/data/playlists/entities/:entity_id/preview-files', {
    schema: {
      tags, summary: 'An entity\'s preview revisions by task type', description: 'Team members of its production (vendors: entities of their tasks). Newest revision first, a revision\'s other files in previews, with annotations.',
      params: EntityParams, response: { 200: EntityPreviewFiles, ...errorResponses },
    },
  }, async (request) => entityPreviewFiles(actorOf(request), request.params.entity_id, db));

  app.post('/data/projects/:project_id/playlists/temp', {
    schema: {
      tags, summary: 'A temporary playlist of tasks', description: 'Team members (vendors: entities of their tasks). Stores nothing: each task\'s entity with its latest revision. 422 for a task of another production.',
      params: ProjectParams, querystring: TempPlaylistQuery, body: TempPlaylistBody, response: { 200: TempPlaylist, ...errorResponses },
    },
  }, async (request) => tempPlaylist(actorOf(request), request.params.project_id, request.body, request.query.sort?.toLowerCase() === 'true', db));
};
