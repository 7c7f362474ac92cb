import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { messageOf } from '@/lib/http';
import { localDay } from '@/lib/format';
import type { TodoRow } from '@/lib/api-types';
import { useAuthStore } from '@/features/auth/auth.store';
import { useToastsStore } from '@/features/shell/toasts.store';
import type { TaskCell } from '@/features/breakdown/breakdown-model';
import { onTaskChanged, syncTask } from '@/features/tasks/task-sync';
import * as api from './my-tasks.api';

/** The artist's todo list, quick status changes and the time logged on a day. */
export const useMyTasksStore = defineStore('my-tasks', () => {
  const tasks = shallowRef<TodoRow[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const day = ref(localDay());
  /** Minutes the caller logged on each task on `day`. */
  const dayMinutes = shallowRef(new Map<string, number>());
  const logging = ref<string | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const [list] = await Promise.all([api.fetchMyTasks(), loadDay(day.value)]);
      tasks.value = list;
      loaded.value = true;
    } catch (caught) {
      error.value = messageOf(caught);
    } finally {
      loading.value = false;
    }
  }

  async function loadDay(value: string): Promise<void> {
    day.value = value;
    const rows = await api.fetchMyTimeSpents(value);
    if (day.value !== value) return;
    dayMinutes.value = new Map(rows.map((row) => [row.task_id, row.duration]));
  }

  function patch(taskId: string, change: Partial<TodoRow>) {
    tasks.value = tasks.value.map((task) => (task.id === taskId ? { ...task, ...change } : task));
  }

  /** Optimistic status change through a comment; rolled back with a message when refused. */
  async function setStatus(taskId: string, statusId: string): Promise<void> {
    const task = tasks.value.find((row) => row.id === taskId);
    if (!task || task.task_status_id === statusId) return;
    const previous = task.task_status_id;
    patch(taskId, { task_status_id: statusId });
    try {
      const comment = await api.postComment(taskId, statusId, '');
      patch(taskId, { task_status_id: comment.task_status_id ?? statusId });
      syncTask(taskId, { task_status_id: comment.task_status_id ?? statusId, last_comment_date: comment.created_at });
    } catch (caught) {
      patch(taskId, { task_status_id: previous });
      useToastsStore().error(`The status was not changed: ${messageOf(caught)}`);
    }
  }

  /** Adds time on a task for the selected day (minutes). */
  async function logTime(taskId: string, minutes: number): Promise<boolean> {
    const personId = useAuthStore().user?.id;
    if (!personId || minutes <= 0) return false;
    logging.value = taskId;
    try {
      const row = await api.addTimeSpent(taskId, day.value, personId, minutes);
      const next = new Map(dayMinutes.value);
      next.set(taskId, row.duration);
      dayMinutes.value = next;
      const task = tasks.value.find((candidate) => candidate.id === taskId);
      if (task) patch(taskId, { task_duration: task.task_duration + minutes });
      useToastsStore().success(`Logged ${minutes / 60}h on ${task?.entity_name ?? 'the task'}.`);
      return true;
    } catch (caught) {
      useToastsStore().error(`The time was not logged: ${messageOf(caught)}`);
      return false;
    } finally {
      logging.value = null;
    }
  }

  /** Another page changed one of these tasks. */
  function applyTask(taskId: string, change: Partial<TaskCell>) {
    if (!tasks.value.some((task) => task.id === taskId)) return;
    // Unassigned from the task (in the task panel, say): it is no longer on the list.
    const me = useAuthStore().user?.id;
    if (change.assignees && me && !change.assignees.includes(me)) {
      tasks.value = tasks.value.filter((task) => task.id !== taskId);
      return;
    }
    const next: Partial<TodoRow> = {};
    if (change.task_status_id) next.task_status_id = change.task_status_id;
    if (change.start_date !== undefined) next.task_start_date = change.start_date;
    if (change.due_date !== undefined) next.task_due_date = change.due_date;
    if (change.estimation !== undefined) next.task_estimation = change.estimation;
    if (Object.keys(next).length) patch(taskId, next);
  }

  function reset() {
    tasks.value = [];
    loaded.value = false;
    dayMinutes.value = new Map();
    day.value = localDay();
  }

  onTaskChanged(applyTask);

  return { tasks, loaded, loading, error, day, dayMinutes, logging, load, loadDay, setStatus, logTime, applyTask, reset };
});
