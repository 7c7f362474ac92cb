import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/http';
import * as api from '@/features/review/review.api';
import * as tasksApi from '@/features/tasks/tasks.api';
import type { PlaylistDetail, PlaylistEntryDetail } from '@/features/review/review.api';
import { useReviewStore } from '@/features/review/review.store';
import { usePlaylistsStore } from '@/features/review/playlists.store';
import { useToastsStore } from '@/features/shell/toasts.store';
import { mayCreatePlaylists, mayEditPlaylist } from '@/features/review/review-permissions';
import { setupStores } from './setup-stores';
import { capabilitiesFor } from './fixtures';

vi.mock('@/features/review/review.api');
vi.mock('@/features/tasks/tasks.api');

const entry = (id: string, taskId = `task-${id}`): PlaylistEntryDetail => ({
  id, entity_id: id, name: id, entity_type_name: 'Shot', parent_id: null, parent_name: 'SQ010', canceled: false, preview_files: {},
  preview_file_id: `pf-${id}`, preview_file_task_id: taskId, task_status_id: 'wip',
});
const playlist = (shots: PlaylistEntryDetail[]): PlaylistDetail => ({
  id: 'pl', type: 'Playlist', name: 'Dailies', project_id: 'p1', episode_id: null, task_type_id: null, for_client: false, for_entity: 'shot',
  is_for_all: false, is_daily: true, created_by: 'me', created_at: '2026-01-01T00:00:00', updated_at: '2026-01-01T00:00:00', shots, build_jobs: [],
});

describe('review store', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setupStores();
  });

  it('moves an entry, keeps playing the entry it played, and puts the order back when the server refuses', async () => {
    vi.mocked(api.fetchPlaylist).mockResolvedValue(playlist([entry('a'), entry('b'), entry('c')]));
    const store = useReviewStore();
    await store.open('pl');
    store.select(0);
    vi.mocked(api.moveEntry).mockResolvedValue({} as never);
    await store.moveEntry(0, 2);
    expect(store.entries.map((shot) => shot.id)).toEqual(['b', 'c', 'a']);
    expect(store.currentEntry?.id).toBe('a');
    expect(api.moveEntry).toHaveBeenCalledWith('pl', 'a', 'pf-a', 2);

    vi.mocked(api.moveEntry).mockRejectedValue(new ApiError('Only managers may change this playlist.', 403));
    await store.moveEntry(2, 0);
    expect(store.entries.map((shot) => shot.id)).toEqual(['b', 'c', 'a']);
    expect(store.currentEntry?.id).toBe('a');
    expect(useToastsStore().toasts.at(-1)?.message).toMatch(/a was not moved: Only managers/);
  });

  it('removes an entry at once and brings it back with a message when refused', async () => {
    vi.mocked(api.fetchPlaylist).mockResolvedValue(playlist([entry('a'), entry('b')]));
    const store = useReviewStore();
    await store.open('pl');
    vi.mocked(api.removeEntity).mockRejectedValue(new ApiError('Playlist not found', 404));
    const removal = store.removeEntry(store.entries[0]!);
    expect(store.entries.map((shot) => shot.id)).toEqual(['b']);
    await removal;
    expect(store.entries.map((shot) => shot.id)).toEqual(['a', 'b']);
  });

  it('comments on the current entry\'s task with the frame in the text and shows the status the server set', async () => {
    vi.mocked(api.fetchPlaylist).mockResolvedValue(playlist([entry('a'), entry('b')]));
    const store = useReviewStore();
    await store.open('pl');
    store.select(1);
    vi.mocked(tasksApi.postComment).mockResolvedValue({ task_status_id: 'retake' } as never);
    await store.commentOnCurrent('retake', 'Arm pops', 41);
    expect(tasksApi.postComment).toHaveBeenCalledWith('task-b', 'retake', 'Frame 42: Arm pops');
    expect(store.entries.map((shot) => shot.task_status_id)).toEqual(['wip', 'retake']);
  });

  it('adds the latest revision of each task in order, an entry without revision by its entity only', async () => {
    const playlists = usePlaylistsStore();
    vi.mocked(api.fetchTempEntries).mockResolvedValue([
      { id: 'sh2', preview_file_id: 'pf2', preview_file_task_id: 't2' },
      { id: 'sh1', preview_file_task_id: 't1' },
    ]);
    vi.mocked(api.addEntities).mockResolvedValue({} as never);
    expect(await playlists.addTasks('pl', 'p1', ['t2', 't1'])).toBe(2);
    expect(api.addEntities).toHaveBeenCalledWith('pl', [{ entity_id: 'sh2', preview_file_id: 'pf2' }, { entity_id: 'sh1' }]);
  });
});

describe('review permissions', () => {
  it('lets managers and supervisors build; managers or the supervisor who made it edit; not artists or clients', () => {
    expect(mayCreatePlaylists(capabilitiesFor('manager'))).toBe(true);
    expect(mayCreatePlaylists(capabilitiesFor('supervisor'))).toBe(true);
    expect(mayCreatePlaylists(capabilitiesFor('user'))).toBe(false);
    expect(mayCreatePlaylists(capabilitiesFor('client'))).toBe(false);
    expect(mayEditPlaylist(capabilitiesFor('supervisor'), { created_by: 'me' }, 'me')).toBe(true);
    expect(mayEditPlaylist(capabilitiesFor('supervisor'), { created_by: 'other' }, 'me')).toBe(false);
    expect(mayEditPlaylist(capabilitiesFor('manager'), { created_by: 'other' }, 'me')).toBe(true);
  });
});
