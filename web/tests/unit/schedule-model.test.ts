import { describe, expect, it } from 'vitest';
import type { Timeline, TimelineTask } from '@/lib/api-types';
import { barGeometry, chartRange, DAY, describeRisk, ganttItems, taskSpan } from '@/features/schedule/schedule-model';

function timelineTask(id: string, extra: Partial<TimelineTask>): TimelineTask {
  return {
    task_id: id, task_name: id, entity_id: `e-${id}`, entity_name: id, entity_type_name: 'Shot', sequence_id: 'sq1', sequence_name: 'SQ010',
    episode_id: null, episode_name: null, asset_type_id: null, asset_type_name: null, task_type_id: 'tt', task_type_name: 'Layout',
    task_type_color: '#000000', task_status_id: 's', task_status_short_name: 'wip', task_status_color: '#3B82F6', is_done: false,
    assignees: [], start_date: null, due_date: null, real_start_date: null, end_date: null, estimation: 0, duration: 0, ...extra,
  };
}

const timeline: Timeline = {
  project_id: 'p', project_start_date: '2026-01-05', project_end_date: '2026-03-01', milestones: [],
  tasks: [
    timelineTask('SH0020', { start_date: '2026-01-10T00:00:00', due_date: '2026-01-14T18:00:00' }),
    timelineTask('SH0010', { due_date: '2026-01-20T18:00:00', estimation: 16 * 60 }),
    timelineTask('Keeper', { sequence_id: null, sequence_name: null, asset_type_id: 'at', asset_type_name: 'Character' }),
  ],
};

describe('schedule model', () => {
  it('spans a task from its start (or due minus its estimation) to its due date', () => {
    expect(taskSpan(timeline.tasks[0]!)).toEqual({ start: Date.UTC(2026, 0, 10), end: Date.UTC(2026, 0, 14, 18) });
    expect(taskSpan(timeline.tasks[1]!).start).toBe(Date.UTC(2026, 0, 20, 18) - 2 * DAY);
    expect(taskSpan(timeline.tasks[2]!)).toEqual({ start: null, end: null });
  });

  it('groups tasks by sequence or asset type, flags risks and folds collapsed groups', () => {
    const items = ganttItems(timeline, 'sequence', new Set(), new Set(['SH0010']));
    expect(items.map((item) => (item.kind === 'group' ? `${item.name}:${item.count}:${item.risks}` : `${item.task.task_id}${item.risk ? '!' : ''}`))).toEqual([
      'SQ010:2:1', 'SH0010!', 'SH0020',
    ]);
    expect(ganttItems(timeline, 'sequence', new Set(['sq1']), new Set())).toHaveLength(1);
    expect(ganttItems(timeline, 'asset_type', new Set(), new Set()).map((item) => item.key)).toEqual(['g:at', 'Keeper']);
  });

  it('starts the chart on a Monday and covers the project and every task', () => {
    const items = ganttItems(timeline, 'sequence', new Set(), new Set());
    const range = chartRange(timeline, items);
    expect(new Date(range.start).getUTCDay()).toBe(1);
    expect(range.start).toBeLessThanOrEqual(Date.UTC(2026, 0, 5));
    expect(range.start + range.days * DAY).toBeGreaterThanOrEqual(Date.UTC(2026, 2, 1));
  });

  it('places bars in pixels', () => {
    expect(barGeometry(Date.UTC(2026, 0, 7), Date.UTC(2026, 0, 9), Date.UTC(2026, 0, 5), 10)).toEqual({ left: 20, width: 20 });
  });

  it('words the risk reasons', () => {
    const reasons = describeRisk({
      task_id: 't', task_name: 't', entity_id: 'e', entity_name: 'SH0010', task_type_id: 'tt', task_type_name: 'Layout', task_status_id: 's',
      task_status_short_name: 'wip', assignees: [], due_date: null, estimation: 60, duration: 150,
      reasons: [{ kind: 'overdue', due_date: '2026-01-01T00:00:00', days_late: 3.456 }, { kind: 'over_estimate', estimation: 60, duration: 150, overrun: 90 }],
    });
    expect(reasons).toEqual(['Overdue by 3.5 days', '1.5h over its estimate']);
  });
});
