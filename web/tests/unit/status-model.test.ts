import { describe, expect, it } from 'vitest';
import { describeStatus, moveItem, statusOptions } from '@/features/task-statuses/status-model';
import { ALL_STATUSES, STATUS, STATUS_ROWS } from './fixtures';

describe('statusOptions', () => {
  it('maps the system keys to task status ids, system statuses first then custom ones in order', () => {
    const options = statusOptions(ALL_STATUSES, STATUS_ROWS);
    expect(options.map((option) => option.name)).toEqual(['Not Started', 'In Progress', 'Submitted', 'Approved', 'Retake', 'Pending Review', 'Blocked']);
    expect(options[0]).toMatchObject({ id: STATUS.todo, studioId: 'not_started', isSystem: true, isDefault: true });
    expect(options[3]).toMatchObject({ id: STATUS.done, isDone: true, artistAllowed: false });
    expect(options[5]).toMatchObject({ id: STATUS.review, studioId: STATUS.review, isSystem: false, shortName: 'pendrev' });
  });

  it('marks a custom default', () => {
    const options = statusOptions({ ...ALL_STATUSES, default_status_id: 'st-blocked', statuses: ALL_STATUSES.statuses.map((s) => ({ ...s, is_default: s.id === 'st-blocked' })) }, STATUS_ROWS);
    expect(options.filter((option) => option.isDefault).map((option) => option.name)).toEqual(['Blocked']);
  });
});

describe('describeStatus', () => {
  it('describes statuses the production does not list from the context rows', () => {
    const rows = new Map(STATUS_ROWS.map((row) => [row.id, row]));
    expect(describeStatus(STATUS.review, [], rows).name).toBe('Pending Review');
    expect(describeStatus('gone', [], rows)).toMatchObject({ name: 'Unknown status', color: '#9CA3AF' });
  });
});

describe('moveItem', () => {
  it('moves one item and leaves the list untouched for out-of-range moves', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(['a', 'b'], 0, 5)).toEqual(['a', 'b']);
  });
});
