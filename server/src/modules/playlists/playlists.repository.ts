import { sql, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Playlist } from '../../platform/db/schema.ts';

export type PlaylistRow = Selectable<Playlist>;
export interface StoredEntry {
  entity_id: string;
  preview_file_id: string | null;
}
export type PlaylistWithEntries = PlaylistRow & { shots: StoredEntry[] };
/** A list row: no entries, the first one's preview for a thumbnail. */
export type PlaylistSummaryRow = PlaylistRow & { first_preview_file_id: string | null };

export async function findPlaylist(db: Executor, id: string, options: { lock?: boolean } = {}): Promise<PlaylistRow | undefined> {
  let query = db.selectFrom('playlist').selectAll().where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Each playlist's entries in order, in one query for all of them. */
export async function entriesOf(db: Executor, playlistIds: string[]): Promise<Map<string, StoredEntry[]>> {
  const byPlaylist = new Map<string, StoredEntry[]>(playlistIds.map((id) => [id, []]));
  if (playlistIds.length === 0) return byPlaylist;
  const rows = await db
    .selectFrom('playlist_entry')
    .select(['playlist_id', 'entity_id', 'preview_file_id'])
    .where('playlist_id', 'in', playlistIds)
    .orderBy('playlist_id')
    .orderBy('position')
    .execute();
  for (const row of rows) byPlaylist.get(row.playlist_id)?.push({ entity_id: row.entity_id, preview_file_id: row.preview_file_id });
  return byPlaylist;
}

export async function withEntries(db: Executor, rows: PlaylistRow[]): Promise<PlaylistWithEntries[]> {
  const entries = await entriesOf(db, rows.map((row) => row.id));
  return rows.map((row) => ({ ...row, shots: entries.get(row.id) ?? [] }));
}

export interface PlaylistFilters {
  /** Visibility: undefined for admins, else the projects whose playlists the caller may list. */
  visibleTo?: { personId: string };
  onlyForClient?: boolean;
  projectId?: string;
  /** null: project-level playlists. */
  episodeId?: string | null;
  taskTypeId?: string;
  id?: string;
  nameLike?: string;
  forClient?: boolean;
  forEntity?: string;
  isDaily?: boolean;
}

/** The SQL of a list's filters, on alias `p`. */
function whereOf(filters: PlaylistFilters) {
  const parts: RawBuilder<SqlBool>[] = [sql<SqlBool>`true`];
  if (filters.visibleTo) {
    // Team members but vendors, clients only client playlists (effective project role); Zou does not
    // require the project to be open here.
    parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM project_person_link ppl JOIN person pe ON pe.id = ppl.person_id
      WHERE ppl.project_id = p.project_id AND ppl.person_id = ${filters.visibleTo.personId}
        AND coalesce(ppl.role, pe.role) <> 'vendor' AND (coalesce(ppl.role, pe.role) <> 'client' OR p.for_client))`);
  }
  if (filters.onlyForClient) parts.push(sql<SqlBool>`p.for_client`);
  if (filters.projectId !== undefined) parts.push(sql<SqlBool>`p.project_id = ${filters.projectId}`);
  if (filters.episodeId === null) parts.push(sql<SqlBool>`p.episode_id IS NULL`);
  else if (filters.episodeId !== undefined) parts.push(sql<SqlBool>`p.episode_id = ${filters.episodeId}`);
  if (filters.taskTypeId !== undefined) parts.push(sql<SqlBool>`p.task_type_id = ${filters.taskTypeId}`);
  if (filters.id !== undefined) parts.push(sql<SqlBool>`p.id = ${filters.id}`);
  if (filters.nameLike !== undefined) parts.push(sql<SqlBool>`p.name ILIKE ${filters.nameLike}`);
  if (filters.forClient !== undefined) parts.push(sql<SqlBool>`p.for_client = ${filters.forClient}`);
  if (filters.forEntity !== undefined) parts.push(sql<SqlBool>`p.for_entity = ${filters.forEntity}`);
  if (filters.isDaily !== undefined) parts.push(sql<SqlBool>`p.is_daily = ${filters.isDaily}`);
  return sql.join(parts, sql` AND `);
}

/** `data/playlists`: every matching playlist, or one page of them (newest change first, as Zou pages). */
export async function listPlaylists(db: Executor, filters: PlaylistFilters, page?: { limit: number; offset: number }): Promise<PlaylistRow[]> {
  const paging = page ? sql`ORDER BY p.updated_at DESC, p.created_at DESC, p.id LIMIT ${page.limit} OFFSET ${page.offset}` : sql`ORDER BY p.name, p.id`;
  const result = await sql<PlaylistRow>`SELECT p.* FROM playlist p WHERE ${whereOf(filters)} ${paging}`.execute(db);
  return result.rows;
}

export async function countPlaylists(db: Executor, filters: PlaylistFilters): Promise<number> {
  const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM playlist p WHERE ${whereOf(filters)}`.execute(db);
  return result.rows[0]?.n ?? 0;
}

const SORTS = { updated_at: sql`p.updated_at DESC`, created_at: sql`p.created_at DESC`, name: sql`p.name` } as const;
export type PlaylistSort = keyof typeof SORTS;

/** A project's or episode's playlists, a page of `limit`, with the first entry's preview. */
export async function listPlaylistSummaries(
  db: Executor,
  filters: PlaylistFilters & { isForAll?: boolean },
  sort: PlaylistSort,
  page: { limit: number; offset: number },
): Promise<PlaylistSummaryRow[]> {
  const forAll = filters.isForAll === undefined ? sql`true` : sql`p.is_for_all = ${filters.isForAll}`;
  const result = await sql<PlaylistSummaryRow>`
    SELECT p.*, (SELECT e.preview_file_id FROM playlist_entry e WHERE e.playlist_id = p.id ORDER BY e.position LIMIT 1) AS first_preview_file_id
      FROM playlist p
     WHERE ${whereOf(filters)} AND ${forAll}
     ORDER BY ${SORTS[sort]}, p.id
     LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return result.rows;
}

export interface PlaylistValues {
  name: string;
  project_id: string;
  episode_id: string | null;
  task_type_id: string | null;
  for_client: boolean;
  for_entity: string;
  is_for_all: boolean;
  is_daily: boolean;
  created_by: string | null;
}

export async function insertPlaylist(tx: Tx, values: PlaylistValues): Promise<PlaylistRow> {
  return tx.insertInto('playlist').values(values).returningAll().executeTakeFirstOrThrow();
}

export type PlaylistChanges = Partial<Omit<PlaylistValues, 'project_id' | 'created_by'>>;

/** Applies the changes; touches updated_at even when only the entries changed. */
export async function updatePlaylist(tx: Tx, id: string, changes: PlaylistChanges): Promise<PlaylistRow> {
  return tx
    .updateTable('playlist')
    .set({ ...changes, updated_at: sql<string>`utc_now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deletePlaylist(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('playlist').where('id', '=', id).execute();
}

/** Replaces the playlist's entries with `entries`, in that order, in two statements. */
export async function replaceEntries(tx: Tx, playlistId: string, entries: StoredEntry[]): Promise<void> {
  await tx.deleteFrom('playlist_entry').where('playlist_id', '=', playlistId).execute();
  if (entries.length === 0) return;
  await tx
    .insertInto('playlist_entry')
    .values(entries.map((entry, position) => ({ playlist_id: playlistId, position, entity_id: entry.entity_id, preview_file_id: entry.preview_file_id })))
    .execute();
}

/** Playlist notifications point at the playlist without a foreign key (Zou's schema): they go with it. */
export async function deletePlaylistNotifications(tx: Tx, playlistId: string): Promise<void> {
  await tx.deleteFrom('notification').where('playlist_id', '=', playlistId).execute();
}

/**
 * A `playlist-ready` notification for each client of the production (by their role in it), people
 * of a studio or department only when given; bots are left out (Zou). One statement.
 */
export async function insertClientNotifications(
  tx: Tx, playlist: PlaylistRow, authorId: string, only: { studioId?: string; departmentId?: string },
): Promise<Array<{ id: string; person_id: string }>> {
  const studio = only.studioId ? sql`AND pe.studio_id = ${only.studioId}` : sql``;
  const department = only.departmentId ? sql`AND EXISTS (SELECT 1 FROM department_link dl WHERE dl.person_id = pe.id AND dl.department_id = ${only.departmentId})` : sql``;
  const result = await sql<{ id: string; person_id: string }>`
    INSERT INTO notification (person_id, author_id, playlist_id, type)
    SELECT pe.id, ${authorId}, ${playlist.id}, 'playlist-ready'
      FROM project_person_link ppl JOIN person pe ON pe.id = ppl.person_id
     WHERE ppl.project_id = ${playlist.project_id} AND coalesce(ppl.role, pe.role) = 'client' AND NOT pe.is_bot AND pe.active ${studio} ${department}
    RETURNING id, person_id`.execute(tx);
  return result.rows;
}
