import { describe, expect, it } from 'vitest';
import { mayActOnTask, maySetStatus, settableStatuses } from '@/features/tasks/task-permissions';
import type { StatusOption } from '@/features/task-statuses/status-model';

const option = (id: string, artistAllowed: boolean, clientAllowed: boolean): StatusOption => ({
  id, studioId: id, name: id, color: '#000000', shortName: id, isSystem: true, isDone: false, isDefault: false, artistAllowed, clientAllowed, order: 0,
});
const OPTIONS = [option('todo', true, false), option('wip', true, false), option('wfa', true, true), option('done', false, true), option('retake', false, true)];

describe('task permissions, as the API decides them', () => {
  it('offers artists the artist-allowed statuses, clients the client-allowed ones, everyone else all', () => {
    expect(settableStatuses('user', OPTIONS).map((o) => o.id)).toEqual(['todo', 'wip', 'wfa']);
    expect(settableStatuses('client', OPTIONS).map((o) => o.id)).toEqual(['wfa', 'done', 'retake']);
    for (const role of ['admin', 'manager', 'supervisor', 'vendor']) expect(settableStatuses(role, OPTIONS), role).toHaveLength(5);
    expect(maySetStatus('user', OPTIONS[3]!)).toBe(false);
  });

  it('lets assignees, coordinators, clients and the supervisors of the task type department act on a task', () => {
    const task = { assignees: ['alice'] };
    expect(mayActOnTask({ id: 'alice', role: 'user', departmentIds: [] }, task, 'anim')).toBe(true);
    expect(mayActOnTask({ id: 'bruno', role: 'user', departmentIds: ['anim'] }, task, 'anim')).toBe(false);
    expect(mayActOnTask({ id: 'carla', role: 'manager', departmentIds: [] }, task, 'anim')).toBe(true);
    expect(mayActOnTask({ id: 'x', role: 'admin', departmentIds: [] }, task, null)).toBe(true);
    expect(mayActOnTask({ id: 'client', role: 'client', departmentIds: [] }, task, null)).toBe(true);
    expect(mayActOnTask({ id: 'sam', role: 'supervisor', departmentIds: ['anim'] }, task, 'anim')).toBe(true);
    expect(mayActOnTask({ id: 'sam', role: 'supervisor', departmentIds: ['anim'] }, task, 'light')).toBe(false);
    expect(mayActOnTask({ id: 'sam', role: 'supervisor', departmentIds: ['anim'] }, task, null)).toBe(false);
    // A supervisor without departments covers them all.
    expect(mayActOnTask({ id: 'sue', role: 'supervisor', departmentIds: [] }, task, 'light')).toBe(true);
    expect(mayActOnTask({ id: 'vic', role: 'vendor', departmentIds: [] }, task, null)).toBe(false);
  });
});
