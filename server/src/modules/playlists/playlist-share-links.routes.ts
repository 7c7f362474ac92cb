import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { errors } from '../../platform/errors/index.ts';
import { sandboxDownloads, sendStoredFile } from '../../platform/http/file-download.ts';
import { previewKeys } from '../../platform/storage/layout.ts';
import {
  CreateShareLinkBody, PlaylistParams, ShareLink, ShareLinkParams, ShareLinks, SharedFileParams, SharedParams, SharedPlaylist, SharedQuery,
  playlistErrorResponses as errorResponses,
} from '../../../../packages/contracts/src/playlists.schema.ts';
import { movieKeyOf } from '../previews/preview-frame.service.ts';
import { findPreview } from '../previews/preview.repository.ts';
import { createShareLink, listShareLinks, openSharedPlaylist, revokeShareLink, sharedPreviewId } from './playlist-share-links.service.ts';

const tags = ['playlists'];
const managers = 'Managers of the production. ';
const guests = 'Public: the token is the credential, with ?password= for a protected link; 404 for an unknown, revoked or expired link or a wrong password. ';

/** Share links of a playlist (managers) and what a guest opens with one (no account). */
export const playlistShareLinksRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, storage } = app.deps;
  sandboxDownloads(app);

  app.post('/data/playlists/:playlist_id/share', {
    schema: {
      tags, summary: 'Share a playlist with a link', description: `${managers}expiration_date: a day (the link works through it) or a date-time; password: stored hashed, never shown.`,
      params: PlaylistParams, body: CreateShareLinkBody, response: { 201: ShareLink, ...errorResponses },
    },
  }, async (request, reply) => {
    const link = await inTransaction(app.deps, (tx, events) => createShareLink(actorOf(request), request.params.playlist_id, request.body, tx, events));
    return reply.status(201).send(link);
  });

  app.get('/data/playlists/:playlist_id/share', {
    schema: { tags, summary: 'A playlist\'s active share links', description: managers, params: PlaylistParams, response: { 200: ShareLinks, ...errorResponses } },
  }, async (request) => listShareLinks(actorOf(request), request.params.playlist_id, db));

  app.delete('/data/playlists/:playlist_id/share/:token', {
    schema: { tags, summary: 'Revoke a share link', description: `${managers}The link stops working at once.`, params: ShareLinkParams, response: { 200: ShareLink, ...errorResponses } },
  }, async (request) => inTransaction(app.deps, (tx, events) => revokeShareLink(actorOf(request), request.params.playlist_id, request.params.token, tx, events)));

  app.get('/shared/playlists/:token', {
    config: { access: 'public' },
    schema: { tags, summary: 'A shared playlist, for a guest', description: `${guests}The playlist opened as its readers see it.`, params: SharedParams, querystring: SharedQuery, response: { 200: SharedPlaylist, ...errorResponses } },
  }, async (request) => openSharedPlaylist(request.params.token, request.query.password, db));

  type FileRequest = FastifyRequest<{ Params: { token: string; file: string }; Querystring: { password?: string } }>;
  const sharedFile = (variant: 'thumbnail' | 'original' | 'movie') => async (request: FileRequest, reply: FastifyReply) => {
    const match = /^([0-9a-f-]{36})\.([a-z0-9]{1,6})$/i.exec(request.params.file);
    if (!match?.[1] || !match[2]) throw errors.notFound();
    const preview = await findPreview(db, await sharedPreviewId(request.params.token, request.query.password, match[1], db));
    if (!preview) throw errors.notFound();
    if (variant === 'movie') {
      if (!preview.is_movie) throw errors.notFound();
      return sendStoredFile(request, reply, storage, { key: movieKeyOf(preview), contentType: 'video/mp4', fileName: `${preview.id}.mp4`, lastModified: preview.updated_at });
    }
    if (match[2].toLowerCase() !== 'png') throw errors.notFound();
    return sendStoredFile(request, reply, storage, { key: previewKeys(preview.id)[variant], contentType: 'image/png', fileName: `${preview.id}.png`, lastModified: preview.updated_at });
  };
  const fileSchema = (summary: string) => ({ config: { access: 'public' as const }, schema: { tags, summary, description: `${guests}Only revisions of the playlist's entities.`, params: SharedFileParams, querystring: SharedQuery } });
  app.get('/shared/playlists/:token/pictures/thumbnails/preview-files/:file', fileSchema('A shared preview\'s thumbnail'), sharedFile('thumbnail'));
  app.get('/shared/playlists/:token/pictures/originals/preview-files/:file', fileSchema('A shared preview\'s picture'), sharedFile('original'));
  app.get('/shared/playlists/:token/movies/originals/preview-files/:file', fileSchema('A shared preview\'s movie (byte ranges)'), sharedFile('movie'));
};
