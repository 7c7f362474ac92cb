import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { messageOf } from '@/lib/http';
import type { ScheduleRisk, Timeline } from '@/lib/api-types';
import * as api from './schedule.api';
import type { ScheduleMode } from './schedule-model';

/** A production's Gantt timeline (by sequence or by asset type) and its schedule risks. */
export const useScheduleStore = defineStore('schedule', () => {
  const projectId = ref<string | null>(null);
  const mode = ref<ScheduleMode>('sequence');
  const timeline = shallowRef<Timeline | null>(null);
  const risks = shallowRef<ScheduleRisk[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let token = 0;

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

  function reset() {
    token += 1;
    projectId.value = null;
    timeline.value = null;
    risks.value = [];
    error.value = null;
  }

  return { projectId, mode, timeline, risks, riskIds, loading, error, load, reset };
});
