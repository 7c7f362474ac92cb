import type { Selectable } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { PlaylistShareLink } from '../../platform/db/schema.ts';

export type ShareLinkRow = Selectable<PlaylistShareLink>;

export async function insertShareLink(
  tx: Tx,
  values: { token: string; playlist_id: string; created_by: string; expiration_date: string | null; can_comment: boolean; password_hash: string | null },
): Promise<ShareLinkRow> {
  return tx.insertInto('playlist_share_link').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The playlist's links still working (revoked ones are kept, not listed), oldest first. */
export async function listActiveShareLinks(db: Executor, playlistId: string): Promise<ShareLinkRow[]> {
  return db.selectFrom('playlist_share_link').selectAll().where('playlist_id', '=', playlistId).where('is_active', '=', true).orderBy('created_at').orderBy('id').execute();
}

export async function findShareLink(db: Executor, token: string): Promise<ShareLinkRow | undefined> {
  return db.selectFrom('playlist_share_link').selectAll().where('token', '=', token).executeTakeFirst();
}

export async function deactivateShareLink(tx: Tx, id: string): Promise<ShareLinkRow> {
  return tx.updateTable('playlist_share_link').set({ is_active: false }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Whether the preview is a revision of an entity of the playlist. */
export async function previewInPlaylist(db: Executor, playlistId: string, previewFileId: string): Promise<boolean> {
  const row = await db
    .selectFrom('preview_file as pf')
    .innerJoin('task as t', 't.id', 'pf.task_id')
    .innerJoin('playlist_entry as e', 'e.entity_id', 't.entity_id')
    .select('pf.id')
    .where('pf.id', '=', previewFileId)
    .where('e.playlist_id', '=', playlistId)
    .executeTakeFirst();
  return row !== undefined;
}
