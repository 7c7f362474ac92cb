import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { BuildJobRow } from './playlists.presenter.ts';

/** The playlist's builds, newest first. */
export async function listBuildJobs(db: Executor, playlistId: string): Promise<BuildJobRow[]> {
  return db.selectFrom('playlist_build_job').selectAll().where('playlist_id', '=', playlistId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

/** Every build of a production's playlists, newest first. */
export async function listProjectBuildJobs(db: Executor, projectId: string): Promise<BuildJobRow[]> {
  return db
    .selectFrom('playlist_build_job as b')
    .innerJoin('playlist as p', 'p.id', 'b.playlist_id')
    .selectAll('b')
    .where('p.project_id', '=', projectId)
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .execute();
}

export async function findBuildJob(db: Executor, id: string, options: { lock?: boolean } = {}): Promise<BuildJobRow | undefined> {
  let query = db.selectFrom('playlist_build_job').selectAll().where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function insertBuildJob(tx: Tx, playlistId: string, createdBy: string): Promise<BuildJobRow> {
  return tx.insertInto('playlist_build_job').values({ playlist_id: playlistId, created_by: createdBy }).returningAll().executeTakeFirstOrThrow();
}

export async function deleteBuildJob(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('playlist_build_job').where('id', '=', id).execute();
}

/** Progress of a running build; false when it is no longer running (deleted, or ended). */
export async function setBuildProgress(db: Executor, id: string, progress: number): Promise<boolean> {
  const row = await db
    .updateTable('playlist_build_job')
    .set({ progress: Math.min(Math.max(progress, 0), 1) })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Ends a running build; undefined when it was not running any more. */
export async function endBuildJob(
  db: Executor,
  id: string,
  outcome: { status: 'succeeded'; fileSize: number; duration: number } | { status: 'failed'; error: string },
): Promise<BuildJobRow | undefined> {
  const values = outcome.status === 'succeeded'
    ? { status: 'succeeded', progress: 1, file_size: outcome.fileSize, duration: outcome.duration, error: null }
    : { status: 'failed', error: outcome.error.slice(0, 4000) };
  return db
    .updateTable('playlist_build_job')
    .set({ ...values, ended_at: sql<string>`utc_now()` })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .returningAll()
    .executeTakeFirst();
}
