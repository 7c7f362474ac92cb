import { describe, expect, it } from 'vitest';
import { countByStatus, emptyFilters, filterRows, groupItems, sortRows, toShotRow } from '@/features/breakdown/breakdown-model';
import { shot, STATUS, task } from './fixtures';

const rows = [
  toShotRow(shot('a', 'SH0100', 'SQ010', [task('t1', 'layout', STATUS.wip, ['alice']), task('t2', 'anim', STATUS.todo)])),
  toShotRow(shot('b', 'SH0020', 'SQ010', [task('t3', 'layout', STATUS.done, ['bruno'])], { frame_in: 1001, frame_out: 1200 })),
  toShotRow(shot('c', 'SH0010', 'SQ020', [], { description: 'Storm over the harbour' })),
];

describe('toShotRow', () => {
  it('indexes tasks by task type and derives frames from frame in/out', () => {
    expect(rows[0]!.tasks.layout!.id).toBe('t1');
    expect(rows[1]!.frames).toBe(200);
    expect(rows[1]!.frameIn).toBe(1001);
    expect(rows[0]!.groupName).toBe('SQ010');
  });

  it('names the group with the episode when there is one, and reads frames from data', () => {
    const row = toShotRow(shot('e', 'SH0010', 'SQ010', [], { episode_name: 'E01', frame_in: null, frame_out: null, data: { frame_in: '10', frame_out: '19' } }));
    expect(row.groupName).toBe('E01 / SQ010');
    expect(row.frames).toBe(10);
  });
});

describe('filterRows', () => {
  it('filters by sequence, free text (all words), status, assignee and task type column', () => {
    expect(filterRows(rows, { ...emptyFilters(), groupIds: ['seq-SQ020'] }).map((row) => row.id)).toEqual(['c']);
    expect(filterRows(rows, { ...emptyFilters(), text: 'storm harbour' }).map((row) => row.id)).toEqual(['c']);
    expect(filterRows(rows, { ...emptyFilters(), statusIds: [STATUS.todo] }).map((row) => row.id)).toEqual(['a']);
    expect(filterRows(rows, { ...emptyFilters(), assigneeId: 'bruno' }).map((row) => row.id)).toEqual(['b']);
    expect(filterRows(rows, { ...emptyFilters(), statusIds: [STATUS.todo], taskTypeId: 'layout' })).toEqual([]);
  });

  it('returns every row when nothing is filtered', () => {
    expect(filterRows(rows, emptyFilters())).toHaveLength(3);
  });
});

describe('sortRows', () => {
  const order = new Map([STATUS.todo, STATUS.wip, STATUS.wfa, STATUS.done].map((id, index) => [id, index]));

  it('sorts names naturally inside each sequence, sequences kept in order', () => {
    expect(sortRows(rows, { key: 'name', direction: 1 }, order).map((row) => row.name)).toEqual(['SH0020', 'SH0100', 'SH0010']);
    expect(sortRows(rows, { key: 'name', direction: -1 }, order).map((row) => row.name)).toEqual(['SH0100', 'SH0020', 'SH0010']);
  });

  it('sorts by a task column in status order, entities without the task last', () => {
    expect(sortRows(rows, { key: 'task:layout', direction: 1 }, order).map((row) => row.id)).toEqual(['a', 'b', 'c']);
    expect(sortRows(rows, { key: 'task:layout', direction: -1 }, order).map((row) => row.id)).toEqual(['b', 'a', 'c']);
  });

  it('sorts by frames', () => {
    expect(sortRows(rows.slice(0, 2), { key: 'frames', direction: -1 }, order).map((row) => row.id)).toEqual(['b', 'a']);
  });
});

describe('groupItems', () => {
  it('puts a header before each sequence and leaves out the rows of collapsed ones', () => {
    const sorted = sortRows(rows, { key: 'name', direction: 1 }, new Map());
    const items = groupItems(sorted, new Set(['seq-SQ020']));
    expect(items.map((item) => (item.kind === 'group' ? `${item.name}:${item.count}${item.collapsed ? '-' : ''}` : item.row.name))).toEqual([
      'SQ010:2', 'SH0020', 'SH0100', 'SQ020:1-',
    ]);
  });
});

describe('countByStatus', () => {
  it('counts tasks per status, for all task types or one', () => {
    expect(Object.fromEntries(countByStatus(rows))).toEqual({ [STATUS.wip]: 1, [STATUS.todo]: 1, [STATUS.done]: 1 });
    expect(Object.fromEntries(countByStatus(rows, 'anim'))).toEqual({ [STATUS.todo]: 1 });
  });
});
