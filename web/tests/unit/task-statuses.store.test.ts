import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/http';
import type { TaskStatusMutationResult } from '@/lib/api-types';
import * as api from '@/features/task-statuses/task-statuses.api';
import * as productionsApi from '@/features/productions/productions.api';
import { useToastsStore } from '@/features/shell/toasts.store';
import { setupStores } from './setup-stores';
import { ALL_STATUSES } from './fixtures';

vi.mock('@/features/task-statuses/task-statuses.api');
vi.mock('@/features/productions/productions.api');

const names = (statuses: ReturnType<typeof setupStores>['statuses']) => statuses.byProject.get('p1')?.statuses.map((status) => status.name);

describe('task statuses store', () => {
  beforeEach(() => {
    vi.resetAllMocks();
  });

  it('shows a drag-and-drop reorder at once and keeps the server’s answer', async () => {
    const { statuses } = setupStores();
    const reordered = [...ALL_STATUSES.statuses].reverse().map((status, order) => ({ ...status, order }));
    let seenWhilePending: string[] | undefined;
    vi.mocked(api.reorderStatuses).mockImplementation(async () => {
      seenWhilePending = names(statuses);
      return { message: 'Custom task statuses reordered successfully', status: null, all_statuses: { ...ALL_STATUSES, statuses: reordered } } as TaskStatusMutationResult;
    });
    expect(await statuses.reorder('p1', 0, 1)).toBe(true);
    expect(seenWhilePending).toEqual(['Blocked', 'Pending Review']);
    expect(api.reorderStatuses).toHaveBeenCalledWith('p1', ['st-blocked', 'st-review']);
    expect(names(statuses)).toEqual(['Blocked', 'Pending Review']);
  });

  it('reverts the order, with a message, when the reorder is refused', async () => {
    const { statuses } = setupStores();
    vi.mocked(api.reorderStatuses).mockRejectedValue(new ApiError('Insufficient permissions', 403));
    expect(await statuses.reorder('p1', 1, 0)).toBe(false);
    expect(names(statuses)).toEqual(['Pending Review', 'Blocked']);
    expect(useToastsStore().toasts[0]?.message).toBe('The new order was not saved: Insufficient permissions');
  });

  it('offers the system statuses first, with their task status ids', () => {
    const { statuses } = setupStores();
    expect(statuses.optionsFor('p1').map((option) => option.id)).toEqual(['st-todo', 'st-wip', 'st-wfa', 'st-done', 'st-retake', 'st-review', 'st-blocked']);
  });

  it('asks for a reassignment when a status in use is deleted, then deletes with it', async () => {
    const { statuses, productions } = setupStores();
    vi.mocked(productionsApi.fetchContext).mockResolvedValue(productions.context!);
    vi.mocked(api.deleteStatus).mockRejectedValueOnce(new ApiError('Status is used by 3 tasks', 409));
    expect(await statuses.remove('p1', 'st-blocked')).toBe('in-use');
    const remaining = { ...ALL_STATUSES, statuses: ALL_STATUSES.statuses.slice(0, 1) };
    vi.mocked(api.deleteStatus).mockResolvedValueOnce({ message: 'deleted', status: null, all_statuses: remaining } as TaskStatusMutationResult);
    expect(await statuses.remove('p1', 'st-blocked', 'not_started')).toBe('deleted');
    expect(api.deleteStatus).toHaveBeenLastCalledWith('p1', 'st-blocked', 'not_started');
    expect(names(statuses)).toEqual(['Pending Review']);
  });
});
