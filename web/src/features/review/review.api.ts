/** The playlist routes of the Zou-compatible API (README "Playlists") the review pages use. */
import { http } from '@/lib/http';
import type {
  AddEntityBody,
  CreatePlaylistBody,
  Playlist,
  PlaylistDetail,
  PlaylistEntryDetail,
  UpdatePlaylistBody,
} from '@contracts/playlists.schema.ts';

export type { Playlist, PlaylistDetail, PlaylistEntryDetail };

/** An entry of a temporary playlist: a task's entity with that task's latest revision. */
export interface TempEntry {
  id: string;
  preview_file_id?: string;
  preview_file_task_id: string;
}

const one = (id: string) => `/data/playlists/${encodeURIComponent(id)}`;
const action = (id: string, verb: string) => `/actions/playlists/${encodeURIComponent(id)}/${verb}`;

/** Every playlist of a production the caller may read (clients: the client ones), entries as ids. */
export const fetchPlaylists = (projectId: string) => http.get<Playlist[]>('/data/playlists', { query: { project_id: projectId } });

export const createPlaylist = (body: CreatePlaylistBody) => http.post<Playlist>('/data/playlists', body);

export const updatePlaylist = (id: string, body: UpdatePlaylistBody) => http.put<Playlist>(one(id), body);

export const deletePlaylist = (id: string) => http.delete<void>(one(id));

/** A playlist opened: each entry with its entity, chosen revision and that revision's task status. */
export const fetchPlaylist = (id: string) => http.get<PlaylistDetail>(one(id));

export const addEntities = (id: string, entities: AddEntityBody[]) => http.post<Playlist>(action(id, 'add-entities'), { entities });

export const removeEntity = (id: string, entityId: string, previewFileId: string | null) =>
  http.post<Playlist>(action(id, 'remove-entity'), { entity_id: entityId, preview_file_id: previewFileId });

export const moveEntry = (id: string, entityId: string, previewFileId: string | null, position: number) =>
  http.post<Playlist>(action(id, 'reorder'), { entity_id: entityId, preview_file_id: previewFileId, position });

/** The latest revision of each task, as entries (a playlist stored nowhere): what "Add to playlist" adds. */
export const fetchTempEntries = (projectId: string, taskIds: string[]) =>
  http.post<TempEntry[]>(`/data/projects/${encodeURIComponent(projectId)}/playlists/temp`, { task_ids: taskIds });
