import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EchoLedger } from '@/features/live/echo-ledger';
import { addEvent, emptyBatch, type LiveBatch } from '@/features/live/live-batch';
import { createCoalescer } from '@/features/live/live-coalescer';
import { LastEventCursor } from '@/features/live/live-cursor';

const ID = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('last event id', () => {
  it('keeps the newest id seen, whatever the order they arrive in', () => {
    const cursor = new LastEventCursor();
    expect(cursor.lastEventId).toBeNull();
    cursor.see(ID(2));
    cursor.see(ID(1));
    expect(cursor.lastEventId).toBe(ID(2));
    cursor.see(ID(10));
    expect(cursor.lastEventId).toBe(ID(10));
  });

  it('refuses an event seen already (a replay overlapping what arrived live) and accepts events without id', () => {
    const cursor = new LastEventCursor();
    expect(cursor.see(ID(1))).toBe(true);
    expect(cursor.see(ID(1).toUpperCase())).toBe(false);
    expect(cursor.see(undefined)).toBe(true);
    cursor.clear();
    expect(cursor.lastEventId).toBeNull();
    expect(cursor.see(ID(1))).toBe(true);
  });
});

describe('live batch', () => {
  it('reads each task of a burst once, with its production', () => {
    const batch = emptyBatch();
    addEvent(batch, 'comment:new', { comment_id: 'c1', task_id: 't1', project_id: 'p1' }, 'me');
    addEvent(batch, 'task:update', { task_id: 't1', project_id: 'p1' }, 'me');
    addEvent(batch, 'task:status-changed', { task_id: 't1', project_id: 'p1', person_id: 'someone' }, 'me');
    addEvent(batch, 'task:update', { task_id: 't2', project_id: 'p1' }, 'me');
    expect([...batch.tasks]).toEqual([['t1', 'p1'], ['t2', 'p1']]);
    expect([...batch.comments]).toEqual([['c1', { taskId: 't1', edited: false }]]);
  });

  it('counts the notifications addressed to the viewer only', () => {
    const batch = emptyBatch();
    addEvent(batch, 'notification:new', { notification_id: 'n1', person_id: 'me' }, 'me');
    addEvent(batch, 'notification:new', { notification_id: 'n2', person_id: 'someone' }, 'me');
    expect(batch.notifications).toBe(1);
  });

  it('loads a table again for new or deleted shots, assets and tasks, and My tasks for the viewer’s assignments', () => {
    const batch = emptyBatch();
    addEvent(batch, 'shot:new', { shot_id: 's1', project_id: 'p1' }, 'me');
    addEvent(batch, 'task:delete', { task_id: 't9', project_id: 'p2' }, 'me');
    addEvent(batch, 'task:assign', { task_id: 't3', person_id: 'someone', project_id: 'p1' }, 'me');
    expect(batch.myAssignmentsChanged).toBe(false);
    addEvent(batch, 'task:assign', { task_id: 't4', person_id: 'me', project_id: 'p1' }, 'me');
    expect([...batch.breakdownProjects]).toEqual(['p1', 'p2']);
    expect(batch.myAssignmentsChanged).toBe(true);
    expect(batch.tasks.has('t9')).toBe(false);
  });

  it('marks a comment edited when any of its events was an edit or a deletion', () => {
    const batch = emptyBatch();
    addEvent(batch, 'comment:new', { comment_id: 'c1', task_id: 't1' }, 'me');
    addEvent(batch, 'comment:update', { comment_id: 'c1' }, 'me');
    expect(batch.comments.get('c1')).toEqual({ taskId: 't1', edited: true });
  });

  it('ignores events it has no use for', () => {
    const batch = emptyBatch();
    addEvent(batch, 'person:update', { person_id: 'x' }, 'me');
    addEvent(batch, 'preview-file:new', { preview_file_id: 'x' }, 'me');
    expect(batch).toEqual(emptyBatch());
  });
});

describe('coalescing', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('applies a burst once it is quiet, as one batch', async () => {
    const batches: LiveBatch[] = [];
    const coalescer = createCoalescer({ me: () => 'me', flush: (batch) => void batches.push(batch), quietMs: 100, maxWaitMs: 1_000 });
    for (let n = 0; n < 200; n += 1) {
      coalescer.push('comment:new', { comment_id: `c${n}`, task_id: `t${n}`, project_id: 'p1' });
      coalescer.push('task:update', { task_id: `t${n}`, project_id: 'p1' });
      coalescer.push('task:status-changed', { task_id: `t${n}`, project_id: 'p1' });
    }
    await vi.advanceTimersByTimeAsync(99);
    expect(batches).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.tasks.size).toBe(200);
  });

  it('still applies a steady stream at least every maxWait', async () => {
    const batches: LiveBatch[] = [];
    const coalescer = createCoalescer({ me: () => 'me', flush: (batch) => void batches.push(batch), quietMs: 100, maxWaitMs: 300 });
    for (let n = 0; n < 10; n += 1) {
      coalescer.push('task:update', { task_id: `t${n}` });
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(batches.length).toBeGreaterThanOrEqual(1);
    expect(batches[0]?.tasks.size).toBe(6);
  });

  it('applies one batch at a time: events arriving during a flush wait for it', async () => {
    let release!: () => void;
    const flushes: string[][] = [];
    let running = 0;
    let overlapped = false;
    const coalescer = createCoalescer({
      me: () => 'me',
      quietMs: 10,
      flush: async (batch) => {
        running += 1;
        overlapped ||= running > 1;
        flushes.push([...batch.tasks.keys()]);
        if (flushes.length === 1) await new Promise<void>((resolve) => (release = resolve));
        running -= 1;
      },
    });
    coalescer.push('task:update', { task_id: 't1' });
    await vi.advanceTimersByTimeAsync(10);
    coalescer.push('task:update', { task_id: 't2' });
    coalescer.push('task:update', { task_id: 't3' });
    await vi.advanceTimersByTimeAsync(50);
    expect(flushes).toEqual([['t1']]);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(flushes).toEqual([['t1'], ['t2', 't3']]);
    expect(overlapped).toBe(false);
  });

  it('gives back deferred tasks after their delay, and drops everything once stopped', async () => {
    const batches: LiveBatch[] = [];
    const coalescer = createCoalescer({ me: () => 'me', flush: (batch) => void batches.push(batch), quietMs: 10 });
    const part = emptyBatch();
    part.tasks.set('t1', 'p1');
    coalescer.later(part, 500);
    await vi.advanceTimersByTimeAsync(509);
    expect(batches).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect([...(batches[0]?.tasks.keys() ?? [])]).toEqual(['t1']);

    coalescer.later(part, 500);
    coalescer.push('task:update', { task_id: 't2' });
    coalescer.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(batches).toHaveLength(1);
  });
});

describe('echo ledger', () => {
  it('holds back a task the viewer changed until the echo window has passed', () => {
    let now = 1_000;
    const ledger = new EchoLedger(1_500, () => now);
    expect(ledger.waitFor('t1')).toBe(0);
    ledger.noteOwnChange('t1');
    now += 500;
    expect(ledger.waitFor('t1')).toBe(1_000);
    expect(ledger.waitFor('t2')).toBe(0);
    now += 1_000;
    expect(ledger.waitFor('t1')).toBe(0);
  });

  it('starts the window again at each new change', () => {
    let now = 0;
    const ledger = new EchoLedger(1_500, () => now);
    ledger.noteOwnChange('t1');
    now = 1_400;
    ledger.noteOwnChange('t1');
    now = 2_000;
    expect(ledger.waitFor('t1')).toBe(900);
  });
});
