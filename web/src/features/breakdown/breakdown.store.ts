import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { messageOf } from '@/lib/http';
import { settleWithLimit } from '@/lib/concurrency';
import { plural } from '@/lib/format';
import type { TaskStatusInfo } from '@/lib/api-types';
import { useProductionsStore, type EntityKind } from '@/features/productions/productions.store';
import { useTaskStatusesStore } from '@/features/task-statuses/task-statuses.store';
import { onStatusesReassigned } from '@/features/task-statuses/status-reassignments';
import { onTaskChanged, syncTask } from '@/features/tasks/task-sync';
import { sendTaskMoves } from '@/features/assignment/task-moves';
import { undoable, untouchedSinceCreated, type UndoEntry } from '@/features/assignment/planning-model';
import { useToastsStore } from '@/features/shell/toasts.store';
import { deleteTask, fetchComments, fetchTasksByIds, postComment } from '@/features/tasks/tasks.api';
import * as api from './breakdown.api';
import { cellKey, cellOfKey, keepPendingCells, toAssetRow, toShotRow, type CellRef, type EntityRow, type TaskCell } from './breakdown-model';

/** Requests in flight at once when many cells change. */
const CONCURRENCY = 6;

const emptyTask = (id: string, taskTypeId: string, statusId: string, assignees: string[] = []): TaskCell => ({
  id, task_type_id: taskTypeId, task_status_id: statusId, assignees, priority: 0, estimation: 0, duration: 0,
  start_date: null, due_date: null, last_comment_date: null, retake_count: 0,
});

const sameValue = (a: unknown, b: unknown) => (Array.isArray(a) && Array.isArray(b) ? a.join() === b.join() : a === b);

interface Change {
  cell: CellRef;
  previous: TaskCell | undefined;
  taskId: string | null;
  /** After a creation: the task as created (status: the production's default). */
  created?: TaskCell;
  error?: string;
}

/**
 * One production's shots (or assets) with their tasks, as the table shows them. Rows are plain objects
 * in a shallow ref (3,000 rows × 15 task types stay cheap); every change replaces the rows it touches.
 * Status changes are optimistic: the cells change at once, then the API creates missing tasks and posts
 * the status comments; what fails goes back to what it was, with one message for the whole change.
 */
function setupEntityTableStore(kind: EntityKind) {
  return () => {
    const projectId = ref<string | null>(null);
    const rows = shallowRef<EntityRow[]>([]);
    const loading = ref(false);
    const error = ref<string | null>(null);
    /** Bumped by each applied change: views watching it re-derive filters and counts. */
    const version = ref(0);
    /** The last bulk change made in this table, until undone or replaced by another. */
    const lastChange = shallowRef<UndoEntry | null>(null);
    let loadToken = 0;

    let pending: { id: string; promise: Promise<void> } | null = null;

    /** Loads a production's rows; concurrent calls for the same production share one request. */
    function load(id: string, options: { force?: boolean } = {}): Promise<void> {
      if (projectId.value === id && rows.value.length && !options.force) return Promise.resolve();
      if (pending?.id === id && !options.force) return pending.promise;
      const token = ++loadToken;
      if (projectId.value !== id) {
        rows.value = [];
        lastChange.value = null;
      }
      projectId.value = id;
      loading.value = true;
      error.value = null;
      const promise = (async () => {
        try {
          const loaded = kind === 'Shot' ? (await api.fetchShotsWithTasks(id)).map(toShotRow) : (await api.fetchAssetsWithTasks(id)).map(toAssetRow);
          if (token !== loadToken) return;
          rows.value = keepPendingCells(loaded, rows.value);
          version.value += 1;
        } catch (caught) {
          if (token === loadToken) error.value = messageOf(caught);
        } finally {
          if (token === loadToken) {
            loading.value = false;
            pending = null;
          }
        }
      })();
      pending = { id, promise };
      return promise;
    }

    /** Replaces tasks of cells in one pass over the rows (undefined removes the cell's task). */
    function patchCells(patches: Map<string, TaskCell | undefined>) {
      if (patches.size === 0) return;
      const byEntity = new Map<string, Array<[string, TaskCell | undefined]>>();
      for (const [key, task] of patches) {
        const [entityId, taskTypeId] = key.split(':') as [string, string];
        const list = byEntity.get(entityId) ?? [];
        list.push([taskTypeId, task]);
        byEntity.set(entityId, list);
      }
      rows.value = rows.value.map((row) => {
        const changes = byEntity.get(row.id);
        if (!changes) return row;
        const tasks = { ...row.tasks };
        for (const [taskTypeId, task] of changes) {
          if (task) tasks[taskTypeId] = task;
          else delete tasks[taskTypeId];
        }
        return { ...row, tasks };
      });
      version.value += 1;
    }

    function taskAt(cell: CellRef): TaskCell | undefined {
      return rows.value.find((row) => row.id === cell.entityId)?.tasks[cell.taskTypeId];
    }

    /** Creates the missing tasks: one call per cell, or the bulk route per task type when several. */
    async function createMissing(changes: Change[]) {
      const productions = useProductionsStore();
      const statuses = useTaskStatusesStore();
      const options = statuses.optionsFor(projectId.value ?? '');
      const statusIdOf = (studioId: string | null) => options.find((option) => option.studioId === studioId)?.id ?? options[0]?.id ?? '';
      const byType = new Map<string, Change[]>();
      for (const change of changes) byType.set(change.cell.taskTypeId, [...(byType.get(change.cell.taskTypeId) ?? []), change]);
      for (const [taskTypeId, group] of byType) {
        const typeName = productions.taskTypesById.get(taskTypeId)?.name ?? taskTypeId;
        const settle = (change: Change, info: Pick<TaskStatusInfo, 'task_id' | 'status'> & { assigned_user_id?: string | null }) => {
          change.taskId = info.task_id;
          change.created = emptyTask(info.task_id, taskTypeId, statusIdOf(info.status), info.assigned_user_id ? [info.assigned_user_id] : []);
        };
        if (group.length === 1) {
          const [change] = group as [Change];
          try {
            settle(change, await api.createEntityTask(kind, change.cell.entityId, typeName));
          } catch (caught) {
            change.error = messageOf(caught);
          }
          continue;
        }
        try {
          const { results } = await api.bulkCreateTasks(kind, group.map((change) => change.cell.entityId), typeName);
          group.forEach((change, index) => {
            const item = results[index];
            if (item?.task_id) settle(change, { task_id: item.task_id, status: item.status ?? '' });
            else change.error = item?.error ?? 'The task could not be created.';
          });
        } catch (caught) {
          for (const change of group) change.error = messageOf(caught);
        }
      }
    }

    /**
     * Sets the status of one or many cells. A cell without a task gets one first (coordinators only:
     * the API refuses others), then the status is set through a comment, as every status change is.
     */
    async function setStatus(cells: CellRef[], statusId: string): Promise<{ failed: number; before: UndoEntry['before']; created: NonNullable<UndoEntry['created']> }> {
      const changes: Change[] = cells
        .map((cell) => ({ cell, previous: taskAt(cell) }))
        .filter((change) => change.previous?.task_status_id !== statusId || change.previous?.pending)
        .map((change) => ({ ...change, taskId: change.previous && !change.previous.pending ? change.previous.id : null }));
      if (changes.length === 0) return { failed: 0, before: [], created: [] };

      // 1. Optimistic: every cell shows the new status at once.
      patchCells(new Map(changes.map((change) => [
        cellKey(change.cell),
        { ...(change.previous ?? emptyTask(`pending:${cellKey(change.cell)}`, change.cell.taskTypeId, statusId)), task_status_id: statusId, pending: true },
      ])));

      // 2. Missing tasks, then one status comment per task.
      await createMissing(changes.filter((change) => !change.taskId));
      const ready = changes.filter((change) => change.taskId && !change.error);
      const outcomes = await settleWithLimit(ready, CONCURRENCY, (change) => postComment(change.taskId as string, statusId, ''));

      // 3. Settle each cell: the confirmed status, or back to what it was (a created task stays, in its first status).
      const settled = new Map<string, TaskCell | undefined>();
      const announced: Array<[string, Partial<TaskCell>]> = [];
      ready.forEach((change, index) => {
        const outcome = outcomes[index];
        if (outcome?.status === 'fulfilled') {
          const base = change.created ?? change.previous ?? emptyTask(change.taskId as string, change.cell.taskTypeId, statusId);
          const task_status_id = outcome.value.task_status_id ?? statusId;
          settled.set(cellKey(change.cell), { ...base, id: change.taskId as string, task_status_id, pending: false, last_comment_date: outcome.value.created_at });
          announced.push([change.taskId as string, { task_status_id, last_comment_date: outcome.value.created_at }]);
        } else {
          change.error = messageOf(outcome?.reason);
        }
      });
      const failures = changes.filter((change) => change.error);
      for (const change of failures) settled.set(cellKey(change.cell), change.created ?? change.previous);
      patchCells(settled);
      // The task panel and My tasks show the new statuses too (and the live updates know they are this tab's).
      for (const [taskId, patch] of announced) syncTask(taskId, patch);

      if (failures.length) {
        const first = failures[0]?.error ?? '';
        useToastsStore().error(
          changes.length === 1 ? `The status was not changed: ${first}` : `${plural(failures.length, 'change')} of ${changes.length} failed: ${first}`,
        );
      }
      const before = changes.flatMap((change) => (!change.error && change.previous && !change.previous.pending ? [{ cellKey: cellKey(change.cell), task: change.previous }] : []));
      const created = changes.flatMap((change) => {
        const task = !change.error && change.created ? settled.get(cellKey(change.cell)) : undefined;
        return task ? [{ cellKey: cellKey(change.cell), task }] : [];
      });
      return { failed: failures.length, before, created };
    }

    /**
     * Changes who works on tasks and when (assignees, dates, estimate, priority): the cells show the
     * targets at once, the API is asked, and each task settles on what it confirmed; what it refused
     * goes back, with one message for the whole change. Cells without a task are left out.
     */
    async function planTasks(
      cells: CellRef[],
      target: (task: TaskCell, cell: CellRef) => TaskCell,
      failure: string,
    ): Promise<{ failed: number; before: UndoEntry['before'] }> {
      const moves = cells.flatMap((cell) => {
        const from = taskAt(cell);
        if (!from || from.pending) return [];
        const to = target(from, cell);
        return undoable(from, to) ? [{ cell, from, to }] : [];
      });
      if (moves.length === 0) return { failed: 0, before: [] };
      patchCells(new Map(moves.map((move) => [cellKey(move.cell), { ...move.to, pending: true }])));
      const outcomes = await sendTaskMoves(moves);
      patchCells(new Map(moves.map((move, index) => [cellKey(move.cell), { ...(outcomes[index]?.settled ?? move.from), pending: false }])));

      const before: UndoEntry['before'] = [];
      moves.forEach((move, index) => {
        const settled = outcomes[index]?.settled;
        if (!settled || !undoable(move.from, settled)) return;
        before.push({ cellKey: cellKey(move.cell), task: move.from });
        const { assignees, start_date, due_date, estimation, priority, difficulty } = settled;
        syncTask(settled.id, { assignees, start_date, due_date, estimation, priority, ...(difficulty === undefined ? {} : { difficulty }) });
      });
      const failures = outcomes.filter((outcome) => outcome.error);
      if (failures.length) {
        const first = failures[0]?.error ?? '';
        useToastsStore().error(moves.length === 1 ? `${failure}: ${first}` : `${plural(failures.length, 'task')} of ${moves.length} not changed: ${first}`);
      }
      return { failed: failures.length, before };
    }

    /**
     * Reads the difficulty of the cells' tasks, which the table does not carry, so that a bulk
     * difficulty change knows what it changes (and Undo what to put back). 150 ids a request.
     */
    async function readDifficulties(cells: CellRef[]): Promise<void> {
      const tasks = cells.flatMap((cell) => {
        const task = taskAt(cell);
        return task && !task.pending ? [{ key: cellKey(cell), task }] : [];
      });
      for (let index = 0; index < tasks.length; index += 150) {
        const chunk = tasks.slice(index, index + 150);
        const read = new Map((await fetchTasksByIds(chunk.map((item) => item.task.id))).map((row) => [row.id, row.difficulty]));
        patchCells(new Map(chunk.flatMap((item) => {
          const difficulty = read.get(item.task.id);
          const now = taskAt(cellOfKey(item.key));
          return difficulty === undefined || !now || now.id !== item.task.id ? [] : [[item.key, { ...now, difficulty }] as const];
        })));
      }
    }

    /** Keeps a bulk change for Undo (nothing to undo when nothing changed). */
    function remember(label: string, before: UndoEntry['before'], created: UndoEntry['created'] = []) {
      lastChange.value = before.length || created.length ? { label, before, created } : null;
    }

    /**
     * Undo of tasks a change created on empty cells: each one still as the change left it, with no
     * comment but the change's own, is deleted; one someone has worked on since stays.
     */
    async function removeCreated(created: NonNullable<UndoEntry['created']>, cellOf: (key: string) => CellRef): Promise<number> {
      const untouched = created.filter((item) => untouchedSinceCreated(item.task, taskAt(cellOf(item.cellKey))));
      const outcomes = await settleWithLimit(untouched, CONCURRENCY, async (item) => {
        if ((await fetchComments(item.task.id)).length > 1) return false;
        await deleteTask(item.task.id);
        return true;
      });
      patchCells(new Map(untouched.flatMap((item, index) => {
        const outcome = outcomes[index];
        return outcome?.status === 'fulfilled' && outcome.value ? [[item.cellKey, undefined] as const] : [];
      })));
      return outcomes.filter((outcome) => outcome.status === 'rejected').length;
    }

    /**
     * Undoes the last bulk change: tasks it created go (while untouched), statuses go back through
     * status comments (as every status change), assignees and planning through the same calls as the
     * change. Tasks changed since by someone else are left alone only where they no longer match the
     * task (another id, pending).
     */
    async function undo(): Promise<{ failed: number }> {
      const entry = lastChange.value;
      if (!entry) return { failed: 0 };
      lastChange.value = null;
      const beforeByKey = new Map(entry.before.map((item) => [item.cellKey, item.task]));
      const cellOf = cellOfKey;
      const live = entry.before.filter((item) => undoable(item.task, taskAt(cellOf(item.cellKey))));
      let failed = await removeCreated(entry.created ?? [], cellOf);
      const byStatus = new Map<string, CellRef[]>();
      for (const item of live) {
        if (taskAt(cellOf(item.cellKey))?.task_status_id !== item.task.task_status_id) {
          byStatus.set(item.task.task_status_id, [...(byStatus.get(item.task.task_status_id) ?? []), cellOf(item.cellKey)]);
        }
      }
      for (const [statusId, cells] of byStatus) failed += (await setStatus(cells, statusId)).failed;
      const restored = await planTasks(
        live.map((item) => cellOf(item.cellKey)),
        (task, cell) => {
          const previous = beforeByKey.get(cellKey(cell)) ?? task;
          const { assignees, start_date, due_date, estimation, priority, difficulty } = previous;
          return { ...task, assignees, start_date, due_date, estimation, priority, ...(difficulty === undefined ? {} : { difficulty }) };
        },
        'The change was not undone',
      );
      failed += restored.failed;
      if (failed === 0) useToastsStore().success(`Undone: ${entry.label}`);
      return { failed };
    }

    /** A task changed elsewhere (task panel, My tasks): reflect it if this table shows it. */
    function applyTask(taskId: string, patch: Partial<TaskCell>) {
      for (const row of rows.value) {
        for (const [taskTypeId, task] of Object.entries(row.tasks)) {
          if (task.id === taskId) {
            // A change in flight here settles on what the API answers it; meanwhile the cell keeps it.
            if (task.pending) return;
            // The change this table announced itself comes back here: nothing to redo.
            if (Object.entries(patch).every(([key, value]) => sameValue(task[key as keyof TaskCell], value))) return;
            patchCells(new Map([[cellKey({ entityId: row.id, taskTypeId }), { ...task, ...patch }]]));
            return;
          }
        }
      }
    }

    /** Changes one row's own fields (rename, frames…) at once; returns the row as it was, for a rollback. */
    function patchRow(entityId: string, patch: Partial<Omit<EntityRow, 'id' | 'tasks'>>): EntityRow | undefined {
      const before = rows.value.find((row) => row.id === entityId);
      if (!before) return undefined;
      rows.value = rows.value.map((row) => (row.id === entityId ? { ...row, ...patch } : row));
      version.value += 1;
      return before;
    }

    /** Takes a row out of the table (optimistic delete); `restoreRow` puts it back if the API refuses. */
    function removeRow(entityId: string): EntityRow | undefined {
      const removed = rows.value.find((row) => row.id === entityId);
      if (!removed) return undefined;
      rows.value = rows.value.filter((row) => row.id !== entityId);
      version.value += 1;
      return removed;
    }

    function restoreRow(row: EntityRow) {
      rows.value = [...rows.value.filter((candidate) => candidate.id !== row.id), row];
      version.value += 1;
    }

    /** Forgets the loaded production (logout). */
    function reset() {
      loadToken += 1;
      pending = null;
      projectId.value = null;
      rows.value = [];
      error.value = null;
      loading.value = false;
      lastChange.value = null;
    }

    onTaskChanged(applyTask);
    onStatusesReassigned((changedProject) => {
      if (projectId.value === changedProject) void load(changedProject, { force: true });
    });

    return {
      kind, projectId, rows, loading, error, version, lastChange, load, setStatus, planTasks, readDifficulties, remember, undo, applyTask, taskAt, reset, patchRow, removeRow, restoreRow,
    };
  };
}

export const useShotsStore = defineStore('shots', setupEntityTableStore('Shot'));
export const useAssetsStore = defineStore('assets', setupEntityTableStore('Asset'));

export const entityTableStore = (kind: EntityKind) => (kind === 'Shot' ? useShotsStore() : useAssetsStore());
