import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/http';
import type { CreatedComment } from '@/lib/api-types';
import * as breakdownApi from '@/features/breakdown/breakdown.api';
import * as tasksApi from '@/features/tasks/tasks.api';
import { useShotsStore } from '@/features/breakdown/breakdown.store';
import { useToastsStore } from '@/features/shell/toasts.store';
import { setupStores } from './setup-stores';
import { shot, STATUS, task } from './fixtures';

vi.mock('@/features/breakdown/breakdown.api');
vi.mock('@/features/tasks/tasks.api');

const comment = (statusId: string) => ({ task_status_id: statusId, created_at: '2026-11-22T10:00:00' }) as CreatedComment;
const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

async function loadedStore() {
  vi.mocked(breakdownApi.fetchShotsWithTasks).mockResolvedValue([
    shot('a', 'SH0010', 'SQ010', [task('t1', 'layout', STATUS.todo)]),
    shot('b', 'SH0020', 'SQ010', []),
    shot('c', 'SH0030', 'SQ010', []),
  ]);
  const store = useShotsStore();
  await store.load('p1');
  return store;
}

describe('shots store', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setupStores();
  });

  it('loads the rows of a production once, and again when forced', async () => {
    const store = await loadedStore();
    expect(store.rows.map((row) => row.name)).toEqual(['SH0010', 'SH0020', 'SH0030']);
    await store.load('p1');
    expect(breakdownApi.fetchShotsWithTasks).toHaveBeenCalledTimes(1);
    await store.load('p1', { force: true });
    expect(breakdownApi.fetchShotsWithTasks).toHaveBeenCalledTimes(2);
  });

  it('shows a status change at once, then confirms it through a comment', async () => {
    const store = await loadedStore();
    const posted = deferred<CreatedComment>();
    vi.mocked(tasksApi.postComment).mockReturnValue(posted.promise);
    const change = store.setStatus([{ entityId: 'a', taskTypeId: 'layout' }], STATUS.wip);
    expect(store.taskAt({ entityId: 'a', taskTypeId: 'layout' })).toMatchObject({ task_status_id: STATUS.wip, pending: true });
    posted.resolve(comment(STATUS.wip));
    await change;
    expect(tasksApi.postComment).toHaveBeenCalledWith('t1', STATUS.wip, '');
    expect(store.taskAt({ entityId: 'a', taskTypeId: 'layout' })).toMatchObject({ id: 't1', task_status_id: STATUS.wip, pending: false });
  });

  it('rolls a refused change back with one visible error', async () => {
    const store = await loadedStore();
    vi.mocked(tasksApi.postComment).mockRejectedValue(new ApiError("You don't have the permission to access the requested resource.", 403));
    const { failed } = await store.setStatus([{ entityId: 'a', taskTypeId: 'layout' }], STATUS.done);
    expect(failed).toBe(1);
    expect(store.taskAt({ entityId: 'a', taskTypeId: 'layout' })).toMatchObject({ task_status_id: STATUS.todo });
    expect(store.taskAt({ entityId: 'a', taskTypeId: 'layout' })?.pending).toBeFalsy();
    expect(useToastsStore().toasts.map((toast) => toast.message)).toEqual([
      "The status was not changed: You don't have the permission to access the requested resource.",
    ]);
  });

  it('creates the task of an empty cell, then sets its status', async () => {
    const store = await loadedStore();
    vi.mocked(breakdownApi.createEntityTask).mockResolvedValue({ task_type: 'Layout', task_type_id: 'layout', status: 'not_started', task_id: 'new-task', assigned_user_id: null });
    vi.mocked(tasksApi.postComment).mockResolvedValue(comment(STATUS.wip));
    await store.setStatus([{ entityId: 'b', taskTypeId: 'layout' }], STATUS.wip);
    expect(breakdownApi.createEntityTask).toHaveBeenCalledWith('Shot', 'b', 'Layout');
    expect(tasksApi.postComment).toHaveBeenCalledWith('new-task', STATUS.wip, '');
    expect(store.taskAt({ entityId: 'b', taskTypeId: 'layout' })).toMatchObject({ id: 'new-task', task_status_id: STATUS.wip, pending: false });
  });

  it('empties the cell again when the task cannot be created', async () => {
    const store = await loadedStore();
    vi.mocked(breakdownApi.createEntityTask).mockRejectedValue(new ApiError('Insufficient permissions', 403));
    await store.setStatus([{ entityId: 'b', taskTypeId: 'layout' }], STATUS.wip);
    expect(store.taskAt({ entityId: 'b', taskTypeId: 'layout' })).toBeUndefined();
    expect(tasksApi.postComment).not.toHaveBeenCalled();
    expect(useToastsStore().toasts[0]?.message).toBe('The status was not changed: Insufficient permissions');
  });

  it('keeps a created task in its first status when the status comment fails', async () => {
    const store = await loadedStore();
    vi.mocked(breakdownApi.createEntityTask).mockResolvedValue({ task_type: 'Layout', task_type_id: 'layout', status: 'not_started', task_id: 'new-task', assigned_user_id: null });
    vi.mocked(tasksApi.postComment).mockRejectedValue(new ApiError('No more retakes allowed on this task', 400));
    await store.setStatus([{ entityId: 'b', taskTypeId: 'layout' }], STATUS.retake);
    expect(store.taskAt({ entityId: 'b', taskTypeId: 'layout' })).toMatchObject({ id: 'new-task', task_status_id: STATUS.todo });
  });

  it('changes many cells: missing tasks through the bulk route, a comment per task, one message for the failures', async () => {
    const store = await loadedStore();
    vi.mocked(breakdownApi.bulkCreateTasks).mockResolvedValue({
      results: [
        { shot_id: 'b', task_type: 'Layout', created: true, task_id: 'tb', status: 'not_started' },
        { shot_id: 'c', task_type: 'Layout', created: true, task_id: 'tc', status: 'not_started' },
      ],
    });
    vi.mocked(tasksApi.postComment).mockImplementation(async (taskId, statusId) => {
      if (taskId === 'tc') throw new ApiError('Task is locked', 400);
      return comment(statusId);
    });
    const cells = ['a', 'b', 'c'].map((entityId) => ({ entityId, taskTypeId: 'layout' }));
    const { failed } = await store.setStatus(cells, STATUS.wfa);
    expect(failed).toBe(1);
    expect(breakdownApi.bulkCreateTasks).toHaveBeenCalledWith('Shot', ['b', 'c'], 'Layout');
    expect(cells.map((cell) => store.taskAt(cell)?.task_status_id)).toEqual([STATUS.wfa, STATUS.wfa, STATUS.todo]);
    expect(useToastsStore().toasts.map((toast) => toast.message)).toEqual(['1 change of 3 failed: Task is locked']);
  });

  it('skips cells already in the status', async () => {
    const store = await loadedStore();
    await store.setStatus([{ entityId: 'a', taskTypeId: 'layout' }], STATUS.todo);
    expect(tasksApi.postComment).not.toHaveBeenCalled();
  });

  it('reflects a task changed in another page', async () => {
    const store = await loadedStore();
    store.applyTask('t1', { task_status_id: STATUS.done });
    expect(store.taskAt({ entityId: 'a', taskTypeId: 'layout' })?.task_status_id).toBe(STATUS.done);
  });

  it('keeps the load error readable', async () => {
    vi.mocked(breakdownApi.fetchShotsWithTasks).mockRejectedValue(new ApiError('Access denied to this project', 403));
    const store = useShotsStore();
    await store.load('p1');
    expect(store.error).toBe('Access denied to this project');
    expect(store.loading).toBe(false);
  });
});
