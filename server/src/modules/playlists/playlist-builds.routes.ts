import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { contentDisposition, sandboxDownloads, sendStoredFile } from '../../platform/http/file-download.ts';
import {
  BareBuildJobParams, BuildJob, BuildJobParams, BuildJobs, PlaylistParams, ProjectParams, playlistErrorResponses as errorResponses,
} from '../../../../packages/contracts/src/playlists.schema.ts';
import { buildDownload, getBuild, listPlaylistBuilds, listProjectBuilds, removeBuild, startBuild } from './playlist-builds.service.ts';
import { playlistZip } from './playlist-zip.service.ts';

const tags = ['playlists'];
const builders = 'Supervisors and managers of the production. ';
const readers = 'Whoever may read the playlist. ';

const BuildQuery = Type.Object({
  still_duration: Type.Optional(Type.Number({ minimum: 0.5, maximum: 60, default: 2, description: 'Seconds a picture entry is shown' })),
  full: Type.Optional(Type.String({ description: 'Accepted for Zou compatibility; every build is full quality' })),
}, { additionalProperties: true });
/** A file sent as it is read (a stream: never serialised). */
const Binary = Type.Unsafe<Readable | string>({ type: 'string', format: 'binary' });

/**
 * Movie builds of a playlist and its downloads: Zou's routes (`build/mp4`, `jobs/<id>`,
 * `jobs/<id>/build/mp4`), and the paths Gazu's playlist.py calls (`build-movie`, `build-jobs/<id>`,
 * `build-jobs/<id>/download`), which Zou does not serve.
 */
export const playlistBuildsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, storage } = app.deps;
  sandboxDownloads(app);

  const start = async (request: FastifyRequest<{ Params: { playlist_id: string }; Querystring: { still_duration?: number } }>) =>
    inTransaction(app.deps, (tx, events) => startBuild(app.deps, actorOf(request), request.params.playlist_id, request.query.still_duration ?? 2, tx, events))
      .then((job) => {
        app.deps.jobs.wake();
        return job;
      });
  const buildSchema = (summary: string) => ({
    tags, summary,
    description: `${builders}Queues an H.264 MP4 of the entries' chosen revisions (movies, then pictures shown still_duration seconds) and answers the build to follow (status, progress). 400 without ffmpeg or without a revision to play; 422 when one is broken or still processing; 409 while another build of the playlist runs.`,
    params: PlaylistParams, querystring: BuildQuery, response: { 200: BuildJob, ...errorResponses },
  });
  app.post('/data/playlists/:playlist_id/build/mp4', { schema: buildSchema('Build the playlist\'s movie') }, start);
  app.get('/data/playlists/:playlist_id/build/mp4', { schema: buildSchema('Build the playlist\'s movie (Zou\'s GET)') }, start);
  app.post('/data/playlists/:playlist_id/build-movie', { schema: buildSchema('Build the playlist\'s movie (Gazu\'s build_playlist_movie path)') }, start);

  app.get('/data/playlists/:playlist_id/jobs', {
    schema: { tags, summary: 'The playlist\'s builds, newest first', description: readers, params: PlaylistParams, response: { 200: BuildJobs, ...errorResponses } },
  }, async (request) => listPlaylistBuilds(actorOf(request), request.params.playlist_id, db));

  app.get('/data/playlists/:playlist_id/jobs/:build_job_id', {
    schema: { tags, summary: 'A build of the playlist', description: readers, params: BuildJobParams, response: { 200: BuildJob, ...errorResponses } },
  }, async (request) => getBuild(actorOf(request), request.params.build_job_id, db, request.params.playlist_id));

  app.get('/data/playlists/build-jobs/:build_job_id', {
    schema: { tags, summary: 'A build (Gazu\'s get_build_job path)', description: readers, params: BareBuildJobParams, response: { 200: BuildJob, ...errorResponses } },
  }, async (request) => getBuild(actorOf(request), request.params.build_job_id, db));

  const removal = { description: 'Managers, or the supervisor who created the playlist. A running build stops; its movie is deleted.', response: { 204: Type.Null(), ...errorResponses } };
  app.delete('/data/playlists/:playlist_id/jobs/:build_job_id', { schema: { tags, summary: 'Delete a build', params: BuildJobParams, ...removal } }, async (request, reply) => {
    await inTransaction(app.deps, (tx, events) => removeBuild(actorOf(request), request.params.build_job_id, tx, events, request.params.playlist_id));
    return reply.status(204).send(null);
  });
  app.delete('/data/playlists/build-jobs/:build_job_id', { schema: { tags, summary: 'Delete a build (Gazu\'s remove_build_job path)', params: BareBuildJobParams, ...removal } }, async (request, reply) => {
    await inTransaction(app.deps, (tx, events) => removeBuild(actorOf(request), request.params.build_job_id, tx, events));
    return reply.status(204).send(null);
  });

  app.get('/data/projects/:project_id/build-jobs', {
    schema: { tags, summary: 'Every build of a production', description: 'Managers of the production (Zou: admins).', params: ProjectParams, response: { 200: BuildJobs, ...errorResponses } },
  }, async (request) => listProjectBuilds(actorOf(request), request.params.project_id, db));

  const download = async (request: FastifyRequest<{ Params: { playlist_id: string; build_job_id: string } }>, reply: FastifyReply) => {
    const file = await buildDownload(actorOf(request), request.params.playlist_id, request.params.build_job_id, db);
    return sendStoredFile(request, reply, storage, { ...file, contentType: 'video/mp4', download: true });
  };
  const downloadSchema = (summary: string) => ({
    tags, summary, description: `${readers}The built MP4 (byte ranges); 400 "Build is not finished" before it succeeded.`,
    params: BuildJobParams, response: { 200: Binary, ...errorResponses },
  });
  app.get('/data/playlists/:playlist_id/jobs/:build_job_id/build/mp4', { schema: downloadSchema('Download a build\'s movie') }, download);
  app.get('/data/playlists/:playlist_id/build-jobs/:build_job_id/download', { schema: downloadSchema('Download a build\'s movie (Gazu\'s download_playlist_build path)') }, download);

  app.get('/data/playlists/:playlist_id/download/zip', {
    schema: {
      tags, summary: 'Download the playlist\'s previews as a ZIP', description: 'Managers, supervisors, and clients on client playlists. Every file of each entry\'s chosen revision, streamed.',
      params: PlaylistParams, response: { 200: Binary, ...errorResponses },
    },
  }, async (request, reply) => {
    const { stream, fileName } = await playlistZip(actorOf(request), request.params.playlist_id, db, storage);
    return reply.header('content-type', 'application/zip').header('content-disposition', contentDisposition('attachment', fileName)).header('cache-control', 'private, no-store').send(stream);
  });
};
