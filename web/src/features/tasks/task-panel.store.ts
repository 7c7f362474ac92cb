import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { messageOf } from '@/lib/http';
import type { EntityTaskRow, FullTask, TaskComment } from '@/lib/api-types';
import { useToastsStore } from '@/features/shell/toasts.store';
import type { TaskCell } from '@/features/breakdown/breakdown-model';
import { sendTaskMoves } from '@/features/assignment/task-moves';
import { updateTaskPlan } from '@/features/assignment/assignment.api';
import { planned, toggledAssignee, type PlanFields } from '@/features/assignment/planning-model';
import * as api from './tasks.api';
import { onTaskChanged, syncTask } from './task-sync';

type EntityCollection = 'shots' | 'assets' | 'sequences' | 'episodes';

/** The route listing an entity's tasks, from the entity's type name ("Shot", "Sequence"... or an asset type). */
export function collectionOf(entityTypeName: string | undefined): EntityCollection {
  switch (entityTypeName) {
    case 'Shot':
      return 'shots';
    case 'Sequence':
      return 'sequences';
    case 'Episode':
      return 'episodes';
    default:
      return 'assets';
  }
}

/** The fields a table cell and the panel share (what the other pages are told when the panel changes them). */
const SHARED_FIELDS = ['task_status_id', 'assignees', 'start_date', 'due_date', 'estimation', 'priority', 'last_comment_date'] as const;

const cellOf = (task: FullTask): TaskCell => ({
  id: task.id, task_type_id: task.task_type_id, task_status_id: task.task_status_id, assignees: task.assignees, priority: task.priority,
  estimation: task.estimation, duration: task.duration, start_date: task.start_date, due_date: task.due_date,
  last_comment_date: task.last_comment_date, retake_count: task.retake_count,
});

/** The task shown in the side panel: the task, its comment thread, posting and moving comments. */
export const useTaskPanelStore = defineStore('task-panel', () => {
  const taskId = ref<string | null>(null);
  const task = shallowRef<FullTask | null>(null);
  const comments = shallowRef<TaskComment[]>([]);
  const siblings = shallowRef<EntityTaskRow[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const posting = ref(false);
  const moving = ref<string | null>(null);
  let token = 0;

  /** "SQ010 / SH0020" for a shot, the asset's name otherwise. */
  const entityName = computed(() => {
    const name = String((task.value?.entity as { name?: string } | undefined)?.name ?? '');
    const sequence = (task.value?.sequence as { name?: string } | undefined)?.name;
    return sequence ? `${sequence} / ${name}` : name;
  });
  const entityTypeName = computed(() => (task.value?.entity_type as { name?: string } | undefined)?.name);

  async function refresh(id: string) {
    const current = ++token;
    const [full, thread] = await Promise.all([api.fetchFullTask(id), api.fetchComments(id)]);
    if (current !== token) return;
    task.value = full;
    comments.value = thread;
  }

  async function open(id: string): Promise<void> {
    taskId.value = id;
    task.value = null;
    comments.value = [];
    siblings.value = [];
    loading.value = true;
    error.value = null;
    try {
      await refresh(id);
    } catch (caught) {
      error.value = messageOf(caught);
    } finally {
      loading.value = false;
    }
  }

  /** Posts a comment with a status: the task's status, the thread and the other pages follow. */
  async function post(statusId: string, text: string): Promise<boolean> {
    const id = taskId.value;
    if (!id) return false;
    posting.value = true;
    try {
      const created = await api.postComment(id, statusId, text);
      syncTask(id, { task_status_id: created.task_status_id ?? statusId, last_comment_date: created.created_at });
      await refresh(id);
      return true;
    } catch (caught) {
      useToastsStore().error(`The comment was not posted: ${messageOf(caught)}`);
      return false;
    } finally {
      posting.value = false;
    }
  }

  /** Reads the open task and its thread again (after a change made elsewhere, a preview published say). */
  async function reload(): Promise<void> {
    if (taskId.value) await refresh(taskId.value);
  }

  /** The other tasks of the same entity: where a comment can be moved. */
  async function loadSiblings(): Promise<void> {
    const current = task.value;
    if (!current || siblings.value.length) return;
    try {
      const rows = await api.fetchEntityTasks(collectionOf(entityTypeName.value), current.entity_id);
      siblings.value = rows.filter((row) => row.id !== current.id);
    } catch (caught) {
      useToastsStore().error(messageOf(caught));
    }
  }

  async function move(commentId: string, targetTaskId: string): Promise<boolean> {
    const id = taskId.value;
    if (!id) return false;
    moving.value = commentId;
    try {
      await api.moveComment(id, commentId, targetTaskId);
      await refresh(id);
      // Moving a status comment can change both tasks' statuses.
      if (task.value) syncTask(id, { task_status_id: task.value.task_status_id });
      const target = await api.fetchFullTask(targetTaskId);
      syncTask(targetTaskId, { task_status_id: target.task_status_id, last_comment_date: target.last_comment_date });
      const name = siblings.value.find((row) => row.id === targetTaskId)?.task_type_name ?? 'the other task';
      useToastsStore().success(`Comment moved to ${name}.`);
      return true;
    } catch (caught) {
      useToastsStore().error(`The comment was not moved: ${messageOf(caught)}`);
      return false;
    } finally {
      moving.value = null;
    }
  }

  /**
   * Changes the task's assignees or planning: shown at once, then sent; each field settles on what the
   * API confirmed (back to what it was when refused, with one message). Only the fields of this change
   * are settled, so a second change made while the first is on its way is not overwritten.
   */
  async function change(next: Partial<FullTask>, failure: string): Promise<boolean> {
    const current = task.value;
    if (!current) return false;
    const target = { ...current, ...next };
    task.value = target;
    const [outcome] = await sendTaskMoves([{ from: cellOf(current), to: cellOf(target) }]);
    const settled: Partial<FullTask> = {};
    for (const field of SHARED_FIELDS) if (field in next && outcome) Object.assign(settled, { [field]: outcome.settled[field] });
    let error = outcome?.error ?? null;
    if (next.difficulty !== undefined && next.difficulty !== current.difficulty) {
      try {
        settled.difficulty = (await updateTaskPlan(current.id, { difficulty: next.difficulty })).difficulty;
      } catch (caught) {
        settled.difficulty = current.difficulty;
        error ??= messageOf(caught);
      }
    }
    if (task.value?.id === current.id) task.value = { ...task.value, ...settled };
    const shared = { ...settled } as Partial<TaskCell> & { difficulty?: number };
    delete shared.difficulty;
    if (Object.keys(shared).length) syncTask(current.id, shared);
    if (error) useToastsStore().error(`${failure}: ${error}`);
    return error === null;
  }

  /** Assigns the person when not assigned, unassigns them otherwise. */
  function toggleAssignee(personId: string): Promise<boolean> {
    const current = task.value;
    if (!current) return Promise.resolve(false);
    const assigned = current.assignees.includes(personId);
    return change({ assignees: toggledAssignee(current.assignees, personId) }, assigned ? 'The person was not unassigned' : 'The person was not assigned');
  }

  /** Changes dates, estimate (minutes), priority or difficulty. */
  function plan(fields: PlanFields): Promise<boolean> {
    const current = task.value;
    if (!current) return Promise.resolve(false);
    const { start_date, due_date, estimation, priority } = planned(cellOf(current), fields);
    const next: Partial<FullTask> = {};
    if (fields.start_date !== undefined) next.start_date = start_date;
    if (fields.due_date !== undefined) next.due_date = due_date;
    if (fields.estimation !== undefined) next.estimation = estimation;
    if (fields.priority !== undefined) next.priority = priority;
    if (fields.difficulty !== undefined) next.difficulty = fields.difficulty;
    const what = fields.start_date !== undefined || fields.due_date !== undefined ? 'The date was not changed' : fields.estimation !== undefined ? 'The estimate was not changed' : 'The task was not changed';
    return change(next, what);
  }

  /** A change made in a table or in My tasks to the open task shows here too. */
  onTaskChanged((changedId, patch) => {
    const current = task.value;
    if (!current || current.id !== changedId) return;
    const known: Partial<FullTask> = {};
    for (const field of SHARED_FIELDS) if (patch[field] !== undefined) Object.assign(known, { [field]: patch[field] });
    task.value = { ...current, ...known };
  });

  function close() {
    token += 1;
    taskId.value = null;
    task.value = null;
    comments.value = [];
  }

  return {
    taskId, task, comments, siblings, loading, error, posting, moving, entityName, entityTypeName,
    open, post, reload, loadSiblings, move, toggleAssignee, plan, close,
  };
});
