import { defineStore } from 'pinia';
import { ref, shallowRef, triggerRef } from 'vue';
import type { AllTaskStatuses, CustomTaskStatus, TaskStatusMutationResult } from '@/lib/api-types';
import { messageOf } from '@/lib/http';
import { useProductionsStore } from '@/features/productions/productions.store';
import { useToastsStore } from '@/features/shell/toasts.store';
import { announceStatusesReassigned } from './status-reassignments';
import * as api from './task-statuses.api';
import { describeStatus, moveItem, statusOptions, type StatusOption } from './status-model';
import type { StatusFormValue } from './status-settings';

/** Per-production task statuses (seed 001): the studio route's lists, cached by production. */
export const useTaskStatusesStore = defineStore('task-statuses', () => {
  const byProject = shallowRef(new Map<string, AllTaskStatuses>());
  const loading = ref(false);
  /** Ids of the custom status being saved (reorder: every one). */
  const saving = ref(false);

  function put(projectId: string, statuses: AllTaskStatuses) {
    byProject.value.set(projectId, statuses);
    triggerRef(byProject);
  }

  async function load(projectId: string, force = false): Promise<AllTaskStatuses> {
    const cached = byProject.value.get(projectId);
    if (cached && !force) return cached;
    loading.value = true;
    try {
      const statuses = await api.fetchStatuses(projectId);
      put(projectId, statuses);
      return statuses;
    } finally {
      loading.value = false;
    }
  }

  /** The statuses a production offers, in order (empty until loaded). */
  function optionsFor(projectId: string): StatusOption[] {
    const all = byProject.value.get(projectId);
    if (!all) return [];
    return statusOptions(all, useProductionsStore().taskStatuses);
  }

  function describe(projectId: string, statusId: string): StatusOption {
    return describeStatus(statusId, optionsFor(projectId), useProductionsStore().statusesById);
  }

  /** Applies a mutation's answer; the context is reloaded so that new statuses get their rows (flags, short names). */
  async function settle(projectId: string, result: TaskStatusMutationResult) {
    put(projectId, result.all_statuses);
    await useProductionsStore().load(true);
  }

  async function mutate(projectId: string, work: () => Promise<TaskStatusMutationResult>): Promise<boolean> {
    saving.value = true;
    try {
      await settle(projectId, await work());
      return true;
    } catch (error) {
      useToastsStore().error(messageOf(error));
      return false;
    } finally {
      saving.value = false;
    }
  }

  /** A new status; a short code left empty is derived by the server from the name. */
  const create = (projectId: string, input: StatusFormValue) =>
    mutate(projectId, () => api.createStatus(projectId, {
      name: input.name, color: input.color, is_default: input.isDefault, ...input.flags,
      ...(input.shortName ? { short_name: input.shortName } : {}),
    }));

  const update = (projectId: string, statusId: string, input: Parameters<typeof api.updateStatus>[2]) =>
    mutate(projectId, () => api.updateStatus(projectId, statusId, input));

  /** Deletes a custom status; a status still in use needs `reassignTo` (the API answers 409 otherwise). */
  async function remove(projectId: string, statusId: string, reassignTo?: string): Promise<'deleted' | 'in-use' | 'failed'> {
    saving.value = true;
    try {
      await settle(projectId, await api.deleteStatus(projectId, statusId, reassignTo));
      // Its tasks moved to another status: loaded tables of the production re-read them.
      if (reassignTo) announceStatusesReassigned(projectId);
      return 'deleted';
    } catch (error) {
      if ((error as { status?: number }).status === 409 && !reassignTo) return 'in-use';
      useToastsStore().error(messageOf(error));
      return 'failed';
    } finally {
      saving.value = false;
    }
  }

  /**
   * Drag-and-drop reorder: the new order shows at once, the reorder endpoint confirms it, and the
   * previous order comes back (with one error message) when it refuses.
   */
  async function reorder(projectId: string, from: number, to: number): Promise<boolean> {
    const current = byProject.value.get(projectId);
    if (!current || from === to) return true;
    const previous = current.statuses;
    const reordered: CustomTaskStatus[] = moveItem(previous, from, to).map((status, order) => ({ ...status, order }));
    put(projectId, { ...current, statuses: reordered });
    saving.value = true;
    try {
      const result = await api.reorderStatuses(projectId, reordered.map((status) => status.id));
      put(projectId, result.all_statuses);
      return true;
    } catch (error) {
      put(projectId, { ...current, statuses: previous });
      useToastsStore().error(`The new order was not saved: ${messageOf(error)}`);
      return false;
    } finally {
      saving.value = false;
    }
  }

  function reset() {
    byProject.value = new Map();
  }

  return { byProject, loading, saving, load, optionsFor, describe, create, update, remove, reorder, reset };
});
