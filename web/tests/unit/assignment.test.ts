import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/http';
import type { CreatedComment, EntityTaskRow, FullTask, TodoRow } from '@/lib/api-types';
import * as breakdownApi from '@/features/breakdown/breakdown.api';
import * as tasksApi from '@/features/tasks/tasks.api';
import * as assignmentApi from '@/features/assignment/assignment.api';
import { useShotsStore } from '@/features/breakdown/breakdown.store';
import { useTaskPanelStore } from '@/features/tasks/task-panel.store';
import { useMyTasksStore } from '@/features/my-tasks/my-tasks.store';
import { useToastsStore } from '@/features/shell/toasts.store';
import { onTaskChanged } from '@/features/tasks/task-sync';
import {
  assignmentCalls, bulkLabel, bulkTarget, datesProblem, daysFromMinutes, minutesFromDays, planChanges, planned, scopeSelection, undoable,
} from '@/features/assignment/planning-model';
import { mayAssignPerson, mayPlanTask } from '@/features/tasks/task-permissions';
import { setupStores } from './setup-stores';
import { capabilitiesFor, shot, STATUS, task } from './fixtures';

vi.mock('@/features/breakdown/breakdown.api');
vi.mock('@/features/tasks/tasks.api');
vi.mock('@/features/assignment/assignment.api');

const A = { entityId: 'a', taskTypeId: 'layout' };
const B = { entityId: 'b', taskTypeId: 'layout' };
const C = { entityId: 'c', taskTypeId: 'layout' };
const row = (id: string, fields: Partial<EntityTaskRow> = {}) => ({ id, ...fields }) as EntityTaskRow;
const toasts = () => useToastsStore().toasts.map((toast) => toast.message);

async function loadedStore() {
  vi.mocked(breakdownApi.fetchShotsWithTasks).mockResolvedValue([
    shot('a', 'SH0010', 'SQ010', [task('t1', 'layout', STATUS.todo, ['alice'])]),
    shot('b', 'SH0020', 'SQ010', [task('t2', 'layout', STATUS.todo)]),
    shot('c', 'SH0030', 'SQ010', [task('t3', 'layout', STATUS.todo, ['bruno'])]),
  ]);
  const store = useShotsStore();
  await store.load('p1');
  return store;
}

describe('planning model', () => {
  it('converts estimates between the days Kitsu shows and the minutes the API stores', () => {
    expect(minutesFromDays(1.5)).toBe(720);
    expect(daysFromMinutes(720)).toBe(1.5);
    expect(daysFromMinutes(minutesFromDays(0.25))).toBe(0.25);
  });

  it('refuses a due date before the start date, whatever the time part', () => {
    expect(datesProblem('2026-12-10', '2026-12-09T00:00:00')).toMatch(/before the start/);
    expect(datesProblem('2026-12-10T00:00:00', '2026-12-10')).toBeNull();
    expect(datesProblem(null, '2026-12-01')).toBeNull();
  });

  it('asks one assign and one clear call per person to reach the targets', () => {
    const from = [task('t1', 'layout', STATUS.todo, ['alice']), task('t2', 'layout', STATUS.todo, ['alice', 'bruno'])];
    const to = [{ ...from[0]!, assignees: ['bruno'] }, { ...from[1]!, assignees: ['bruno', 'chen'] }];
    const calls = assignmentCalls(from.map((task, index) => ({ from: task, to: to[index]! })));
    expect(Object.fromEntries(calls.assign)).toEqual({ bruno: ['t1'], chen: ['t2'] });
    expect(Object.fromEntries(calls.clear)).toEqual({ alice: ['t1', 't2'] });
  });

  it('sends only the planning fields that differ, days as the API takes them', () => {
    const from = { ...task('t1', 'layout', STATUS.todo), start_date: '2026-12-01T00:00:00' };
    expect(planChanges(from, planned(from, { start_date: '2026-12-01', due_date: '2026-12-12' }))).toEqual({ due_date: '2026-12-12' });
    expect(planChanges(from, planned(from, { start_date: null, priority: 2 }))).toEqual({ start_date: null, priority: 2 });
    expect(planChanges(from, from)).toBeNull();
  });

  it('sends a difficulty only where the target has one that differs (the table cells do not carry it)', () => {
    const from = task('t1', 'layout', STATUS.todo);
    expect(planChanges(from, planned(from, { difficulty: 4 }))).toEqual({ difficulty: 4 });
    const read = { ...from, difficulty: 4 };
    expect(planChanges(read, planned(read, { difficulty: 4 }))).toBeNull();
    expect(planChanges(read, { ...read, difficulty: 2 })).toEqual({ difficulty: 2 });
    expect(undoable(read, { ...read, difficulty: 5 })).toBe(true);
    expect(planChanges(read, { ...from })).toBeNull();
  });

  it('scopes a selection to the cells the filters show', () => {
    expect(scopeSelection(new Set(['a:l', 'b:l', 'c:l', 'd:l', 'e:l']), new Set(['a:l', 'c:l', 'e:l', 'z:l']))).toEqual({ shown: ['a:l', 'c:l', 'e:l'], hidden: 2 });
    expect(scopeSelection(new Set(), new Set(['a:l']))).toEqual({ shown: [], hidden: 0 });
  });

  it('says what a bulk change did', () => {
    const name = (id: string) => ({ alice: 'Alice Animator', bruno: 'Bruno Lighter' })[id] ?? id;
    expect(bulkLabel({ kind: 'assign', personIds: ['alice', 'bruno'] }, '3 tasks', name)).toBe('Assigned Alice Animator and Bruno Lighter to 3 tasks.');
    expect(bulkLabel({ kind: 'plan', fields: { estimation: 960, priority: 1 } }, '2 tasks', name)).toBe('Set estimate 2 d, priority High on 2 tasks.');
    expect(bulkLabel({ kind: 'plan', fields: { difficulty: 4 } }, '3 tasks', name)).toBe('Set difficulty 4 on 3 tasks.');
    expect(bulkTarget({ kind: 'unassign', personIds: ['alice'] })(task('t', 'l', 's', ['alice', 'bruno'])).assignees).toEqual(['bruno']);
  });

  it('undoes nothing on a task replaced or unchanged since', () => {
    const before = task('t1', 'layout', STATUS.todo, ['alice']);
    expect(undoable(before, before)).toBe(false);
    expect(undoable(before, { ...before, id: 'other', assignees: [] })).toBe(false);
    expect(undoable(before, { ...before, assignees: [] })).toBe(true);
    expect(undoable(before, { ...before, task_status_id: STATUS.wip })).toBe(true);
  });
});

describe('planning permissions', () => {
  const viewer = (role: string, departmentIds: string[] = []) => ({ id: 'me', departmentIds, capabilities: capabilitiesFor(role, departmentIds) });
  it.each([
    ['manager', [], 'anim-dept', true],
    ['admin', [], null, true],
    ['supervisor', ['anim-dept'], 'anim-dept', true],
    ['supervisor', ['anim-dept'], 'light-dept', false],
    ['supervisor', [], 'light-dept', true],
    ['user', ['anim-dept'], 'anim-dept', false],
    ['client', [], 'anim-dept', false],
  ])('%s of %j plans a task of %s: %s', (role, departments, taskDepartment, expected) => {
    expect(mayPlanTask(viewer(role, departments), taskDepartment)).toBe(expected);
  });

  it('lets department supervisors assign only people of their departments', () => {
    expect(mayAssignPerson(viewer('supervisor', ['anim']), { id: 'alice', departmentIds: ['anim'] })).toBe(true);
    expect(mayAssignPerson(viewer('supervisor', ['anim']), { id: 'bruno', departmentIds: ['light'] })).toBe(false);
    expect(mayAssignPerson(viewer('manager'), { id: 'bruno', departmentIds: ['light'] })).toBe(true);
  });
});

describe('bulk assignment and planning in the shots table', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setupStores();
  });

  it('shows assignees at once, settles on what the API assigned and tells the other pages', async () => {
    const store = await loadedStore();
    const told: Array<[string, unknown]> = [];
    const stop = onTaskChanged((id, patch) => told.push([id, patch.assignees]));
    let release!: (rows: EntityTaskRow[]) => void;
    vi.mocked(assignmentApi.assignPerson).mockReturnValue(new Promise((resolve) => (release = resolve)));
    const change = store.planTasks([A, B], bulkTarget({ kind: 'assign', personIds: ['chen'] }), 'The person was not assigned');
    expect(store.taskAt(B)).toMatchObject({ assignees: ['chen'], pending: true });
    release([row('t1'), row('t2')]);
    const { failed, before } = await change;
    stop();
    expect(failed).toBe(0);
    expect(assignmentApi.assignPerson).toHaveBeenCalledWith('chen', ['t1', 't2']);
    expect(store.taskAt(A)).toMatchObject({ assignees: ['alice', 'chen'], pending: false });
    expect(before.map((item) => item.task.assignees)).toEqual([['alice'], []]);
    expect(told).toEqual([['t1', ['alice', 'chen']], ['t2', ['chen']]]);
  });

  it('rolls back the tasks the API skipped, with one message in the product words', async () => {
    const store = await loadedStore();
    vi.mocked(assignmentApi.assignPerson).mockResolvedValue([row('t1')]);
    const { failed } = await store.planTasks([A, B], bulkTarget({ kind: 'assign', personIds: ['chen'] }), 'The person was not assigned');
    expect(failed).toBe(1);
    expect(store.taskAt(A)?.assignees).toEqual(['alice', 'chen']);
    expect(store.taskAt(B)).toMatchObject({ assignees: [], pending: false });
    expect(toasts()).toEqual(['1 task of 2 not changed: only coordinators and the supervisors of its department assign this task']);
  });

  it('sets the dates of many tasks in one request', async () => {
    const store = await loadedStore();
    vi.mocked(assignmentApi.planTasks).mockImplementation(async (plans) =>
      plans.map((plan) => row(plan.id, { start_date: `${String(plan.start_date)}T00:00:00`, due_date: `${String(plan.due_date)}T00:00:00`, estimation: 0, priority: 0 })));
    const { failed } = await store.planTasks([A, B], bulkTarget({ kind: 'plan', fields: { start_date: '2026-12-14', due_date: '2026-12-18' } }), 'The dates were not changed');
    expect(failed).toBe(0);
    expect(assignmentApi.planTasks).toHaveBeenCalledTimes(1);
    expect(assignmentApi.planTasks).toHaveBeenCalledWith([
      { id: 't1', start_date: '2026-12-14', due_date: '2026-12-18' },
      { id: 't2', start_date: '2026-12-14', due_date: '2026-12-18' },
    ]);
    expect(store.taskAt(B)).toMatchObject({ start_date: '2026-12-14T00:00:00', due_date: '2026-12-18T00:00:00', pending: false });
  });

  it('rolls every date back when the API refuses the request (it changes all or nothing)', async () => {
    const store = await loadedStore();
    vi.mocked(assignmentApi.planTasks).mockRejectedValue(new ApiError("You don't have permission to do this.", 403));
    const { failed, before } = await store.planTasks([A, B], bulkTarget({ kind: 'plan', fields: { due_date: '2026-12-18' } }), 'The dates were not changed');
    expect(failed).toBe(2);
    expect(before).toEqual([]);
    expect(store.taskAt(A)).toMatchObject({ due_date: null, pending: false });
    expect(store.taskAt(B)).toMatchObject({ due_date: null, pending: false });
    expect(toasts()).toEqual(["2 tasks of 2 not changed: You don't have permission to do this."]);
  });

  it('keeps the assignment that went through when the dates of the same change are refused', async () => {
    const store = await loadedStore();
    vi.mocked(assignmentApi.assignPerson).mockResolvedValue([row('t2')]);
    vi.mocked(assignmentApi.planTasks).mockRejectedValue(new ApiError('The due date comes before the start date.', 400));
    await store.planTasks([B], (task) => ({ ...task, assignees: ['chen'], due_date: '2026-12-18T00:00:00' }), 'The task was not changed');
    expect(store.taskAt(B)).toMatchObject({ assignees: ['chen'], due_date: null });
    expect(toasts()).toEqual(['The task was not changed: The due date comes before the start date.']);
  });

  it('undoes the last bulk assignment by clearing whom it added', async () => {
    const store = await loadedStore();
    vi.mocked(assignmentApi.assignPerson).mockResolvedValue([row('t1'), row('t3')]);
    const result = await store.planTasks([A, C], bulkTarget({ kind: 'assign', personIds: ['chen'] }), 'x');
    store.remember('Assigned Chen to 2 tasks.', result.before);
    expect(store.lastChange?.label).toBe('Assigned Chen to 2 tasks.');
    vi.mocked(assignmentApi.clearAssignation).mockResolvedValue(['t1', 't3']);
    expect(await store.undo()).toEqual({ failed: 0 });
    expect(assignmentApi.clearAssignation).toHaveBeenCalledWith('chen', ['t1', 't3']);
    expect(store.taskAt(A)?.assignees).toEqual(['alice']);
    expect(store.taskAt(C)?.assignees).toEqual(['bruno']);
    expect(store.lastChange).toBeNull();
    expect(toasts()).toContain('Undone: Assigned Chen to 2 tasks.');
  });

  it('undoes a bulk status change with status comments back to each previous status', async () => {
    const store = await loadedStore();
    vi.mocked(tasksApi.postComment).mockImplementation(async (_id, statusId) => ({ task_status_id: statusId, created_at: '2026-12-07T10:00:00' }) as CreatedComment);
    const result = await store.setStatus([A, B], STATUS.wip);
    store.remember('Set WIP on 2 tasks.', result.before);
    vi.mocked(tasksApi.postComment).mockClear();
    await store.undo();
    expect(vi.mocked(tasksApi.postComment).mock.calls).toEqual([['t1', STATUS.todo, ''], ['t2', STATUS.todo, '']]);
    expect(store.taskAt(B)?.task_status_id).toBe(STATUS.todo);
  });

  it('undoes a bulk status change that created tasks by deleting those nobody has touched since', async () => {
    const store = await loadedStore();
    const cells = ['a', 'b', 'c'].map((entityId) => ({ entityId, taskTypeId: 'anim' }));
    vi.mocked(breakdownApi.bulkCreateTasks).mockResolvedValue({
      results: ['a', 'b', 'c'].map((id) => ({ shot_id: id, task_type: 'Animation', created: true, task_id: `new-${id}`, status: 'not_started' })),
    });
    vi.mocked(tasksApi.postComment).mockImplementation(async (_id, statusId) => ({ task_status_id: statusId, created_at: '2026-12-07T10:00:00' }) as CreatedComment);
    const result = await store.setStatus(cells, STATUS.wip);
    expect(result.before).toEqual([]);
    expect(result.created.map((item) => item.task.id)).toEqual(['new-a', 'new-b', 'new-c']);
    store.remember('Set WIP on 3 tasks.', result.before, result.created);
    // Since: someone commented on new-b, and new-c was assigned.
    store.applyTask('new-c', { assignees: ['alice'] });
    vi.mocked(tasksApi.fetchComments).mockImplementation(async (id) => (id === 'new-b' ? [{}, {}] : [{}]) as never);
    vi.mocked(tasksApi.deleteTask).mockResolvedValue(undefined);
    expect(await store.undo()).toEqual({ failed: 0 });
    expect(vi.mocked(tasksApi.deleteTask).mock.calls).toEqual([['new-a']]);
    expect(tasksApi.fetchComments).not.toHaveBeenCalledWith('new-c');
    expect(store.taskAt(cells[0]!)).toBeUndefined();
    expect(store.taskAt(cells[1]!)?.task_status_id).toBe(STATUS.wip);
    expect(store.taskAt(cells[2]!)?.assignees).toEqual(['alice']);
  });

  it('leaves nothing to undo when nothing changed', async () => {
    const store = await loadedStore();
    const result = await store.planTasks([A], bulkTarget({ kind: 'assign', personIds: ['alice'] }), 'x');
    store.remember('Assigned Alice to 0 tasks.', result.before);
    expect(assignmentApi.assignPerson).not.toHaveBeenCalled();
    expect(store.lastChange).toBeNull();
  });
});

describe('assignees and planning in the task panel', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setupStores();
  });

  async function openPanel() {
    const full = { ...task('t1', 'layout', STATUS.todo, ['alice']), difficulty: 3, project_id: 'p1', entity_id: 'a', task_type: { name: 'Layout' }, entity: { name: 'SH0010' } } as unknown as FullTask;
    vi.mocked(tasksApi.fetchFullTask).mockResolvedValue(full);
    vi.mocked(tasksApi.fetchComments).mockResolvedValue([]);
    const panel = useTaskPanelStore();
    await panel.open('t1');
    return panel;
  }

  it('unassigns at once and rolls back with a message when refused', async () => {
    const panel = await openPanel();
    let refuse!: (reason: unknown) => void;
    vi.mocked(assignmentApi.clearAssignation).mockReturnValue(new Promise((_resolve, reject) => (refuse = reject)));
    const change = panel.toggleAssignee('alice');
    expect(panel.task?.assignees).toEqual([]);
    refuse(new ApiError('Cannot reach the Rushes server. Check your connection and try again.', 0));
    expect(await change).toBe(false);
    expect(panel.task?.assignees).toEqual(['alice']);
    expect(toasts()).toEqual(['The person was not unassigned: Cannot reach the Rushes server. Check your connection and try again.']);
  });

  it('keeps a second change made while the first is on its way', async () => {
    const panel = await openPanel();
    let confirm!: (value: EntityTaskRow) => void;
    vi.mocked(assignmentApi.planTasks)
      .mockReturnValueOnce(new Promise((resolve) => (confirm = (value) => resolve([value]))))
      .mockResolvedValueOnce([row('t1', { start_date: null, due_date: null, estimation: 480, priority: 0 })]);
    const first = panel.plan({ due_date: '2026-12-20' });
    await panel.plan({ estimation: 480 });
    confirm(row('t1', { start_date: null, due_date: '2026-12-20T00:00:00', estimation: 0, priority: 0 }));
    await first;
    expect(panel.task).toMatchObject({ due_date: '2026-12-20T00:00:00', estimation: 480 });
  });

  it('follows a change made to the open task in a table', async () => {
    const panel = await openPanel();
    const store = await loadedStore();
    vi.mocked(assignmentApi.assignPerson).mockResolvedValue([row('t1')]);
    await store.planTasks([A], bulkTarget({ kind: 'assign', personIds: ['bruno'] }), 'x');
    expect(panel.task?.assignees).toEqual(['alice', 'bruno']);
  });
});

describe('My tasks follows planning changes made elsewhere', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setupStores();
  });

  it('shows new dates at once and drops a task the person was unassigned from', async () => {
    const mine = useMyTasksStore();
    mine.tasks = [
      { id: 't1', task_status_id: STATUS.todo, task_start_date: null, task_due_date: null, task_estimation: 0 },
      { id: 't2', task_status_id: STATUS.todo, task_start_date: null, task_due_date: null, task_estimation: 0 },
    ] as unknown as TodoRow[];
    vi.mocked(breakdownApi.fetchShotsWithTasks).mockResolvedValue([shot('a', 'SH0010', 'SQ010', [task('t1', 'layout', STATUS.todo, ['me'])])]);
    const store = useShotsStore();
    await store.load('p1');
    vi.mocked(assignmentApi.planTasks).mockResolvedValue([row('t1', { start_date: '2026-12-14T00:00:00', due_date: '2026-12-18T00:00:00', estimation: 0, priority: 0 })]);
    await store.planTasks([A], bulkTarget({ kind: 'plan', fields: { start_date: '2026-12-14', due_date: '2026-12-18' } }), 'x');
    expect(mine.tasks[0]).toMatchObject({ task_start_date: '2026-12-14T00:00:00', task_due_date: '2026-12-18T00:00:00' });
    mine.applyTask('t2', { assignees: ['alice'] });
    expect(mine.tasks.map((task) => task.id)).toEqual(['t1']);
  });
});
