import type { Executor } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { PlaylistEntryInput } from '../../../../packages/contracts/src/playlists.schema.ts';
import { entityFactsOf, latestPreviewIds, previewOwnersOf } from './playlist-previews.repository.ts';
import type { StoredEntry } from './playlists.repository.ts';

/** An entry asked for: the entity, and the revision (undefined: the latest, null: none). */
export interface EntryRequest {
  entity_id: string;
  preview_file_id?: string | null;
}

/**
 * Entries of a `shots` list as sent: Gazu PUTs back the entries it read, keyed `id` there, so either
 * key names the entity; an entry without a revision keeps none (as stored, not the latest).
 */
export function entryRequestsOf(inputs: PlaylistEntryInput[]): EntryRequest[] {
  return inputs.map((input, index) => {
    const entityId = input.entity_id ?? input.id;
    if (!entityId) throw errors.unprocessable(`Entry ${index} of shots names no entity (entity_id).`, { field: 'shots' });
    return { entity_id: entityId.toLowerCase(), preview_file_id: input.preview_file_id ? input.preview_file_id.toLowerCase() : null };
  });
}

/**
 * Checks entries against the production and fills the revisions left to choose: every entity must be
 * of the playlist's production, every preview one of that entity's; an entity without a chosen
 * revision gets its latest (of the playlist's task type when it has one), or none. Three queries
 * whatever the number of entries.
 */
export async function resolveEntries(db: Executor, projectId: string, taskTypeId: string | null, requests: EntryRequest[]): Promise<StoredEntry[]> {
  const entityIds = [...new Set(requests.map((request) => request.entity_id))];
  const facts = await entityFactsOf(db, entityIds);
  for (const id of entityIds) {
    if (facts.get(id)?.project_id !== projectId) throw errors.unprocessable(`No entity of this production has the id ${id}.`, { field: 'entity_id' });
  }
  const previewIds = [...new Set(requests.flatMap((request) => (request.preview_file_id ? [request.preview_file_id] : [])))];
  const owners = await previewOwnersOf(db, previewIds);
  for (const request of requests) {
    if (!request.preview_file_id) continue;
    if (owners.get(request.preview_file_id)?.entity_id !== request.entity_id) {
      throw errors.unprocessable(`The preview ${request.preview_file_id} is not a preview of the entity ${request.entity_id}.`, { field: 'preview_file_id' });
    }
  }
  const toResolve = requests.filter((request) => request.preview_file_id === undefined).map((request) => request.entity_id);
  const latest = await latestPreviewIds(db, [...new Set(toResolve)], taskTypeId);
  return requests.map((request) => ({
    entity_id: request.entity_id,
    preview_file_id: request.preview_file_id === undefined ? (latest.get(request.entity_id) ?? null) : request.preview_file_id,
  }));
}

const sameEntry = (a: StoredEntry, b: StoredEntry) => a.entity_id === b.entity_id && a.preview_file_id === b.preview_file_id;

/** Appends the entries not there yet: an entry is the couple (entity, revision), as in Zou. */
export function appendNew(current: StoredEntry[], added: StoredEntry[]): { entries: StoredEntry[]; added: StoredEntry[] } {
  const entries = [...current];
  const appended: StoredEntry[] = [];
  for (const entry of added) {
    if (entries.some((existing) => sameEntry(existing, entry))) continue;
    entries.push(entry);
    appended.push(entry);
  }
  return { entries, added: appended };
}

/** Removes the entity's entries, or only the one with that revision. */
export function withoutEntity(current: StoredEntry[], entityId: string, previewFileId: string | null | undefined): StoredEntry[] {
  return current.filter((entry) => entry.entity_id !== entityId || (previewFileId !== undefined && entry.preview_file_id !== previewFileId));
}

/** Moves the entity's entry (the one with that revision, when given) to `position`; undefined when absent. */
export function moveEntry(current: StoredEntry[], entityId: string, previewFileId: string | null | undefined, position: number): StoredEntry[] | undefined {
  const from = current.findIndex((entry) => entry.entity_id === entityId && (previewFileId === undefined || entry.preview_file_id === previewFileId));
  if (from < 0) return undefined;
  const entries = [...current];
  const [moved] = entries.splice(from, 1);
  entries.splice(Math.min(position, entries.length), 0, moved!);
  return entries;
}
