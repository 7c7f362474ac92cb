import { randomBytes } from 'node:crypto';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import { requireProjectManager } from '../../platform/auth/permissions.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { errors } from '../../platform/errors/index.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import type { CreateShareLinkBody, ShareLink } from '../../../../packages/contracts/src/playlists.schema.ts';
import { presentOpened } from './playlist-review.service.ts';
import { deactivateShareLink, findShareLink, insertShareLink, listActiveShareLinks, previewInPlaylist, type ShareLinkRow } from './playlist-share-links.repository.ts';
import { findPlaylist, type PlaylistRow } from './playlists.repository.ts';
import { playlistOr404 } from './playlists.service.ts';

/**
 * Share links (Gazu's new_share_link, all_share_links_for_playlist, remove_share_link): managers of
 * the production open a playlist to people without an account, through a random token, until the
 * link is revoked or expires, optionally behind a password. A guest sees the opened playlist and its
 * entities' previews; every failure (unknown, revoked, expired, wrong password) is the same 404.
 */

function presentShareLink(row: ShareLinkRow): ShareLink {
  return {
    id: row.id,
    type: 'PlaylistShareLink',
    token: row.token,
    playlist_id: row.playlist_id,
    created_by: row.created_by,
    expiration_date: row.expiration_date,
    is_active: row.is_active,
    can_comment: row.can_comment,
    has_password: row.password_hash !== null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A day names the whole day (the link works on it); a date-time is taken as given, in UTC. */
function expirationOf(value: string | null | undefined): string | null {
  if (!value) return null;
  const instant = new Date(DATE_ONLY.test(value) ? `${value}T23:59:59Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`);
  if (Number.isNaN(instant.getTime())) throw errors.badRequest(`${value} is not a valid ISO 8601 date`);
  return instant.toISOString().slice(0, 19);
}

async function managedPlaylist(actor: Actor, playlistId: string, db: Executor): Promise<PlaylistRow> {
  const playlist = await playlistOr404(db, playlistId);
  await requireProjectManager(db, actor, playlist.project_id);
  return playlist;
}

export async function createShareLink(actor: Actor, playlistId: string, input: CreateShareLinkBody, tx: Tx, events: DomainEvent[]): Promise<ShareLink> {
  const playlist = await managedPlaylist(actor, playlistId, tx);
  const row = await insertShareLink(tx, {
    token: randomBytes(24).toString('base64url'),
    playlist_id: playlist.id,
    created_by: actor.id,
    expiration_date: expirationOf(input.expiration_date),
    can_comment: input.can_comment ?? true,
    password_hash: input.password ? await hashPassword(input.password) : null,
  });
  await recordAudit(tx, { actorId: actor.id, action: 'share', objectType: 'playlist', objectId: playlist.id, projectId: playlist.project_id, after: { share_link_id: row.id, expiration_date: row.expiration_date, has_password: row.password_hash !== null } });
  events.push({ name: 'playlist-share-link:new', data: { playlist_id: playlist.id, share_link_id: row.id }, projectId: playlist.project_id, actorId: actor.id });
  return presentShareLink(row);
}

export async function listShareLinks(actor: Actor, playlistId: string, db: Executor): Promise<ShareLink[]> {
  const playlist = await managedPlaylist(actor, playlistId, db);
  return (await listActiveShareLinks(db, playlist.id)).map(presentShareLink);
}

/** Revokes the link (kept, inactive); 404 when the token is not one of this playlist's. */
export async function revokeShareLink(actor: Actor, playlistId: string, token: string, tx: Tx, events: DomainEvent[]): Promise<ShareLink> {
  const playlist = await managedPlaylist(actor, playlistId, tx);
  const link = await findShareLink(tx, token);
  if (!link || link.playlist_id !== playlist.id) throw errors.notFound();
  const after = await deactivateShareLink(tx, link.id);
  await recordAudit(tx, { actorId: actor.id, action: 'revoke-share', objectType: 'playlist', objectId: playlist.id, projectId: playlist.project_id, before: { share_link_id: link.id } });
  events.push({ name: 'playlist-share-link:delete', data: { playlist_id: playlist.id, share_link_id: link.id }, projectId: playlist.project_id, actorId: actor.id });
  return presentShareLink(after);
}

/** The link and its playlist when the link works for this password; the same 404 otherwise. */
async function openLink(db: Executor, token: string, password: string | undefined): Promise<{ link: ShareLinkRow; playlist: PlaylistRow }> {
  const link = await findShareLink(db, token);
  const expired = link?.expiration_date ? new Date(`${link.expiration_date}Z`).getTime() < Date.now() : false;
  if (!link || !link.is_active || expired) throw errors.notFound();
  if (link.password_hash !== null && !(password && (await verifyPassword(link.password_hash, password)))) throw errors.notFound();
  const playlist = await findPlaylist(db, link.playlist_id);
  if (!playlist) throw errors.notFound();
  return { link, playlist };
}

/** `GET shared/playlists/<token>?password=`: the opened playlist for a guest. */
export async function openSharedPlaylist(token: string, password: string | undefined, db: Executor) {
  const { link, playlist } = await openLink(db, token, password);
  return { playlist: await presentOpened(db, playlist), can_comment: link.can_comment, expiration_date: link.expiration_date };
}

/** A guest's preview: only revisions of the playlist's entities. */
export async function sharedPreviewId(token: string, password: string | undefined, previewFileId: string, db: Executor): Promise<string> {
  const { playlist } = await openLink(db, token, password);
  if (!isUuid(previewFileId) || !(await previewInPlaylist(db, playlist.id, previewFileId.toLowerCase()))) throw errors.notFound();
  return previewFileId.toLowerCase();
}
