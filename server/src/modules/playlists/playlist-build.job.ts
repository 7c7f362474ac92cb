import path from 'node:path';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { downloadTo, withTempDir } from '../../platform/storage/local-copy.ts';
import { playlistBuildKey, previewKeys } from '../../platform/storage/layout.ts';
import { MovieToolError, probeMovie } from '../previews/movie-tools.ts';
import { movieKeyOf } from '../previews/preview-frame.service.ts';
import { storeFile } from '../previews/picture-variants.ts';
import { endBuildJob, findBuildJob, setBuildProgress } from './playlist-build-jobs.repository.ts';
import { concatSegments, formatOf, movieSegment, stillSegment, type MovieFormat } from './playlist-movie.ts';
import { entityFactsOf, previewOwnersOf, type PreviewOwner } from './playlist-previews.repository.ts';
import { entriesOf, findPlaylist } from './playlists.repository.ts';

/**
 * The background job of a playlist build: each entry's chosen revision becomes a segment (movies as
 * they are, pictures shown for `still_seconds`), the segments are joined into one H.264 MP4 stored
 * under playlists/<build id>/, and the build row records progress after each entry, then success or
 * the failure in words. A build deleted meanwhile stops at its next entry and leaves no file.
 */
export const PLAYLIST_BUILD_QUEUE = 'playlist:build-movie';

type Deps = Pick<AppDeps, 'db' | 'events' | 'storage' | 'config' | 'jobs'>;

export function definePlaylistBuildJob(deps: Deps): void {
  deps.jobs.define({
    queue: PLAYLIST_BUILD_QUEUE,
    maxAttempts: 2,
    handle: (payload, context) => buildPlaylistMovie(deps, String(payload.build_job_id), Number(payload.still_seconds) || 2, context.signal),
    onExhausted: (payload, error) => fail(deps, String(payload.build_job_id), `Building the movie failed: ${error}`),
  });
}

/** Why a build stops: said to the person who asked for it (the build row's error). */
class BuildRefused extends Error {}

const isPicture = (owner: PreviewOwner) => !owner.is_movie && owner.extension === 'png';

interface Planned {
  owner: PreviewOwner;
  label: string;
}

async function plan(deps: Deps, playlistId: string): Promise<{ items: Planned[]; format: MovieFormat }> {
  const playlist = await findPlaylist(deps.db, playlistId);
  if (!playlist) throw new BuildRefused('The playlist was deleted.');
  const project = await deps.db.selectFrom('project').select(['resolution', 'fps']).where('id', '=', playlist.project_id).executeTakeFirstOrThrow();
  const entries = (await entriesOf(deps.db, [playlistId])).get(playlistId) ?? [];
  const owners = await previewOwnersOf(deps.db, entries.flatMap((entry) => (entry.preview_file_id ? [entry.preview_file_id] : [])));
  const facts = await entityFactsOf(deps.db, entries.map((entry) => entry.entity_id));
  const items: Planned[] = [];
  for (const entry of entries) {
    const owner = entry.preview_file_id ? owners.get(entry.preview_file_id) : undefined;
    if (!owner || !(owner.is_movie || isPicture(owner))) continue;
    items.push({ owner, label: `${facts.get(entry.entity_id)?.name ?? entry.entity_id} (revision ${owner.revision})` });
  }
  if (items.length === 0) throw new BuildRefused('The playlist has no movie or picture revision to build.');
  return { items, format: formatOf(project.resolution, project.fps) };
}

async function renderSegment(deps: Deps, item: Planned, dir: string, index: number, format: MovieFormat, stillSeconds: number, signal: AbortSignal): Promise<string> {
  const { owner, label } = item;
  if (owner.status !== 'ready') throw new BuildRefused(`The preview of ${label} is ${owner.status === 'broken' ? 'broken' : owner.status}: choose another revision.`);
  const key = owner.is_movie ? movieKeyOf({ id: owner.id, data: owner.data as never }) : previewKeys(owner.id).original;
  const segment = path.join(dir, `segment-${index}.mp4`);
  try {
    const input = await downloadTo(deps.storage, key, dir, `input-${index}`);
    if (owner.is_movie) await movieSegment(deps.config.ffmpegPath, input, segment, format, signal);
    else await stillSegment(deps.config.ffmpegPath, input, segment, format, stillSeconds, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    if (error instanceof MovieToolError) throw new BuildRefused(`The preview of ${label} could not be read: ${error.message}`);
    if (error instanceof Error && error.name === 'StorageNotFoundError') throw new BuildRefused(`The file of the preview of ${label} is missing.`);
    throw error;
  }
  return segment;
}

export async function buildPlaylistMovie(deps: Deps, buildJobId: string, stillSeconds: number, signal: AbortSignal): Promise<void> {
  const build = await findBuildJob(deps.db, buildJobId);
  if (!build || build.status !== 'running') return;
  const key = playlistBuildKey(buildJobId);
  let result: { fileSize: number; duration: number } | undefined;
  try {
    const { items, format } = await plan(deps, build.playlist_id);
    result = await withTempDir(async (dir) => {
      const segments: string[] = [];
      for (const [index, item] of items.entries()) {
        segments.push(await renderSegment(deps, item, dir, index, format, stillSeconds, signal));
        if (!(await setBuildProgress(deps.db, buildJobId, (index + 1) / (items.length + 1)))) return undefined;
      }
      const movie = path.join(dir, 'playlist.mp4');
      await concatSegments(deps.config.ffmpegPath, segments, movie, signal);
      const { duration } = await probeMovie(deps.config.ffmpegPath, movie, signal);
      return { fileSize: await storeFile(deps.storage, key, movie, 'video/mp4'), duration };
    });
  } catch (error) {
    if (error instanceof BuildRefused || (error instanceof MovieToolError && !signal.aborted)) {
      await fail(deps, buildJobId, error.message);
      return;
    }
    throw error;
  }
  if (!result) return;
  const ended = await settle(deps, buildJobId, { status: 'succeeded', ...result });
  // Deleted while it was being stored: the movie must not outlive its build.
  if (!ended) await deps.storage.delete(key);
}

async function settle(deps: Deps, buildJobId: string, outcome: Parameters<typeof endBuildJob>[2]): Promise<boolean> {
  return inTransaction(deps, async (tx, events) => {
    const ended = await endBuildJob(tx, buildJobId, outcome);
    if (!ended) return false;
    const playlist = await findPlaylist(tx, ended.playlist_id);
    events.push({ name: 'build-job:update', data: { build_job_id: ended.id, playlist_id: ended.playlist_id, status: ended.status }, projectId: playlist?.project_id ?? null });
    return true;
  });
}

async function fail(deps: Deps, buildJobId: string, message: string): Promise<void> {
  await settle(deps, buildJobId, { status: 'failed', error: message });
}
