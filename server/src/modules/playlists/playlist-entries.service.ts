import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AddEntityBody, MoveEntryBody, Playlist, RemoveEntityBody } from '../../../../packages/contracts/src/playlists.schema.ts';
import { appendNew, moveEntry, resolveEntries, withoutEntity } from './playlist-entries.ts';
import { requirePlaylistEditor } from './playlists.policy.ts';
import { presentPlaylist } from './playlists.presenter.ts';
import { entriesOf, replaceEntries, updatePlaylist, type PlaylistRow, type StoredEntry } from './playlists.repository.ts';
import { playlistOr404 } from './playlists.service.ts';

/** Changing a playlist's entries one at a time: add (latest revision by default), remove, move. */

async function editable(actor: Actor, id: string, tx: Tx): Promise<{ row: PlaylistRow; entries: StoredEntry[] }> {
  // Locked: two people adding at once must not lose one of the additions.
  const row = await playlistOr404(tx, id, { lock: true });
  await requirePlaylistEditor(tx, actor, row);
  return { row, entries: (await entriesOf(tx, [row.id])).get(row.id) ?? [] };
}

async function save(actor: Actor, row: PlaylistRow, before: StoredEntry[], after: StoredEntry[], action: string, tx: Tx, events: DomainEvent[]): Promise<Playlist> {
  await replaceEntries(tx, row.id, after);
  const updated = await updatePlaylist(tx, row.id, {});
  await recordAudit(tx, { actorId: actor.id, action, objectType: 'playlist', objectId: row.id, projectId: row.project_id, before: { shots: before }, after: { shots: after } });
  events.push({ name: 'playlist:update', data: { playlist_id: row.id }, projectId: row.project_id, actorId: actor.id });
  return presentPlaylist(updated, after);
}

/**
 * `actions/playlists/<id>/add-entity` and `add-entities` (Gazu's add_entity_to_playlist): each entity
 * with the chosen revision, or its latest; an (entity, revision) couple already there is not added twice.
 */
export async function addEntities(actor: Actor, id: string, inputs: AddEntityBody[], tx: Tx, events: DomainEvent[]): Promise<Playlist> {
  const { row, entries } = await editable(actor, id, tx);
  const requests = inputs.map((input) => ({
    entity_id: input.entity_id.toLowerCase(),
    preview_file_id: input.preview_file_id ? input.preview_file_id.toLowerCase() : undefined,
  }));
  const resolved = await resolveEntries(tx, row.project_id, row.task_type_id, requests);
  const { entries: after, added } = appendNew(entries, resolved);
  if (added.length === 0) return presentPlaylist(row, entries);
  const playlist = await save(actor, row, entries, after, 'add-entity', tx, events);
  for (const entry of added) {
    events.push({ name: 'playlist:add_entity', data: { playlist_id: row.id, entity_id: entry.entity_id, preview_file_id: entry.preview_file_id }, projectId: row.project_id, actorId: actor.id });
  }
  return playlist;
}

/** `actions/playlists/<id>/remove-entity`: every entry of the entity, or only the one with that revision. */
export async function removeEntity(actor: Actor, id: string, input: RemoveEntityBody, tx: Tx, events: DomainEvent[]): Promise<Playlist> {
  const { row, entries } = await editable(actor, id, tx);
  const after = withoutEntity(entries, input.entity_id.toLowerCase(), input.preview_file_id === undefined ? undefined : (input.preview_file_id?.toLowerCase() ?? null));
  if (after.length === entries.length) throw errors.notFound('The playlist has no such entry.');
  const playlist = await save(actor, row, entries, after, 'remove-entity', tx, events);
  events.push({ name: 'playlist:remove_entity', data: { playlist_id: row.id, entity_id: input.entity_id.toLowerCase() }, projectId: row.project_id, actorId: actor.id });
  return playlist;
}

/** `actions/playlists/<id>/move-entity`: the entry goes to `position` (from 0), the others keep their order. */
export async function moveEntity(actor: Actor, id: string, input: MoveEntryBody, tx: Tx, events: DomainEvent[]): Promise<Playlist> {
  const { row, entries } = await editable(actor, id, tx);
  const after = moveEntry(entries, input.entity_id.toLowerCase(), input.preview_file_id === undefined ? undefined : (input.preview_file_id?.toLowerCase() ?? null), input.position);
  if (!after) throw errors.notFound('The playlist has no such entry.');
  return save(actor, row, entries, after, 'move-entity', tx, events);
}
