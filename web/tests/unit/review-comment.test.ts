import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { ApiError } from '@/lib/http';
import * as tasksApi from '@/features/tasks/tasks.api';
import * as reviewApi from '@/features/review/review.api';
import ReviewComment from '@/features/review/components/ReviewComment.vue';
import { useReviewStore } from '@/features/review/review.store';
import type { PlaylistEntryDetail } from '@/features/review/review.api';
import { setupStores } from './setup-stores';
import { STATUS } from './fixtures';

vi.mock('@/features/tasks/tasks.api');
vi.mock('@/features/review/review.api');

const entry: PlaylistEntryDetail = {
  id: 'sh1', entity_id: 'sh1', name: 'SH010', entity_type_name: 'Shot', parent_id: 'sq', parent_name: 'SQ010', canceled: false, preview_files: {},
  preview_file_id: 'pf1', preview_file_task_id: 'task-1', task_status_id: STATUS.wfa,
};

async function mountFor(role: string) {
  setupStores(role);
  vi.mocked(reviewApi.fetchPlaylist).mockResolvedValue({ id: 'pl', shots: [entry] } as never);
  await useReviewStore().open('pl');
  const wrapper = mount(ReviewComment, { props: { projectId: 'p1', entry, frame: 4 } });
  await flushPromises();
  return wrapper;
}
const offered = (wrapper: Awaited<ReturnType<typeof mountFor>>) => wrapper.findAll('[data-testid=review-comment-status] option').map((option) => option.text());

describe('the player\'s comment form', () => {
  beforeEach(() => vi.resetAllMocks());

  it('offers only the statuses the person may set (an artist no Approved), a coordinator every one', async () => {
    const artist = await mountFor('user');
    expect(offered(artist)).toContain('Retake');
    expect(offered(artist)).not.toContain('Approved');
    const coordinator = await mountFor('manager');
    expect(offered(coordinator)).toContain('Approved');
    expect(coordinator.get('[data-testid=entry-status]').text()).toBe('Submitted');
  });

  it('posts the comment at the frame on screen with the chosen status, and says in words when refused', async () => {
    const wrapper = await mountFor('manager');
    vi.mocked(tasksApi.postComment).mockResolvedValueOnce({ task_status_id: STATUS.retake } as never);
    await wrapper.get('[data-testid=review-comment-text]').setValue('Arm pops');
    await wrapper.get('[data-testid=review-comment-status]').setValue(STATUS.retake);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(tasksApi.postComment).toHaveBeenCalledWith('task-1', STATUS.retake, 'Frame 5: Arm pops');
    expect(useReviewStore().entries[0]?.task_status_id).toBe(STATUS.retake);

    vi.mocked(tasksApi.postComment).mockRejectedValueOnce(new ApiError('You may not comment on this task.', 403));
    await wrapper.get('[data-testid=review-comment-text]').setValue('Again');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid=review-comment-error]').text()).toBe('The comment was not posted: You may not comment on this task.');
  });
});
