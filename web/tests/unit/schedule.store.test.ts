import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/http';
import type { Timeline, TimelineTask } from '@/lib/api-types';
import * as api from '@/features/schedule/schedule.api';
import { useScheduleStore } from '@/features/schedule/schedule.store';

vi.mock('@/features/schedule/schedule.api');

const task = (id: string, extra: Partial<TimelineTask> = {}): TimelineTask => ({
  task_id: id, task_name: id, entity_id: `e-${id}`, entity_name: 'SH0010', entity_type_name: 'Shot', sequence_id: 'sq1', sequence_name: 'SQ010',
  episode_id: null, episode_name: null, asset_type_id: null, asset_type_name: null, task_type_id: 'tt', task_type_name: 'Layout',
  task_type_color: '#000000', task_status_id: 's', task_status_short_name: 'wip', task_status_color: '#3B82F6', is_done: false,
  assignees: [], start_date: '2026-12-07T00:00:00', due_date: '2026-12-09T18:00:00', real_start_date: null, end_date: null, estimation: 0, duration: 0, ...extra,
});
const timeline: Timeline = { project_id: 'p1', project_start_date: null, project_end_date: null, milestones: [], tasks: [task('t1'), task('t2', { entity_name: 'SH0020' })] };
const moved = { start_date: '2026-12-08T00:00:00', due_date: '2026-12-10T18:00:00' };
const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};
const datesOf = (store: ReturnType<typeof useScheduleStore>, id: string) => {
  const found = store.timeline?.tasks.find((candidate) => candidate.task_id === id);
  return { start_date: found?.start_date, due_date: found?.due_date };
};

async function loadedStore() {
  vi.mocked(api.fetchTimeline).mockResolvedValue(timeline);
  vi.mocked(api.fetchScheduleRisks).mockResolvedValue([]);
  const store = useScheduleStore();
  await store.load('p1');
  return store;
}

describe('schedule store: moving task dates', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setActivePinia(createPinia());
  });

  it('shows the new dates at once, saves them through the API and reloads the risks', async () => {
    const store = await loadedStore();
    const saving = deferred<{ id: string; start_date: string; due_date: string }>();
    vi.mocked(api.updateTaskDates).mockReturnValue(saving.promise);
    const done = store.reschedule('t1', moved);
    expect(datesOf(store, 't1')).toEqual(moved);
    expect(datesOf(store, 't2')).toEqual({ start_date: '2026-12-07T00:00:00', due_date: '2026-12-09T18:00:00' });
    expect(api.updateTaskDates).toHaveBeenCalledWith('t1', moved);
    saving.resolve({ id: 't1', ...moved });
    expect(await done).toBe(true);
    expect(datesOf(store, 't1')).toEqual(moved);
    expect(store.rescheduleError).toBeNull();
    expect(api.fetchScheduleRisks).toHaveBeenCalledTimes(2);
  });

  it('puts the dates back and says why when the API refuses', async () => {
    const store = await loadedStore();
    vi.mocked(api.updateTaskDates).mockRejectedValue(new ApiError('Forbidden', 403));
    expect(await store.reschedule('t1', moved)).toBe(false);
    expect(datesOf(store, 't1')).toEqual({ start_date: '2026-12-07T00:00:00', due_date: '2026-12-09T18:00:00' });
    expect(store.rescheduleError).toBe(
      'The dates of SH0010 Layout were not changed. Only coordinators and the supervisors of its department change the dates of this task.',
    );
  });

  it('keeps the latest of overlapping changes, and rolls back to the last saved dates', async () => {
    const store = await loadedStore();
    const first = deferred<{ id: string; start_date: string; due_date: string }>();
    const second = deferred<{ id: string; start_date: string; due_date: string }>();
    vi.mocked(api.updateTaskDates).mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    const later = { start_date: '2026-12-09T00:00:00', due_date: '2026-12-11T18:00:00' };
    const one = store.reschedule('t1', moved);
    const two = store.reschedule('t1', later);
    first.resolve({ id: 't1', ...moved });
    await one;
    // The first answer does not undo the second change on screen.
    expect(datesOf(store, 't1')).toEqual(later);
    second.reject(new ApiError('Bad', 400, { message: 'Invalid date' }));
    await two;
    // Back to what the server last saved: the first change.
    expect(datesOf(store, 't1')).toEqual(moved);
    expect(store.rescheduleError).toBe('The dates of SH0010 Layout were not changed. Bad');
  });

  it('refuses a task it does not know', async () => {
    const store = await loadedStore();
    expect(await store.reschedule('nope', moved)).toBe(false);
    expect(api.updateTaskDates).not.toHaveBeenCalled();
  });
});
