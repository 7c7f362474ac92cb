import { describe, expect, it } from 'vitest';
import type { TodoRow } from '@/lib/api-types';
import { useMyTasksStore } from '@/features/my-tasks/my-tasks.store';
import { onStatusesReassigned, announceStatusesReassigned } from '@/features/task-statuses/status-reassignments';
import { onTaskChanged, syncTask } from '@/features/tasks/task-sync';
import { setupStores } from './setup-stores';

describe('task changes shared between pages', () => {
  it('reaches every subscriber until it unsubscribes', () => {
    const seen: string[] = [];
    const stop = onTaskChanged((taskId, patch) => seen.push(`${taskId}:${patch.task_status_id}`));
    syncTask('t1', { task_status_id: 'wip' });
    stop();
    syncTask('t1', { task_status_id: 'done' });
    expect(seen).toEqual(['t1:wip']);
  });

  it('updates My tasks when another page changes one of its tasks, and ignores other tasks', () => {
    setupStores('user');
    const store = useMyTasksStore();
    store.tasks = [{ id: 't1', task_status_id: 'todo' }, { id: 't2', task_status_id: 'todo' }] as unknown as TodoRow[];
    syncTask('t1', { task_status_id: 'wip' });
    syncTask('elsewhere', { task_status_id: 'done' });
    expect(store.tasks.map((task) => task.task_status_id)).toEqual(['wip', 'todo']);
  });

  it('announces a status reassignment with its production', () => {
    const projects: string[] = [];
    const stop = onStatusesReassigned((projectId) => projects.push(projectId));
    announceStatusesReassigned('p1');
    stop();
    expect(projects).toEqual(['p1']);
  });
});
