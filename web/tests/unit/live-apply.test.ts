import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FullTask, TaskComment, TodoRow } from '@/lib/api-types';
import * as breakdownApi from '@/features/breakdown/breakdown.api';
import * as tasksApi from '@/features/tasks/tasks.api';
import * as myTasksApi from '@/features/my-tasks/my-tasks.api';
import * as liveApi from '@/features/live/live.api';
import { useShotsStore } from '@/features/breakdown/breakdown.store';
import { useMyTasksStore } from '@/features/my-tasks/my-tasks.store';
import { useTaskPanelStore } from '@/features/tasks/task-panel.store';
import { syncTask } from '@/features/tasks/task-sync';
import { EchoLedger } from '@/features/live/echo-ledger';
import { addEvent, emptyBatch, type LiveBatch } from '@/features/live/live-batch';
import { applyBatch, isApplyingRemoteChange, MAX_TASK_READS } from '@/features/live/live-apply';
import { useLiveStore } from '@/features/live/live.store';
import { setupStores } from './setup-stores';
import { shot, STATUS, task } from './fixtures';

vi.mock('@/features/breakdown/breakdown.api');
vi.mock('@/features/tasks/tasks.api');
vi.mock('@/features/my-tasks/my-tasks.api');
vi.mock('@/features/live/live.api');

const cell = { entityId: 'a', taskTypeId: 'layout' };

const liveTask = (id: string, statusId: string, fields: Partial<liveApi.LiveTask> = {}) =>
  ({ ...task(id, 'layout', statusId), project_id: 'p1', entity_id: 'a', ...fields }) as unknown as liveApi.LiveTask;

function batchOf(events: Array<[string, Record<string, unknown>]>): LiveBatch {
  const batch = emptyBatch();
  for (const [name, payload] of events) addEvent(batch, name, { project_id: 'p1', ...payload }, 'me');
  return batch;
}

function statusChange(taskId: string, commentId = `c-${taskId}`): Array<[string, Record<string, unknown>]> {
  return [['comment:new', { comment_id: commentId, task_id: taskId }], ['task:update', { task_id: taskId }], ['task:status-changed', { task_id: taskId }]];
}

describe('applying live events', () => {
  let ledger: EchoLedger;
  let later: ReturnType<typeof vi.fn<(part: LiveBatch, delayMs: number) => void>>;
  const apply = (batch: LiveBatch) => applyBatch(batch, { ledger, later });

  beforeEach(async () => {
    vi.resetAllMocks();
    setupStores();
    ledger = new EchoLedger();
    later = vi.fn<(part: LiveBatch, delayMs: number) => void>();
    vi.mocked(breakdownApi.fetchShotsWithTasks).mockResolvedValue([
      shot('a', 'SH0010', 'SQ010', [task('t1', 'layout', STATUS.todo, ['me'])]),
      shot('b', 'SH0020', 'SQ010', [task('t2', 'layout', STATUS.todo)]),
    ]);
    await useShotsStore().load('p1');
  });

  it('shows another person’s status change in the table, My tasks and the open task, reading the task once', async () => {
    const myTasks = useMyTasksStore();
    myTasks.tasks = [{ id: 't1', task_status_id: STATUS.todo }] as unknown as TodoRow[];
    myTasks.loaded = true;
    const panel = useTaskPanelStore();
    panel.taskId = 't1';
    panel.task = { id: 't1', task_status_id: STATUS.todo, assignees: ['me'] } as unknown as FullTask;
    panel.comments = [];
    vi.mocked(liveApi.fetchTask).mockResolvedValue(liveTask('t1', STATUS.wip, { assignees: ['me'] }));
    vi.mocked(tasksApi.fetchFullTask).mockResolvedValue({ id: 't1', task_status_id: STATUS.wip, assignees: ['me'] } as unknown as FullTask);
    vi.mocked(tasksApi.fetchComments).mockResolvedValue([{ id: 'c-t1' }] as unknown as TaskComment[]);

    await apply(batchOf(statusChange('t1')));

    expect(liveApi.fetchTask).toHaveBeenCalledTimes(1);
    expect(useShotsStore().taskAt(cell)?.task_status_id).toBe(STATUS.wip);
    expect(myTasks.tasks[0]?.task_status_id).toBe(STATUS.wip);
    expect(panel.task?.task_status_id).toBe(STATUS.wip);
    expect(panel.comments.map((comment) => comment.id)).toEqual(['c-t1']);
    expect(myTasksApi.fetchMyTasks).not.toHaveBeenCalled();
  });

  it('does not announce a change read from the server as the viewer’s own', async () => {
    const seen: boolean[] = [];
    const { onTaskChanged } = await import('@/features/tasks/task-sync');
    const stop = onTaskChanged(() => seen.push(isApplyingRemoteChange()));
    vi.mocked(liveApi.fetchTask).mockResolvedValue(liveTask('t1', STATUS.wip));
    await apply(batchOf(statusChange('t1')));
    syncTask('t1', { task_status_id: STATUS.done });
    stop();
    expect(seen).toEqual([true, false]);
  });

  it('leaves a cell with a change in flight as it shows it (no flicker back to an older state)', async () => {
    const shots = useShotsStore();
    let answer!: (value: { task_status_id: string; created_at: string }) => void;
    vi.mocked(tasksApi.postComment).mockReturnValue(new Promise((resolve) => (answer = resolve)) as never);
    const change = shots.setStatus([cell], STATUS.done);
    // The events of an earlier change arrive meanwhile; the task read still has that earlier status.
    vi.mocked(liveApi.fetchTask).mockResolvedValue(liveTask('t1', STATUS.wip));
    await apply(batchOf(statusChange('t1')));
    expect(shots.taskAt(cell)).toMatchObject({ task_status_id: STATUS.done, pending: true });
    answer({ task_status_id: STATUS.done, created_at: '2026-12-07T10:00:00' });
    await change;
    expect(shots.taskAt(cell)).toMatchObject({ task_status_id: STATUS.done, pending: false });
  });

  it('holds back the echo of the viewer’s own change until its window has passed, without reading the task', async () => {
    ledger.noteOwnChange('t1');
    await apply(batchOf(statusChange('t1')));
    expect(liveApi.fetchTask).not.toHaveBeenCalled();
    expect(later).toHaveBeenCalledTimes(1);
    const [part, delay] = later.mock.calls[0]!;
    expect([...part.tasks.keys()]).toEqual(['t1']);
    expect(delay).toBeGreaterThan(0);
  });

  it('does not read the thread again for a comment it shows already, nor while the viewer is posting', async () => {
    const panel = useTaskPanelStore();
    panel.taskId = 't1';
    panel.task = { id: 't1', task_status_id: STATUS.wip, assignees: [], retake_count: 0, duration: 0, last_comment_date: null } as unknown as FullTask;
    panel.comments = [{ id: 'mine' }] as unknown as TaskComment[];
    vi.mocked(liveApi.fetchTask).mockResolvedValue(liveTask('t1', STATUS.wip));
    await apply(batchOf(statusChange('t1', 'mine')));
    expect(tasksApi.fetchComments).not.toHaveBeenCalled();

    panel.posting = true;
    await apply(batchOf(statusChange('t1', 'theirs')));
    expect(tasksApi.fetchComments).not.toHaveBeenCalled();

    panel.posting = false;
    vi.mocked(tasksApi.fetchFullTask).mockResolvedValue(panel.task);
    vi.mocked(tasksApi.fetchComments).mockResolvedValue([{ id: 'theirs' }, { id: 'mine' }] as unknown as TaskComment[]);
    await apply(batchOf(statusChange('t1', 'theirs')));
    expect(tasksApi.fetchComments).toHaveBeenCalledTimes(1);
    expect(panel.comments.map((comment) => comment.id)).toEqual(['theirs', 'mine']);
  });

  it('reads the open task again when it changed in a way only the panel shows (a retake counted)', async () => {
    const panel = useTaskPanelStore();
    panel.taskId = 't1';
    panel.task = { id: 't1', task_status_id: STATUS.wip, assignees: [], retake_count: 0, duration: 0, last_comment_date: null } as unknown as FullTask;
    panel.comments = [];
    vi.mocked(liveApi.fetchTask).mockResolvedValue(liveTask('t1', STATUS.wip, { retake_count: 1 }));
    vi.mocked(tasksApi.fetchFullTask).mockResolvedValue({ ...panel.task, retake_count: 1 } as FullTask);
    vi.mocked(tasksApi.fetchComments).mockResolvedValue([]);
    await apply(batchOf([['task:update', { task_id: 't1' }]]));
    expect(tasksApi.fetchFullTask).toHaveBeenCalledTimes(1);
    expect(panel.task?.retake_count).toBe(1);
  });

  it('loads the table once for a bulk change instead of reading every task', async () => {
    const events = Array.from({ length: MAX_TASK_READS + 1 }, (_, n) => statusChange(`bulk${n}`)).flat();
    await apply(batchOf(events));
    expect(liveApi.fetchTask).not.toHaveBeenCalled();
    expect(breakdownApi.fetchShotsWithTasks).toHaveBeenCalledTimes(2);
  });

  it('keeps a cell with a change in flight when a bulk change loads the table again', async () => {
    const shots = useShotsStore();
    let answer!: (value: { task_status_id: string; created_at: string }) => void;
    vi.mocked(tasksApi.postComment).mockReturnValue(new Promise((resolve) => (answer = resolve)) as never);
    const change = shots.setStatus([cell], STATUS.done);
    vi.mocked(breakdownApi.fetchShotsWithTasks).mockResolvedValue([
      shot('a', 'SH0010', 'SQ010', [task('t1', 'layout', STATUS.todo, ['me'])]),
      shot('b', 'SH0020', 'SQ010', [task('t2', 'layout', STATUS.wip)]),
    ]);
    await apply(batchOf(Array.from({ length: MAX_TASK_READS + 1 }, (_, n) => statusChange(`bulk${n}`)).flat()));
    await vi.waitFor(() => expect(shots.taskAt({ entityId: 'b', taskTypeId: 'layout' })?.task_status_id).toBe(STATUS.wip));
    expect(shots.taskAt(cell)).toMatchObject({ task_status_id: STATUS.done, pending: true });
    answer({ task_status_id: STATUS.done, created_at: '2026-12-07T10:00:00' });
    await change;
    expect(shots.taskAt(cell)).toMatchObject({ task_status_id: STATUS.done, pending: false });
  });

  it('loads the table again for a new shot, and My tasks for a task newly assigned to the viewer', async () => {
    const myTasks = useMyTasksStore();
    myTasks.loaded = true;
    vi.mocked(myTasksApi.fetchMyTasks).mockResolvedValue([]);
    vi.mocked(myTasksApi.fetchMyTimeSpents).mockResolvedValue([]);
    vi.mocked(liveApi.fetchTask).mockResolvedValue(liveTask('t2', STATUS.todo, { assignees: ['me'], entity_id: 'b' }));
    await apply(batchOf([['shot:new', { shot_id: 'c' }], ['task:update', { task_id: 't2' }]]));
    expect(breakdownApi.fetchShotsWithTasks).toHaveBeenCalledTimes(2);
    expect(myTasksApi.fetchMyTasks).toHaveBeenCalledTimes(1);
  });

  it('raises the unread notifications count', async () => {
    const live = useLiveStore();
    expect(live.unreadNotifications).toBe(0);
    await apply(batchOf([['notification:new', { notification_id: 'n1', person_id: 'me' }], ['notification:new', { notification_id: 'n2', person_id: 'other' }]]));
    expect(live.unreadNotifications).toBe(1);
  });
});
