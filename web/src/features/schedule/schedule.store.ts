import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { ApiError, messageOf } from '@/lib/http';
import type { ScheduleRisk, Timeline, TimelineTask } from '@/lib/api-types';
import * as api from './schedule.api';
import type { ScheduleMode } from './schedule-model';
import { rescheduleRefusal } from './schedule-permissions';

type TaskDates = Pick<TimelineTask, 'start_date' | 'due_date'>;

/** A production's Gantt timeline (by sequence or by asset type) and its schedule risks. */
export const useScheduleStore = defineStore('schedule', () => {
  const projectId = ref<string | null>(null);
  const mode = ref<ScheduleMode>('sequence');
  const timeline = shallowRef<Timeline | null>(null);
  const risks = shallowRef<ScheduleRisk[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** The last refused date change, in words; shown until dismissed or the next change. */
  const rescheduleError = ref<string | null>(null);
  let token = 0;
  /** Per task with a change in flight: the dates the server last confirmed, and the latest change's number. */
  const saved = new Map<string, TaskDates>();
  const latest = new Map<string, number>();
  let changes = 0;

  const riskIds = computed(() => new Set(risks.value.map((risk) => risk.task_id)));

  async function load(id: string, nextMode: ScheduleMode = mode.value): Promise<void> {
    const current = ++token;
    if (projectId.value !== id) {
      timeline.value = null;
      risks.value = [];
    }
    projectId.value = id;
    mode.value = nextMode;
    loading.value = true;
    error.value = null;
    try {
      const [loadedTimeline, loadedRisks] = await Promise.all([api.fetchTimeline(id, nextMode), api.fetchScheduleRisks(id)]);
      if (current !== token) return;
      timeline.value = loadedTimeline;
      risks.value = loadedRisks;
    } catch (caught) {
      if (current === token) error.value = messageOf(caught);
    } finally {
      if (current === token) loading.value = false;
    }
  }

  function patchTask(taskId: string, dates: TaskDates) {
    const current = timeline.value;
    if (!current) return;
    timeline.value = { ...current, tasks: current.tasks.map((task) => (task.task_id === taskId ? { ...task, ...dates } : task)) };
  }

  /**
   * Moves a task's planned dates: shown at once, saved through the API, put back (with a message) when
   * the API refuses. Changes to one task overlap safely: only the latest one's answer is shown.
   */
  async function reschedule(taskId: string, dates: { start_date: string; due_date: string }): Promise<boolean> {
    const task = timeline.value?.tasks.find((candidate) => candidate.task_id === taskId);
    if (!task) return false;
    const project = projectId.value;
    if (!saved.has(taskId)) saved.set(taskId, { start_date: task.start_date, due_date: task.due_date });
    const change = ++changes;
    latest.set(taskId, change);
    rescheduleError.value = null;
    patchTask(taskId, dates);
    try {
      const answer = await api.updateTaskDates(taskId, dates);
      const confirmed = { start_date: answer.start_date ?? null, due_date: answer.due_date ?? null };
      if (latest.get(taskId) !== change) {
        saved.set(taskId, confirmed);
        return true;
      }
      saved.delete(taskId);
      if (projectId.value === project) {
        patchTask(taskId, confirmed);
        // New dates can make a task late, or no longer.
        api.fetchScheduleRisks(project!).then((loaded) => {
          if (projectId.value === project) risks.value = loaded;
        }, () => undefined);
      }
      return true;
    } catch (caught) {
      if (latest.get(taskId) === change) {
        const before = saved.get(taskId);
        saved.delete(taskId);
        if (before && projectId.value === project) patchTask(taskId, before);
        const reason = rescheduleRefusal(caught instanceof ApiError ? caught.status : -1, messageOf(caught));
        rescheduleError.value = `The dates of ${task.entity_name} ${task.task_type_name} were not changed. ${reason}`;
      }
      return false;
    }
  }

  function reset() {
    token += 1;
    projectId.value = null;
    timeline.value = null;
    risks.value = [];
    error.value = null;
    rescheduleError.value = null;
    saved.clear();
    latest.clear();
  }

  return { projectId, mode, timeline, risks, riskIds, loading, error, rescheduleError, load, reschedule, reset };
});
