import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '@/lib/http';
import * as api from '@/features/set-designs/set-designs.api';
import type { SetDesign, UploadTask } from '@/features/set-designs/set-designs.api';
import { POLL_MS, readableError, useSetDesignsStore } from '@/features/set-designs/set-designs.store';
import { useToastsStore } from '@/features/shell/toasts.store';

vi.mock('@/features/set-designs/set-designs.api');

const NOW = '2025-01-01T00:00:00.000Z';
const setDesign = (changes: Partial<SetDesign> = {}): SetDesign => ({
  id: 'sd1', created_at: NOW, updated_at: NOW, name: 'Lookbook', description: null, owner_id: 'me', organization_id: null,
  background_preset_id: null, base_images: [], reference_images: [], subject_portraits: [], ...changes,
});
const task = (changes: Partial<UploadTask> = {}): UploadTask => ({
  id: 't1', owner_id: 'me', set_design_id: 'sd1', subject_id: 'sub1', status: 'PENDING', progress: 0, total_items: 3, processed_items: 0,
  images_processed: 0, images_skipped: 0, error_message: null, created_at: NOW, started_at: null, completed_at: null, result_data: null, ...changes,
});
const media = { id: 'm1', url: '/api/v1/media/m1/file', thumbnail_url: '/api/v1/media/m1/thumbnail' } as api.Media;

async function openedStore() {
  const store = useSetDesignsStore();
  vi.mocked(api.fetchSetDesign).mockResolvedValue(setDesign());
  vi.mocked(api.fetchSubjects).mockResolvedValue({ data: [{ id: 'sub1', name: 'Alice' }], count: 1 } as never);
  vi.mocked(api.fetchShotTypes).mockResolvedValue({ data: [{ id: 'st1', name: 'Front', slug: 'front' }], count: 1 } as never);
  await store.loadDetail('sd1');
  return store;
}

describe('set designs store', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.useRealTimers();
    setActivePinia(createPinia());
  });

  it('follows an upload task, exposing its progress, and stops polling once it is COMPLETED', async () => {
    vi.useFakeTimers();
    const store = await openedStore();
    vi.mocked(api.uploadBaseImagesZip).mockResolvedValue(task());
    vi.mocked(api.fetchUploadTask)
      .mockResolvedValueOnce(task({ status: 'PROCESSING', progress: 33, processed_items: 1 }))
      .mockResolvedValueOnce(task({ status: 'PROCESSING', progress: 67, processed_items: 2 }))
      .mockResolvedValueOnce(task({ status: 'COMPLETED', progress: 100, processed_items: 3, images_processed: 2, images_skipped: 1 }));
    const filled = setDesign({ base_images: [{ id: 'b1', created_at: NOW, updated_at: NOW, subject_id: 'sub1', shot_type_id: 'st1', image_url: null, image_media: media }] });
    vi.mocked(api.fetchSetDesign).mockResolvedValue(filled);

    const done = store.uploadZip('sub1', new File(['zip'], 'alice.zip'));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.uploads.get('sub1')).toMatchObject({ phase: 'processing', progress: 0 });
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(store.uploads.get('sub1')).toMatchObject({ phase: 'processing', progress: 33 });
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(store.uploads.get('sub1')?.progress).toBe(67);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    await done;
    expect(store.uploads.get('sub1')).toMatchObject({ phase: 'completed', progress: 100, error: null });
    expect(store.uploads.get('sub1')?.task?.images_skipped).toBe(1);
    // The grid shows the new images.
    expect(store.baseImageAt('sub1', 'st1')?.image_media?.id).toBe('m1');
    await vi.advanceTimersByTimeAsync(POLL_MS * 5);
    expect(api.fetchUploadTask).toHaveBeenCalledTimes(3);
  });

  it('stops polling on FAILED and shows the task’s error message', async () => {
    vi.useFakeTimers();
    const store = await openedStore();
    vi.mocked(api.uploadBaseImagesZip).mockResolvedValue(task({ status: 'PROCESSING', progress: 10 }));
    vi.mocked(api.fetchUploadTask).mockResolvedValue(task({ status: 'FAILED', progress: 10, error_message: 'The archive has too many entries' }));
    const done = store.uploadZip('sub1', new File(['zip'], 'bomb.zip'));
    await vi.advanceTimersByTimeAsync(POLL_MS * 4);
    await done;
    expect(api.fetchUploadTask).toHaveBeenCalledTimes(1);
    expect(store.uploads.get('sub1')).toMatchObject({ phase: 'failed', progress: 10, error: 'The archive has too many entries' });
    expect(api.fetchSetDesign).toHaveBeenCalledTimes(1); // Nothing new to show.
  });

  it('shows a refused upload (413) at once, without polling', async () => {
    const store = await openedStore();
    vi.mocked(api.uploadBaseImagesZip).mockRejectedValue(new ApiError('Upload too large: 10 MB at most', 413, { detail: 'Upload too large: 10 MB at most' }));
    await store.uploadZip('sub1', new File(['zip'], 'big.zip'));
    expect(store.uploads.get('sub1')).toMatchObject({ phase: 'failed', error: 'Upload too large: 10 MB at most' });
    expect(api.fetchUploadTask).not.toHaveBeenCalled();
  });

  it('stops following an upload when the page is left', async () => {
    vi.useFakeTimers();
    const store = await openedStore();
    vi.mocked(api.uploadBaseImagesZip).mockResolvedValue(task());
    vi.mocked(api.fetchUploadTask).mockResolvedValue(task({ status: 'PROCESSING', progress: 50 }));
    const done = store.uploadZip('sub1', new File(['zip'], 'alice.zip'));
    await vi.advanceTimersByTimeAsync(POLL_MS * 2);
    const calls = vi.mocked(api.fetchUploadTask).mock.calls.length;
    store.stopPolling();
    await vi.advanceTimersByTimeAsync(POLL_MS * 5);
    await done;
    expect(vi.mocked(api.fetchUploadTask).mock.calls.length).toBeLessThanOrEqual(calls + 1);
    expect(store.uploads.size).toBe(0);
  });

  it('gives up, with a message, after three failed reads of the task in a row', async () => {
    vi.useFakeTimers();
    const store = await openedStore();
    vi.mocked(api.uploadBaseImagesZip).mockResolvedValue(task());
    vi.mocked(api.fetchUploadTask).mockRejectedValue(new ApiError('Cannot reach the Rushes server. Check your connection and try again.', 0));
    const done = store.uploadZip('sub1', new File(['zip'], 'alice.zip'));
    await vi.advanceTimersByTimeAsync(POLL_MS * 5);
    await done;
    expect(api.fetchUploadTask).toHaveBeenCalledTimes(3);
    expect(store.uploads.get('sub1')?.error).toMatch(/^Lost track of the upload: Cannot reach/);
  });

  it('shows a single image in its cell at once, and puts the cell back with one message when the save fails', async () => {
    const store = await openedStore();
    globalThis.URL.createObjectURL = vi.fn(() => 'blob:preview');
    globalThis.URL.revokeObjectURL = vi.fn();
    vi.mocked(api.uploadMedia).mockResolvedValue(media);
    let seen: string | null | undefined;
    vi.mocked(api.updateSetDesign).mockImplementation(async () => {
      seen = store.baseImageAt('sub1', 'st1')?.image_url;
      throw new ApiError('Forbidden', 403, { detail: 'Not enough permissions' });
    });
    expect(await store.setCellImage('sub1', 'st1', new File(['png'], 'front.png'))).toBe(false);
    expect(seen).toBe('blob:preview');
    expect(api.updateSetDesign).toHaveBeenCalledWith('sd1', null, { base_images: [{ subject_id: 'sub1', shot_type_id: 'st1', image: { media_resource_id: 'm1' } }] });
    expect(store.baseImageAt('sub1', 'st1')).toBeNull();
    expect(useToastsStore().toasts.map((toast) => toast.message)).toEqual(['The image was not saved: Forbidden']);
  });

  it('keeps the other base images when a cell changes (the PUT replaces the whole list)', async () => {
    const store = await openedStore();
    const other = { id: 'b0', created_at: NOW, updated_at: NOW, subject_id: 'sub1', shot_type_id: 'st0', image_url: 'https://cdn/x.png', image_media: null };
    vi.mocked(api.fetchSetDesign).mockResolvedValue(setDesign({ base_images: [other] }));
    await store.loadDetail('sd1');
    vi.mocked(api.updateSetDesign).mockResolvedValue(setDesign());
    await store.setCellImage('sub1', 'st0', null);
    expect(api.updateSetDesign).toHaveBeenCalledWith('sd1', null, { base_images: [] });
    vi.mocked(api.fetchSetDesign).mockResolvedValue(setDesign({ base_images: [other] }));
    await store.loadDetail('sd1');
    vi.mocked(api.uploadMedia).mockResolvedValue(media);
    await store.setCellImage('sub1', 'st1', new File(['png'], 'front.png'));
    expect(vi.mocked(api.updateSetDesign).mock.calls.at(-1)?.[2]).toEqual({
      base_images: [{ subject_id: 'sub1', shot_type_id: 'st0', image: 'https://cdn/x.png' }, { subject_id: 'sub1', shot_type_id: 'st1', image: { media_resource_id: 'm1' } }],
    });
  });

  it('lists a page with skip/limit and the organization filter', async () => {
    const store = useSetDesignsStore();
    vi.mocked(api.fetchSetDesigns).mockResolvedValue({ data: [setDesign()], count: 41 });
    store.organizationFilter = 'org1';
    await store.load(20);
    expect(api.fetchSetDesigns).toHaveBeenCalledWith({ skip: 20, limit: 20, organizationId: 'org1' });
    expect(store.count).toBe(41);
    expect(store.skip).toBe(20);
  });

  it('answers a completion request with the API’s message, and a refusal with a readable one', async () => {
    const store = await openedStore();
    vi.mocked(api.requestCompletion).mockResolvedValueOnce({ message: 'Completion request sent to 2 operators' });
    expect(await store.requestCompletion(['sub1'], [])).toEqual({ message: 'Completion request sent to 2 operators' });
    expect(api.requestCompletion).toHaveBeenCalledWith('sd1', null, { subject_ids: ['sub1'], shot_type_ids: [] });
    vi.mocked(api.requestCompletion).mockRejectedValueOnce(new ApiError('x', 422, { detail: [{ loc: ['body', 'subject_ids', 0], msg: 'Unknown subject', type: 'value_error' }] }));
    expect(await store.requestCompletion(['nope'], [])).toEqual({ error: 'subject_ids.0: Unknown subject' });
  });

  it('reads 422 lists field by field', () => {
    const error = new ApiError('String too long', 422, {
      detail: [
        { loc: ['body', 'name'], msg: 'String should have at most 255 characters', type: 'string_too_long' },
        { loc: ['query', 'organization_id'], msg: 'Input should be a valid UUID', type: 'uuid_parsing' },
      ],
    });
    expect(readableError(error)).toBe('name: String should have at most 255 characters; organization_id: Input should be a valid UUID');
    expect(readableError(new ApiError('Set design not found', 404, { detail: 'Set design not found' }))).toBe('Set design not found');
  });
});
