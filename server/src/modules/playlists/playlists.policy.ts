import type { Actor } from '../../platform/auth/actor.ts';
import { projectAccess, type ProjectAccess } from '../../platform/auth/permissions.ts';
import type { Executor } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { PlaylistRow } from './playlists.repository.ts';

/**
 * Who may do what with playlists (Zou §5.2, and the roles):
 * - read: team members of the production, not vendors; clients only the playlists made for them (a
 *   studio playlist answers 404 to a client: its existence is not theirs to learn);
 * - create and build: supervisors and managers of the production (admins everywhere);
 * - change and delete: managers, or the supervisor who created it (or any supervisor when nobody did);
 * - download the previews as a ZIP: managers, supervisors, and clients on client playlists (Zou).
 */

const SUPERVISING = ['admin', 'manager', 'supervisor'];

async function memberAccess(db: Executor, actor: Actor, projectId: string): Promise<ProjectAccess> {
  const access = await projectAccess(db, actor, projectId);
  if (!access.projectExists) throw errors.notFound();
  if (!access.isMember || access.effectiveRole === 'vendor') throw errors.forbidden();
  return access;
}

/** Reading a project's playlists: its team but vendors. `clientOnly` says to list client playlists alone. */
export async function requirePlaylistsReader(db: Executor, actor: Actor, projectId: string): Promise<{ access: ProjectAccess; clientOnly: boolean }> {
  const access = await memberAccess(db, actor, projectId);
  return { access, clientOnly: access.effectiveRole === 'client' };
}

export async function requirePlaylistReader(db: Executor, actor: Actor, playlist: PlaylistRow): Promise<ProjectAccess> {
  const { access, clientOnly } = await requirePlaylistsReader(db, actor, playlist.project_id);
  if (clientOnly && !playlist.for_client) throw errors.notFound();
  return access;
}

/** Creating a playlist or building its movie. */
export async function requirePlaylistMaker(db: Executor, actor: Actor, projectId: string): Promise<ProjectAccess> {
  const access = await memberAccess(db, actor, projectId);
  if (!SUPERVISING.includes(access.effectiveRole)) throw errors.forbidden();
  return access;
}

/** Changing, deleting, or changing the entries of a playlist. */
export async function requirePlaylistEditor(db: Executor, actor: Actor, playlist: PlaylistRow): Promise<ProjectAccess> {
  const access = await requirePlaylistReader(db, actor, playlist);
  const role = access.effectiveRole;
  if (role === 'admin' || role === 'manager') return access;
  if (role === 'supervisor' && (playlist.created_by === null || playlist.created_by === actor.id)) return access;
  throw errors.forbidden();
}

export async function requirePlaylistBuilder(db: Executor, actor: Actor, playlist: PlaylistRow): Promise<ProjectAccess> {
  await requirePlaylistReader(db, actor, playlist);
  return requirePlaylistMaker(db, actor, playlist.project_id);
}

export async function requireZipDownloader(db: Executor, actor: Actor, playlist: PlaylistRow): Promise<ProjectAccess> {
  const access = await requirePlaylistReader(db, actor, playlist);
  if (SUPERVISING.includes(access.effectiveRole) || access.effectiveRole === 'client') return access;
  throw errors.forbidden();
}
