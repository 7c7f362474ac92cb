import { describe, expect, it } from 'vitest';
import { mayActOnTask, maySetStatus, NO_CAPABILITIES, settableStatuses } from '@/features/tasks/task-permissions';
import type { StatusOption } from '@/features/task-statuses/status-model';
import { capabilitiesFor } from './fixtures';

const option = (id: string): StatusOption => ({
  id, studioId: id, name: id, color: '#000000', shortName: id, isSystem: true, isDone: false, isDefault: false, artistAllowed: true, clientAllowed: true, order: 0,
});
const OPTIONS = ['todo', 'wip', 'wfa', 'done', 'retake'].map(option);

describe('task permissions, read from the context capabilities', () => {
  it('offers the statuses the API lists as settable, in the production order', () => {
    const artist = { ...NO_CAPABILITIES, settable_task_status_ids: ['wfa', 'todo', 'wip'] };
    expect(settableStatuses(artist, OPTIONS).map((o) => o.id)).toEqual(['todo', 'wip', 'wfa']);
    expect(maySetStatus(artist, option('done'))).toBe(false);
    expect(settableStatuses(NO_CAPABILITIES, OPTIONS)).toEqual([]);
  });

  it('lets assignees, those who act on every task and the supervisors of the task type department act on a task', () => {
    const task = { assignees: ['alice'] };
    const viewer = (id: string, role: string, departments: string[] = []) => ({ id, departmentIds: departments, capabilities: capabilitiesFor(role, departments) });
    expect(mayActOnTask(viewer('alice', 'user'), task, 'anim')).toBe(true);
    expect(mayActOnTask(viewer('bruno', 'user', ['anim']), task, 'anim')).toBe(false);
    expect(mayActOnTask(viewer('carla', 'manager'), task, 'anim')).toBe(true);
    expect(mayActOnTask(viewer('client', 'client'), task, null)).toBe(true);
    expect(mayActOnTask(viewer('sam', 'supervisor', ['anim']), task, 'anim')).toBe(true);
    expect(mayActOnTask(viewer('sam', 'supervisor', ['anim']), task, 'light')).toBe(false);
    expect(mayActOnTask(viewer('sam', 'supervisor', ['anim']), task, null)).toBe(false);
    expect(mayActOnTask(viewer('sue', 'supervisor'), task, 'light')).toBe(true);
    expect(mayActOnTask({ id: 'vic', departmentIds: [], capabilities: NO_CAPABILITIES }, task, null)).toBe(false);
  });
});
