import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '@/lib/http';
import type { CreatedComment, FullTask, TaskComment } from '@/lib/api-types';
import * as api from '@/features/previews/previews.api';
import * as tasksApi from '@/features/tasks/tasks.api';
import { MAX_POLL_MS, POLL_FAILURES, POLL_MS, useTaskPreviewsStore } from '@/features/previews/previews.store';
import { useTaskPanelStore } from '@/features/tasks/task-panel.store';
import { useToastsStore } from '@/features/shell/toasts.store';
import { commentWith, preview, previewRow } from './preview-fixtures';

vi.mock('@/features/previews/previews.api');
vi.mock('@/features/tasks/tasks.api');

const png = () => new File([new Uint8Array([137, 80, 78, 71])], 'layout_v002.png', { type: 'image/png' });

/** The panel open on task t1 with this thread. */
function openPanel(comments: TaskComment[]) {
  const panel = useTaskPanelStore();
  panel.taskId = 't1';
  panel.task = { id: 't1', task_status_id: 'st-wip' } as FullTask;
  panel.comments = comments;
  vi.mocked(tasksApi.fetchFullTask).mockResolvedValue(panel.task);
  vi.mocked(tasksApi.fetchComments).mockResolvedValue(comments);
  return panel;
}

const movieProcessing = () => preview('m1', 2, { extension: 'mp4', status: 'processing', original_name: 'anim_v002' });

describe('task previews store', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.useRealTimers();
    setActivePinia(createPinia());
  });

  it('shows the latest revision, another one on request, and the latest again when the picked one is gone', async () => {
    const panel = openPanel([commentWith('c2', [preview('p2', 2)]), commentWith('c1', [preview('p1', 1)])]);
    const previews = useTaskPreviewsStore();
    expect(previews.revisions.map((item) => item.revision)).toEqual([2, 1]);
    expect(previews.shown?.id).toBe('p2');
    previews.select(1);
    expect(previews.shown?.id).toBe('p1');
    panel.comments = [commentWith('c2', [preview('p2', 2)])];
    expect(previews.shown?.id).toBe('p2');
    // Ready pictures need nothing from the server.
    await vi.waitFor(() => expect(previews.pending).toEqual([]));
    expect(api.fetchPreviewFile).not.toHaveBeenCalled();
  });

  it('reads a processing movie at once, then less and less often, and stops once it is ready', async () => {
    vi.useFakeTimers();
    openPanel([commentWith('c2', [movieProcessing()])]);
    vi.mocked(api.fetchPreviewFile)
      .mockResolvedValueOnce(previewRow('m1', 2, { extension: 'mp4', status: 'processing', is_movie: true }))
      .mockResolvedValueOnce(previewRow('m1', 2, { extension: 'mp4', status: 'processing', is_movie: true }))
      .mockResolvedValueOnce(previewRow('m1', 2, { extension: 'mp4', status: 'ready', is_movie: true }));
    const previews = useTaskPreviewsStore();
    expect(previews.pending).toEqual(['m1']);
    // The first read goes at once.
    expect(api.fetchPreviewFile).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(api.fetchPreviewFile).toHaveBeenCalledTimes(1);
    expect(previews.shown?.status).toBe('processing');
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(api.fetchPreviewFile).toHaveBeenCalledTimes(2);
    // The second wait is half as long again.
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(api.fetchPreviewFile).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(POLL_MS * 0.5);
    expect(api.fetchPreviewFile).toHaveBeenCalledTimes(3);
    expect(previews.shown?.status).toBe('ready');
    expect(previews.pending).toEqual([]);
    await vi.advanceTimersByTimeAsync(MAX_POLL_MS * 5);
    expect(api.fetchPreviewFile).toHaveBeenCalledTimes(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops reading a processing movie when the panel closes, even if the next panel opens before its next round', async () => {
    vi.useFakeTimers();
    vi.mocked(api.fetchPreviewFile).mockImplementation(async (id) => previewRow(id, 2, { extension: 'mp4', status: 'processing', is_movie: true }));
    const readsOf = (id: string) => vi.mocked(api.fetchPreviewFile).mock.calls.filter((call) => call[0] === id).length;
    const panel = openPanel([commentWith('c2', [movieProcessing()])]);
    const previews = useTaskPreviewsStore();
    // Read at once and after POLL_MS; the loop now waits POLL_MS × 1.5.
    await vi.advanceTimersByTimeAsync(POLL_MS + 1);
    expect(readsOf('m1')).toBe(2);

    previews.reset();
    panel.close();
    openPanel([commentWith('c9', [preview('m9', 1, { extension: 'mp4', status: 'processing', original_name: 'other' })])]);
    await vi.advanceTimersByTimeAsync(POLL_MS * 2.5 + 1);
    expect(readsOf('m1')).toBe(2);
    // One loop for the new panel: at once, after POLL_MS, then after POLL_MS × 1.5.
    expect(readsOf('m9')).toBe(3);
  });

  it('gives up after failed reads in a row and says so', async () => {
    vi.useFakeTimers();
    openPanel([commentWith('c2', [movieProcessing()])]);
    vi.mocked(api.fetchPreviewFile).mockRejectedValue(new ApiError('Cannot reach the Rushes server.', 0));
    const previews = useTaskPreviewsStore();
    await vi.advanceTimersByTimeAsync(MAX_POLL_MS * 20);
    expect(api.fetchPreviewFile).toHaveBeenCalledTimes(POLL_FAILURES);
    expect(previews.pollError).toBe('The panel stopped checking the processing: Cannot reach the Rushes server.');
  });

  it('reads why a broken movie broke, once', async () => {
    openPanel([commentWith('c2', [preview('m1', 2, { extension: 'mp4', status: 'broken' })])]);
    vi.mocked(api.fetchPreviewFile).mockResolvedValue(previewRow('m1', 2, { status: 'broken', data: { error: 'moov atom not found' } }));
    const previews = useTaskPreviewsStore();
    await vi.waitFor(() => expect(previews.detailsOf('m1')?.data).toEqual({ error: 'moov atom not found' }));
    expect(previews.pending).toEqual([]);
    expect(api.fetchPreviewFile).toHaveBeenCalledTimes(1);
  });

  it('publishes a file: comment, revision, upload with its progress, then shows the new revision', async () => {
    const panel = openPanel([commentWith('c1', [preview('p1', 1)])]);
    const previews = useTaskPreviewsStore();
    previews.select(1);
    expect(previews.attach([png()])).toBe(true);
    vi.mocked(tasksApi.postComment).mockResolvedValue({ id: 'c2', task_status_id: 'st-wfa', created_at: '2025-01-02T10:00:00' } as CreatedComment);
    vi.mocked(api.addPreview).mockResolvedValue(previewRow('p2', 2, { status: 'processing', original_name: null }));
    const progress: number[] = [];
    vi.mocked(api.uploadPreviewFile).mockImplementation(async (_id, _file, onProgress) => {
      for (const fraction of [0.25, 0.5, 1]) {
        onProgress?.(fraction);
        progress.push(previews.upload?.progress ?? -1);
      }
      return previewRow('p2', 2);
    });
    const thread = [commentWith('c2', [preview('p2', 2)]), commentWith('c1', [preview('p1', 1)])];
    vi.mocked(tasksApi.fetchComments).mockResolvedValue(thread);

    const published = previews.publish({ statusId: 'st-wfa', text: 'Storm lighting' });
    expect(previews.busy).toBe(true);
    expect(await published).toBe(true);
    expect(tasksApi.postComment).toHaveBeenCalledWith('t1', 'st-wfa', 'Storm lighting');
    expect(api.addPreview).toHaveBeenCalledWith('t1', 'c2');
    expect(vi.mocked(api.uploadPreviewFile).mock.calls[0]?.[0]).toBe('p2');
    expect(progress).toEqual([25, 50, 100]);
    expect(previews.upload).toMatchObject({ phase: 'done', progress: 100, error: null });
    expect(panel.comments).toBe(thread);
    // The new revision is on show, not the one picked before.
    expect(previews.shown?.id).toBe('p2');
    expect(previews.file).toBeNull();
    expect(previews.busy).toBe(false);
  });

  it('keeps the posted comment after a refused upload (415): publishing again only sends the file', async () => {
    openPanel([]);
    const previews = useTaskPreviewsStore();
    previews.attach([png()]);
    vi.mocked(tasksApi.postComment).mockResolvedValue({ id: 'c2', task_status_id: 'st-wip', created_at: '2025-01-02T10:00:00' } as CreatedComment);
    vi.mocked(api.addPreview).mockResolvedValue(previewRow('p2', 1, { status: 'processing', original_name: null }));
    vi.mocked(api.uploadPreviewFile).mockRejectedValueOnce(new ApiError('The file is not an image: its content is checked, not its name.', 415));

    expect(await previews.publish({ statusId: 'st-wip', text: '' })).toBe(false);
    expect(previews.upload).toMatchObject({ phase: 'failed' });
    expect(previews.upload?.error).toBe(
      'The server could not read “layout_v002.png” as a picture or a movie: The file is not an image: its content is checked, not its name.',
    );
    expect(previews.resuming).toBe(true);
    expect(previews.file?.name).toBe('layout_v002.png');

    vi.mocked(api.uploadPreviewFile).mockResolvedValueOnce(previewRow('p2', 1));
    expect(await previews.publish({ statusId: 'st-wip', text: '' })).toBe(true);
    expect(tasksApi.postComment).toHaveBeenCalledTimes(1);
    expect(api.addPreview).toHaveBeenCalledTimes(1);
    expect(vi.mocked(api.uploadPreviewFile).mock.calls.map((call) => call[0])).toEqual(['p2', 'p2']);
    expect(previews.resuming).toBe(false);
  });

  it('adds a new preview to the posted comment when the server removed the refused one (400)', async () => {
    openPanel([]);
    const previews = useTaskPreviewsStore();
    previews.attach([png()]);
    vi.mocked(tasksApi.postComment).mockResolvedValue({ id: 'c2', task_status_id: 'st-wip', created_at: '2025-01-02T10:00:00' } as CreatedComment);
    vi.mocked(api.addPreview)
      .mockResolvedValueOnce(previewRow('p2', 1, { status: 'processing', original_name: null }))
      .mockResolvedValueOnce(previewRow('p3', 1, { status: 'processing', original_name: null }));
    vi.mocked(api.uploadPreviewFile).mockRejectedValueOnce(new ApiError('Wrong file format, extension: png', 400)).mockResolvedValueOnce(previewRow('p3', 1));
    expect(await previews.publish({ statusId: 'st-wip', text: '' })).toBe(false);
    expect(previews.upload?.error).toBe('Wrong file format, extension: png');
    expect(await previews.publish({ statusId: 'st-wip', text: '' })).toBe(true);
    expect(tasksApi.postComment).toHaveBeenCalledTimes(1);
    expect(vi.mocked(api.addPreview).mock.calls).toEqual([['t1', 'c2'], ['t1', 'c2']]);
    expect(vi.mocked(api.uploadPreviewFile).mock.calls.map((call) => call[0])).toEqual(['p2', 'p3']);
  });

  it('says when the comment itself was not posted, and posts it next time', async () => {
    openPanel([]);
    const previews = useTaskPreviewsStore();
    previews.attach([png()]);
    vi.mocked(tasksApi.postComment).mockRejectedValueOnce(new ApiError("You don't have permission to do this.", 403));
    expect(await previews.publish({ statusId: 'st-wip', text: 'v2' })).toBe(false);
    expect(previews.upload?.error).toBe("The comment was not posted: You don't have permission to do this.");
    expect(previews.resuming).toBe(false);
    expect(api.addPreview).not.toHaveBeenCalled();
  });

  it('checks what is attached: one picture or movie, not while an upload runs', async () => {
    openPanel([]);
    const previews = useTaskPreviewsStore();
    expect(previews.attach([new File(['x'], 'notes.pdf', { type: 'application/pdf' })])).toBe(false);
    expect(previews.fileError).toMatch(/^“notes\.pdf” is not a picture or a movie/);
    expect(previews.attach([png(), png()])).toBe(false);
    expect(previews.fileError).toBe('Drop one file at a time: each file is a revision of its own.');
    expect(previews.attach([png()])).toBe(true);
    expect(previews.fileError).toBeNull();
    // A refused file leaves the attached one in place.
    expect(previews.attach([new File(['x'], 'paint.webp', { type: 'image/webp' })])).toBe(false);
    expect(previews.file?.name).toBe('layout_v002.png');

    let finish: (value: ReturnType<typeof previewRow>) => void = () => undefined;
    vi.mocked(tasksApi.postComment).mockResolvedValue({ id: 'c2', task_status_id: 'st-wip', created_at: '2025-01-02T10:00:00' } as CreatedComment);
    vi.mocked(api.addPreview).mockResolvedValue(previewRow('p2', 1, { status: 'processing', original_name: null }));
    vi.mocked(api.uploadPreviewFile).mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    const published = previews.publish({ statusId: 'st-wip', text: '' });
    await vi.waitFor(() => expect(previews.upload?.phase).toBe('uploading'));
    expect(previews.attach([png()])).toBe(false);
    expect(previews.fileError).toBe('Wait for the upload in progress to finish.');
    finish(previewRow('p2', 1));
    expect(await published).toBe(true);
  });

  it('lets an upload finish after the panel closed, and tells so in a toast', async () => {
    const panel = openPanel([]);
    const previews = useTaskPreviewsStore();
    previews.attach([png()]);
    let finish: (value: ReturnType<typeof previewRow>) => void = () => undefined;
    vi.mocked(tasksApi.postComment).mockResolvedValue({ id: 'c2', task_status_id: 'st-wip', created_at: '2025-01-02T10:00:00' } as CreatedComment);
    vi.mocked(api.addPreview).mockResolvedValue(previewRow('p2', 1, { status: 'processing', original_name: null }));
    vi.mocked(api.uploadPreviewFile).mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    const published = previews.publish({ statusId: 'st-wip', text: '' });
    await vi.waitFor(() => expect(previews.upload?.phase).toBe('uploading'));
    previews.reset();
    panel.close();
    finish(previewRow('p2', 1));
    expect(await published).toBe(true);
    expect(previews.upload).toBeNull();
    expect(tasksApi.fetchComments).not.toHaveBeenCalled();
    expect(useToastsStore().toasts.map((toast) => toast.message)).toEqual(['“layout_v002.png” is published.']);
  });
});
