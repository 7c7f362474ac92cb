import type { FastifyPluginAsync } from 'fastify';
import { definePlaylistBuildJob } from './playlist-build.job.ts';
import { playlistBuildsRoutes } from './playlist-builds.routes.ts';
import { playlistEntriesRoutes } from './playlist-entries.routes.ts';
import { playlistShareLinksRoutes } from './playlist-share-links.routes.ts';
import { playlistsRoutes } from './playlists.routes.ts';

/**
 * Playlists (#15), Zou-compatible for gazu.playlist: playlists per production and episode, their
 * entries with the chosen preview revisions, temporary playlists, movie builds in the job queue, and
 * ZIP downloads of the previews, and share links for guests.
 */
const playlistsModule: FastifyPluginAsync = async (app) => {
  definePlaylistBuildJob(app.deps);
  await app.register(playlistsRoutes);
  await app.register(playlistEntriesRoutes);
  await app.register(playlistBuildsRoutes);
  await app.register(playlistShareLinksRoutes);
};

export default playlistsModule;
