import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { messageOf } from '@/lib/http';
import { postComment } from '@/features/tasks/tasks.api';
import { useToastsStore } from '@/features/shell/toasts.store';
import * as api from './review.api';
import type { PlaylistDetail, PlaylistEntryDetail } from './review.api';
import { commentWithFrame } from './player-model';

const sameEntry = (a: PlaylistEntryDetail, b: PlaylistEntryDetail) => a.entity_id === b.entity_id && (a.preview_file_id ?? null) === (b.preview_file_id ?? null);

/** The playlist open on the review page: its entries in order, the one playing, and changes to them. */
export const useReviewStore = defineStore('review', () => {
  const toasts = useToastsStore();
  const playlist = shallowRef<PlaylistDetail | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const current = ref(0);

  const entries = computed(() => playlist.value?.shots ?? []);
  const currentEntry = computed(() => entries.value[current.value] ?? null);

  async function open(id: string): Promise<void> {
    if (playlist.value?.id !== id) {
      playlist.value = null;
      current.value = 0;
    }
    loading.value = true;
    error.value = null;
    try {
      playlist.value = await api.fetchPlaylist(id);
      current.value = Math.min(current.value, Math.max(0, entries.value.length - 1));
    } catch (caught) {
      error.value = messageOf(caught);
    } finally {
      loading.value = false;
    }
  }

  const setEntries = (shots: PlaylistEntryDetail[]) => {
    if (playlist.value) playlist.value = { ...playlist.value, shots };
  };

  function select(index: number): void {
    if (index >= 0 && index < entries.value.length) current.value = index;
  }

  /** Takes an entry out at once; it comes back, with one message, if the server refuses. */
  async function removeEntry(entry: PlaylistEntryDetail): Promise<void> {
    const before = entries.value;
    const playing = currentEntry.value;
    setEntries(before.filter((other) => !sameEntry(other, entry)));
    const stillThere = playing ? entries.value.findIndex((other) => sameEntry(other, playing)) : -1;
    current.value = stillThere >= 0 ? stillThere : Math.min(current.value, Math.max(0, entries.value.length - 1));
    try {
      await api.removeEntity(playlist.value!.id, entry.entity_id, entry.preview_file_id ?? null);
    } catch (caught) {
      setEntries(before);
      toasts.error(`${entry.name} was not removed from the playlist: ${messageOf(caught)}`);
    }
  }

  /** Moves an entry to another place (the player follows the entry it was playing). */
  async function moveEntry(from: number, to: number): Promise<void> {
    const before = entries.value;
    const moved = before[from];
    if (!moved || to < 0 || to >= before.length || from === to) return;
    const playing = currentEntry.value;
    const next = [...before];
    next.splice(from, 1);
    next.splice(to, 0, moved);
    setEntries(next);
    if (playing) current.value = next.findIndex((other) => sameEntry(other, playing));
    try {
      await api.moveEntry(playlist.value!.id, moved.entity_id, moved.preview_file_id ?? null, to);
    } catch (caught) {
      setEntries(before);
      if (playing) current.value = before.findIndex((other) => sameEntry(other, playing));
      toasts.error(`${moved.name} was not moved: ${messageOf(caught)}`);
    }
  }

  /**
   * Comments on the current entry's task at a frame, with a status (the comment route is how every
   * status change is made); the entry shows the new status from the server's answer.
   */
  async function commentOnCurrent(statusId: string, text: string, frame: number): Promise<void> {
    const entry = currentEntry.value;
    if (!entry?.preview_file_task_id) throw new Error('This entry has no revision to comment on.');
    const created = await postComment(entry.preview_file_task_id, statusId, commentWithFrame(text, frame));
    setEntries(entries.value.map((other) => (other.preview_file_task_id === entry.preview_file_task_id ? { ...other, task_status_id: created.task_status_id ?? statusId } : other)));
  }

  function close(): void {
    playlist.value = null;
    current.value = 0;
    error.value = null;
  }

  return { playlist, loading, error, current, entries, currentEntry, open, select, removeEntry, moveEntry, commentOnCurrent, close };
});
