import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '@/lib/http';
import type { CreatedComment, TimeSpentRow, TodoRow } from '@/lib/api-types';
import * as authApi from '@/features/auth/auth.api';
import * as tasksApi from '@/features/tasks/tasks.api';
import * as myTasksApi from '@/features/my-tasks/my-tasks.api';
import { useAuthStore } from '@/features/auth/auth.store';
import { useMyTasksStore } from '@/features/my-tasks/my-tasks.store';
import { useToastsStore } from '@/features/shell/toasts.store';
import { setupStores } from './setup-stores';
import { sessionUser, STATUS } from './fixtures';

vi.mock('@/features/auth/auth.api');
vi.mock('@/features/tasks/tasks.api');
vi.mock('@/features/my-tasks/my-tasks.api', async () => {
  const tasks = await import('@/features/tasks/tasks.api');
  return { fetchMyTasks: vi.fn(), addTimeSpent: tasks.addTimeSpent, fetchMyTimeSpents: tasks.fetchMyTimeSpents, postComment: tasks.postComment };
});

const user = sessionUser({ id: 'u1', email: 'alice@studio', full_name: 'Alice', role: 'user' });

describe('auth store', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setActivePinia(createPinia());
  });

  it('restores an existing session once', async () => {
    vi.mocked(authApi.fetchSession).mockResolvedValue({ authenticated: true, user, organisation: null });
    const auth = useAuthStore();
    await Promise.all([auth.restore(), auth.restore()]);
    expect(auth.state).toBe('authenticated');
    expect(auth.user?.full_name).toBe('Alice');
    expect(authApi.fetchSession).toHaveBeenCalledTimes(1);
  });

  it('is anonymous without a session', async () => {
    vi.mocked(authApi.fetchSession).mockRejectedValue(new ApiError('Your session has expired.', 401));
    const auth = useAuthStore();
    await auth.restore();
    expect(auth.state).toBe('anonymous');
    expect(auth.expired).toBe(false);
  });

  it('passes the login failure message on, and remembers an expired session', async () => {
    const auth = useAuthStore();
    vi.mocked(authApi.login).mockRejectedValue(new ApiError('Wrong email or password.', 400));
    await expect(auth.login('a@b.c', 'nope')).rejects.toThrow('Wrong email or password.');
    vi.mocked(authApi.login).mockResolvedValue({ login: true, access_token: 'a', refresh_token: 'r', user, organisation: null });
    await auth.login(' alice@studio ', 'secret');
    expect(authApi.login).toHaveBeenLastCalledWith('alice@studio', 'secret');
    auth.sessionExpired();
    expect(auth.state).toBe('anonymous');
    expect(auth.expired).toBe(true);
  });
});

const todo = (id: string, statusId: string): TodoRow => ({ id, project_id: 'p1', task_status_id: statusId, entity_name: 'SH0010', task_duration: 60 }) as TodoRow;

describe('my tasks store', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setupStores('user');
  });

  async function loaded() {
    vi.mocked(myTasksApi.fetchMyTasks).mockResolvedValue([todo('t1', STATUS.wip)]);
    vi.mocked(tasksApi.fetchMyTimeSpents).mockResolvedValue([{ task_id: 't1', duration: 90 } as TimeSpentRow]);
    const store = useMyTasksStore();
    await store.load();
    return store;
  }

  it('loads the todo list and the time logged on the day', async () => {
    const store = await loaded();
    expect(store.tasks).toHaveLength(1);
    expect(store.dayMinutes.get('t1')).toBe(90);
  });

  it('changes a status at once and rolls it back when refused', async () => {
    const store = await loaded();
    vi.mocked(tasksApi.postComment).mockRejectedValue(new ApiError("You don't have the permission to access the requested resource.", 403));
    const change = store.setStatus('t1', STATUS.done);
    expect(store.tasks[0]?.task_status_id).toBe(STATUS.done);
    await change;
    expect(store.tasks[0]?.task_status_id).toBe(STATUS.wip);
    expect(useToastsStore().toasts[0]?.message).toMatch(/^The status was not changed/);
    vi.mocked(tasksApi.postComment).mockResolvedValue({ task_status_id: STATUS.wfa, created_at: '2026-11-22T10:00:00' } as CreatedComment);
    await store.setStatus('t1', STATUS.wfa);
    expect(store.tasks[0]?.task_status_id).toBe(STATUS.wfa);
  });

  it('logs time for the selected day as the signed-in person', async () => {
    const store = await loaded();
    vi.mocked(tasksApi.addTimeSpent).mockResolvedValue({ task_id: 't1', duration: 180 } as TimeSpentRow);
    expect(await store.logTime('t1', 90)).toBe(true);
    expect(tasksApi.addTimeSpent).toHaveBeenCalledWith('t1', store.day, 'me', 90);
    expect(store.dayMinutes.get('t1')).toBe(180);
    expect(store.tasks[0]?.task_duration).toBe(150);
  });
});
