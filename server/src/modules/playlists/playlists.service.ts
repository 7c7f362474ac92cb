import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { errors } from '../../platform/errors/index.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';
import type {
  CreatePlaylistBody, ListPlaylistsQuery, Playlist, PlaylistSummary, ProjectPlaylistsQuery, UpdatePlaylistBody,
} from '../../../../packages/contracts/src/playlists.schema.ts';
import { entryRequestsOf, resolveEntries } from './playlist-entries.ts';
import { parseListQuery, positiveInteger } from './playlist-list-query.ts';
import { requirePlaylistEditor, requirePlaylistMaker, requirePlaylistReader, requirePlaylistsReader } from './playlists.policy.ts';
import { presentPlaylist, presentSummary } from './playlists.presenter.ts';
import {
  countPlaylists, deletePlaylist, deletePlaylistNotifications, entriesOf, findPlaylist, insertPlaylist, listPlaylists,
  listPlaylistSummaries, replaceEntries, updatePlaylist, withEntries, type PlaylistChanges, type PlaylistFilters, type PlaylistRow,
} from './playlists.repository.ts';

/** Zou's page size for a project's or episode's playlists. */
export const PROJECT_PAGE_SIZE = 20;

type Page<T> = { data: T[]; total: number; nb_pages: number; limit: number; offset: number; page: number };

/** The playlist, or 404 for an unknown or malformed id. */
export async function playlistOr404(db: Executor, id: string, options: { lock?: boolean } = {}): Promise<PlaylistRow> {
  const row = await findPlaylist(db, uuidOr404(id), options);
  if (!row) throw errors.notFound();
  return row;
}

/** Who sees what in `data/playlists`: admins everything, others their productions' (clients: client ones). */
function visibility(actor: Actor): PlaylistFilters {
  if (actor.role === 'admin') return {};
  if (actor.role === 'vendor') throw errors.forbidden();
  // Clients (by their role in each production) see client playlists only: see the repository's filter.
  return { visibleTo: { personId: actor.id } };
}

/** `GET data/playlists`: every playlist the caller may see, filtered as Zou's generic lists are. */
export async function listStudioPlaylists(actor: Actor, query: ListPlaylistsQuery, db: Executor): Promise<Playlist[] | Page<Playlist>> {
  const parsed = parseListQuery(query);
  const filters = { ...parsed.filters, ...visibility(actor) };
  const present = async (rows: PlaylistRow[]) => (await withEntries(db, rows)).map((row) => presentPlaylist(row, row.shots));
  if (!parsed.page) return present(await listPlaylists(db, filters));
  const { page, limit, offset } = parsed.page;
  const total = await countPlaylists(db, filters);
  const rows = page < 1 || offset >= total ? [] : await listPlaylists(db, filters, { limit, offset });
  return { data: await present(rows), total, nb_pages: Math.ceil(total / limit), limit, offset, page };
}

function summaryPage(query: ProjectPlaylistsQuery) {
  const page = Math.max(positiveInteger(query.page, 'page', 1), 1);
  return { limit: PROJECT_PAGE_SIZE, offset: (page - 1) * PROJECT_PAGE_SIZE };
}

const taskTypeFilter = (value: string | undefined) => (value ? uuidOr404(value) : undefined);

/** `GET data/projects/<id>/playlists`: a page of 20 (page 1 by default), a bare array as in Zou. */
export async function listProjectPlaylists(actor: Actor, projectId: string, query: ProjectPlaylistsQuery, db: Executor): Promise<PlaylistSummary[]> {
  const project = uuidOr404(projectId);
  const { clientOnly } = await requirePlaylistsReader(db, actor, project);
  const rows = await listPlaylistSummaries(db, { projectId: project, onlyForClient: clientOnly, taskTypeId: taskTypeFilter(query.task_type_id) }, query.sort_by ?? 'updated_at', summaryPage(query));
  return rows.map(presentSummary);
}

/** `GET data/projects/<id>/episodes/<episode|main|all>/playlists`. */
export async function listEpisodePlaylists(actor: Actor, projectId: string, episodeId: string, query: ProjectPlaylistsQuery, db: Executor): Promise<PlaylistSummary[]> {
  const project = uuidOr404(projectId);
  const { clientOnly } = await requirePlaylistsReader(db, actor, project);
  const filters = { projectId: project, onlyForClient: clientOnly, taskTypeId: taskTypeFilter(query.task_type_id) };
  const scoped = episodeId === 'main' ? { ...filters, episodeId: null, isForAll: false }
    : episodeId === 'all' ? { ...filters, episodeId: null, isForAll: true }
      : { ...filters, episodeId: await episodeOr404(db, project, episodeId) };
  const rows = await listPlaylistSummaries(db, scoped, query.sort_by ?? 'updated_at', summaryPage(query));
  return rows.map(presentSummary);
}

async function episodeOf(db: Executor, projectId: string, episodeId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('entity as e')
    .innerJoin('entity_type as t', 't.id', 'e.entity_type_id')
    .select('e.id')
    .where('e.id', '=', episodeId)
    .where('e.project_id', '=', projectId)
    .where('t.name', '=', 'Episode')
    .executeTakeFirst();
  return row?.id;
}

async function episodeOr404(db: Executor, projectId: string, episodeId: string): Promise<string> {
  const id = await episodeOf(db, projectId, uuidOr404(episodeId));
  if (!id) throw errors.notFound();
  return id;
}

/** "all", "main" and null are project-level playlists (Zou stores them without an episode). */
async function episodeChoice(db: Executor, projectId: string, value: string | null | undefined): Promise<string | null> {
  if (value === undefined || value === null || value === 'all' || value === 'main') return null;
  const id = await episodeOf(db, projectId, value.toLowerCase());
  if (!id) throw errors.unprocessable('No episode of this production has this id.', { field: 'episode_id' });
  return id;
}

async function taskTypeChoice(db: Executor, value: string | null | undefined): Promise<string | null> {
  if (!value) return null;
  const row = await db.selectFrom('task_type').select('id').where('id', '=', value.toLowerCase()).executeTakeFirst();
  if (!row) throw errors.unprocessable('No task type has this id.', { field: 'task_type_id' });
  return row.id;
}

const audited = (row: PlaylistRow, shots?: unknown) => ({
  name: row.name, episode_id: row.episode_id, task_type_id: row.task_type_id, for_client: row.for_client, for_entity: row.for_entity,
  is_for_all: row.is_for_all, is_daily: row.is_daily, ...(shots === undefined ? {} : { shots }),
});

/** `POST data/playlists` (Gazu's new_playlist): supervisors and managers of the production. */
export async function createPlaylist(actor: Actor, input: CreatePlaylistBody, tx: Tx, events: DomainEvent[]): Promise<Playlist> {
  const projectId = input.project_id.toLowerCase();
  await requirePlaylistMaker(tx, actor, projectId);
  const taskTypeId = await taskTypeChoice(tx, input.task_type_id);
  const row = await insertPlaylist(tx, {
    name: input.name.trim(),
    project_id: projectId,
    episode_id: await episodeChoice(tx, projectId, input.episode_id),
    task_type_id: taskTypeId,
    for_client: input.for_client ?? false,
    for_entity: input.for_entity ?? 'shot',
    is_for_all: input.is_for_all ?? false,
    is_daily: input.is_daily ?? false,
    created_by: actor.id,
  });
  const shots = await resolveEntries(tx, projectId, taskTypeId, entryRequestsOf(input.shots ?? []));
  await replaceEntries(tx, row.id, shots);
  await recordAudit(tx, { actorId: actor.id, action: 'create', objectType: 'playlist', objectId: row.id, projectId, after: audited(row, shots) });
  events.push({ name: 'playlist:new', data: { playlist_id: row.id }, projectId, actorId: actor.id });
  return presentPlaylist(row, shots);
}

/**
 * `PUT data/playlists/<id>` (Gazu's update_playlist, remove_entity_from_playlist, update_entity_preview):
 * the settable keys change, `shots` replaces the entries; the production never changes.
 */
export async function changePlaylist(actor: Actor, id: string, input: UpdatePlaylistBody, tx: Tx, events: DomainEvent[]): Promise<Playlist> {
  const before = await playlistOr404(tx, id, { lock: true });
  await requirePlaylistEditor(tx, actor, before);
  const changes: PlaylistChanges = {};
  if (input.name !== undefined) changes.name = input.name.trim();
  if (input.episode_id !== undefined) changes.episode_id = await episodeChoice(tx, before.project_id, input.episode_id);
  if (input.task_type_id !== undefined) changes.task_type_id = await taskTypeChoice(tx, input.task_type_id);
  for (const key of ['for_client', 'is_for_all', 'is_daily'] as const) if (input[key] !== undefined) changes[key] = input[key];
  if (input.for_entity !== undefined) changes.for_entity = input.for_entity;
  const after = await updatePlaylist(tx, before.id, changes);
  const previous = (await entriesOf(tx, [before.id])).get(before.id) ?? [];
  let shots = previous;
  if (input.shots !== undefined) {
    shots = await resolveEntries(tx, before.project_id, after.task_type_id, entryRequestsOf(input.shots));
    await replaceEntries(tx, before.id, shots);
  }
  await recordAudit(tx, {
    actorId: actor.id, action: 'update', objectType: 'playlist', objectId: before.id, projectId: before.project_id,
    before: audited(before, input.shots === undefined ? undefined : previous), after: audited(after, input.shots === undefined ? undefined : shots),
  });
  events.push({ name: 'playlist:update', data: { playlist_id: before.id }, projectId: before.project_id, actorId: actor.id });
  return presentPlaylist(after, shots);
}

/** `DELETE data/playlists/<id>`: the entries and builds go with it (their movies to the storage cleanup). */
export async function removePlaylist(actor: Actor, id: string, tx: Tx, events: DomainEvent[]): Promise<void> {
  const before = await playlistOr404(tx, id, { lock: true });
  await requirePlaylistEditor(tx, actor, before);
  await deletePlaylistNotifications(tx, before.id);
  await deletePlaylist(tx, before.id);
  await recordAudit(tx, { actorId: actor.id, action: 'delete', objectType: 'playlist', objectId: before.id, projectId: before.project_id, before: audited(before) });
  events.push({ name: 'playlist:delete', data: { playlist_id: before.id }, projectId: before.project_id, actorId: actor.id });
}

/** Reads a playlist the caller may see (404/403 otherwise); `projectId` when the URL names one. */
export async function readablePlaylist(actor: Actor, id: string, db: Executor, projectId?: string): Promise<PlaylistRow> {
  const row = await playlistOr404(db, id);
  if (projectId !== undefined && row.project_id !== projectId.toLowerCase()) throw errors.notFound();
  await requirePlaylistReader(db, actor, row);
  return row;
}
