import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { CreatePlaylistBody } from '@contracts/playlists.schema.ts';
import { messageOf } from '@/lib/http';
import * as api from './review.api';
import type { Playlist } from './review.api';

const newestFirst = (a: Playlist, b: Playlist) => b.created_at.localeCompare(a.created_at) || a.name.localeCompare(b.name);

/** A production's playlists, newest first, as the caller may read them. */
export const usePlaylistsStore = defineStore('playlists', () => {
  const projectId = ref<string | null>(null);
  const playlists = shallowRef<Playlist[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function load(forProject: string): Promise<void> {
    if (projectId.value !== forProject) playlists.value = [];
    projectId.value = forProject;
    loading.value = true;
    error.value = null;
    try {
      const rows = await api.fetchPlaylists(forProject);
      if (projectId.value === forProject) playlists.value = [...rows].sort(newestFirst);
    } catch (caught) {
      error.value = messageOf(caught);
    } finally {
      loading.value = false;
    }
  }

  async function create(body: CreatePlaylistBody): Promise<Playlist> {
    const created = await api.createPlaylist(body);
    if (projectId.value === body.project_id) playlists.value = [created, ...playlists.value];
    return created;
  }

  async function rename(id: string, name: string): Promise<void> {
    const updated = await api.updatePlaylist(id, { name });
    playlists.value = playlists.value.map((playlist) => (playlist.id === id ? updated : playlist));
  }

  async function remove(id: string): Promise<void> {
    await api.deletePlaylist(id);
    playlists.value = playlists.value.filter((playlist) => playlist.id !== id);
  }

  /**
   * Adds the latest revision of each task to a playlist, in the given order (the shots table's
   * selection, or the tasks of a status). Answers how many entries went in.
   */
  async function addTasks(playlistId: string, forProject: string, taskIds: string[]): Promise<number> {
    if (taskIds.length === 0) return 0;
    const entries = await api.fetchTempEntries(forProject, taskIds);
    const body = entries.map((entry) => ({ entity_id: entry.id, ...(entry.preview_file_id ? { preview_file_id: entry.preview_file_id } : {}) }));
    const updated = await api.addEntities(playlistId, body);
    playlists.value = playlists.value.map((playlist) => (playlist.id === playlistId ? updated : playlist));
    return body.length;
  }

  return { projectId, playlists, loading, error, load, create, rename, remove, addTasks };
});
