import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { requireProjectManager } from '../../platform/auth/permissions.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';
import { playlistBuildKey } from '../../platform/storage/layout.ts';
import type { BuildJob } from '../../../../packages/contracts/src/playlists.schema.ts';
import { ffmpegAvailable } from '../previews/movie-tools.ts';
import { PLAYLIST_BUILD_QUEUE } from './playlist-build.job.ts';
import { deleteBuildJob, findBuildJob, insertBuildJob, listBuildJobs, listProjectBuildJobs } from './playlist-build-jobs.repository.ts';
import { entityFactsOf, previewOwnersOf } from './playlist-previews.repository.ts';
import { requirePlaylistBuilder, requirePlaylistEditor, requirePlaylistReader } from './playlists.policy.ts';
import { presentBuildJob, type BuildJobRow } from './playlists.presenter.ts';
import { entriesOf, type PlaylistRow } from './playlists.repository.ts';
import { playlistOr404 } from './playlists.service.ts';

/** Movie builds of playlists: start one, follow it, list, delete, download. */

/** Refuses what would only fail in the job: no revision to play, or a chosen one that cannot play. */
async function checkBuildable(db: Executor, playlist: PlaylistRow): Promise<void> {
  const entries = (await entriesOf(db, [playlist.id])).get(playlist.id) ?? [];
  const owners = await previewOwnersOf(db, entries.flatMap((entry) => (entry.preview_file_id ? [entry.preview_file_id] : [])));
  const playable = [...owners.values()].filter((owner) => owner.is_movie || owner.extension === 'png');
  if (playable.length === 0) throw errors.badRequest('The playlist has no movie or picture revision to build: add entities with previews first.');
  const unready = playable.find((owner) => owner.status !== 'ready');
  if (unready) {
    const name = (await entityFactsOf(db, [unready.entity_id])).get(unready.entity_id)?.name ?? unready.entity_id;
    const state = unready.status === 'broken' ? 'broken' : `still ${unready.status}`;
    throw errors.unprocessable(`The preview of ${name} (revision ${unready.revision}) is ${state}: choose another revision or wait for it.`, { field: 'shots' });
  }
}

/**
 * Starts a movie build (Zou's `build/mp4`, Gazu's build_playlist_movie): supervisors and managers.
 * 400 without ffmpeg or without any revision to play, 422 for a broken or unprocessed revision, 409
 * while another build of the playlist runs. The job is queued in the same transaction as its row.
 */
export async function startBuild(
  deps: Pick<AppDeps, 'jobs' | 'config'>, actor: Actor, playlistId: string, stillSeconds: number, tx: Tx, events: DomainEvent[],
): Promise<BuildJob> {
  // The playlist row is locked: two requests at once cannot both find no running build.
  const playlist = await playlistOr404(tx, playlistId, { lock: true });
  await requirePlaylistBuilder(tx, actor, playlist);
  if (!(await ffmpegAvailable(deps.config.ffmpegPath))) {
    throw errors.badRequest('Building a playlist movie needs ffmpeg, which this server does not have (set RUSHES_FFMPEG).');
  }
  const running = (await listBuildJobs(tx, playlist.id)).find((job) => job.status === 'running');
  if (running) throw errors.conflict('A build is already in progress for this playlist', { build_job_id: running.id });
  await checkBuildable(tx, playlist);
  const build = await insertBuildJob(tx, playlist.id, actor.id);
  await deps.jobs.enqueue(tx, PLAYLIST_BUILD_QUEUE, { build_job_id: build.id, still_seconds: stillSeconds });
  await recordAudit(tx, { actorId: actor.id, action: 'build-movie', objectType: 'playlist', objectId: playlist.id, projectId: playlist.project_id, after: { build_job_id: build.id } });
  events.push({ name: 'build-job:new', data: { build_job_id: build.id, playlist_id: playlist.id, created_at: build.created_at }, projectId: playlist.project_id, actorId: actor.id });
  return presentBuildJob(build);
}

/** The build and its playlist; 404 when the build is not of the playlist named in the URL. */
async function buildOf(db: Executor, buildJobId: string, playlistId?: string, options: { lock?: boolean } = {}): Promise<{ build: BuildJobRow; playlist: PlaylistRow }> {
  const build = await findBuildJob(db, uuidOr404(buildJobId), options);
  if (!build || (playlistId !== undefined && build.playlist_id !== playlistId.toLowerCase())) throw errors.notFound();
  return { build, playlist: await playlistOr404(db, build.playlist_id) };
}

/** Whoever may read the playlist follows its builds. */
export async function getBuild(actor: Actor, buildJobId: string, db: Executor, playlistId?: string): Promise<BuildJob> {
  const { build, playlist } = await buildOf(db, buildJobId, playlistId);
  await requirePlaylistReader(db, actor, playlist);
  return presentBuildJob(build);
}

export async function listPlaylistBuilds(actor: Actor, playlistId: string, db: Executor): Promise<BuildJob[]> {
  const playlist = await playlistOr404(db, playlistId);
  await requirePlaylistReader(db, actor, playlist);
  return (await listBuildJobs(db, playlist.id)).map(presentBuildJob);
}

/** Every build of a production (Zou: admins; here its managers too). */
export async function listProjectBuilds(actor: Actor, projectId: string, db: Executor): Promise<BuildJob[]> {
  const project = uuidOr404(projectId);
  await requireProjectManager(db, actor, project);
  return (await listProjectBuildJobs(db, project)).map(presentBuildJob);
}

/** Deletes a build (a running one stops at its next entry); its movie goes to the storage cleanup. */
export async function removeBuild(actor: Actor, buildJobId: string, tx: Tx, events: DomainEvent[], playlistId?: string): Promise<void> {
  const { build, playlist } = await buildOf(tx, buildJobId, playlistId, { lock: true });
  await requirePlaylistEditor(tx, actor, playlist);
  await deleteBuildJob(tx, build.id);
  await recordAudit(tx, { actorId: actor.id, action: 'delete-build', objectType: 'playlist', objectId: playlist.id, projectId: playlist.project_id, before: { build_job_id: build.id, status: build.status } });
  events.push({ name: 'build-job:delete', data: { build_job_id: build.id, playlist_id: playlist.id }, projectId: playlist.project_id, actorId: actor.id });
}

const slug = (text: string) => text.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase() || 'playlist';

/** What to send for a finished build: 400 "Build is not finished" before (Zou's answer). */
export async function buildDownload(actor: Actor, playlistId: string, buildJobId: string, db: Executor): Promise<{ key: string; fileName: string; lastModified: string }> {
  const { build, playlist } = await buildOf(db, buildJobId, playlistId);
  await requirePlaylistReader(db, actor, playlist);
  if (build.status !== 'succeeded') throw errors.badRequest('Build is not finished');
  const project = await db.selectFrom('project').select('name').where('id', '=', playlist.project_id).executeTakeFirstOrThrow();
  const stamp = build.created_at.replace(/[-:]/g, '').replace('T', '_');
  return { key: playlistBuildKey(build.id), fileName: `${stamp}_${slug(project.name)}_${slug(playlist.name)}.mp4`, lastModified: build.updated_at };
}
