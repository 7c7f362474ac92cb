import { settleWithLimit } from '@/lib/concurrency';
import { useAuthStore } from '@/features/auth/auth.store';
import { useAssetsStore, useShotsStore } from '@/features/breakdown/breakdown.store';
import type { EntityRow, TaskCell } from '@/features/breakdown/breakdown-model';
import { useMyTasksStore } from '@/features/my-tasks/my-tasks.store';
import { useProductionsStore } from '@/features/productions/productions.store';
import { useTaskPanelStore } from '@/features/tasks/task-panel.store';
import { syncTask } from '@/features/tasks/task-sync';
import type { EchoLedger } from './echo-ledger';
import { emptyBatch, type LiveBatch } from './live-batch';
import { fetchTask, type LiveTask } from './live.api';
import { useLiveStore } from './live.store';

/** Task reads in flight at once. */
const READS_IN_FLIGHT = 6;
/** A batch with more tasks than this is a bulk change: whole tables load again (one revalidated request each). */
export const MAX_TASK_READS = 40;

let applyingRemote = false;

/** True while a change read from the server is being announced (it is not the viewer's own). */
export const isApplyingRemoteChange = () => applyingRemote;

const toCell = (task: LiveTask): TaskCell => ({
  id: task.id, task_type_id: task.task_type_id, task_status_id: task.task_status_id, assignees: [...task.assignees].sort(),
  priority: task.priority, estimation: task.estimation, duration: task.duration, start_date: task.start_date,
  due_date: task.due_date, last_comment_date: task.last_comment_date, retake_count: task.retake_count,
});

/** Every page holding the task shows it as read; each ignores what it already shows (the echo of its own change). */
function announceRemote(task: LiveTask): void {
  applyingRemote = true;
  try {
    syncTask(task.id, toCell(task));
  } finally {
    applyingRemote = false;
  }
}

export interface ApplyContext {
  ledger: EchoLedger;
  /** Gives back part of a batch, to be applied after a delay. */
  later(part: LiveBatch, delayMs: number): void;
}

/** Takes out the tasks the viewer changed a moment ago: they come back once their echo window is over. */
function deferOwnEchoes(batch: LiveBatch, context: ApplyContext): void {
  const part = emptyBatch();
  let wait = 0;
  for (const [taskId, projectId] of batch.tasks) {
    const left = context.ledger.waitFor(taskId);
    if (left === 0) continue;
    part.tasks.set(taskId, projectId);
    batch.tasks.delete(taskId);
    wait = Math.max(wait, left);
  }
  if (part.tasks.size) context.later(part, wait);
}

const tables = () => [useShotsStore(), useAssetsStore()];
const showsTask = (table: { rows: readonly EntityRow[] }, taskId: string) => table.rows.some((row) => Object.values(row.tasks).some((task) => task.id === taskId));

/** Loads again the tables whose production changed shape or in bulk; returns their productions. */
function reloadTables(batch: LiveBatch, bulk: boolean): Set<string> {
  const touched = new Set([...batch.tasks.values()].filter((projectId): projectId is string => projectId !== null));
  const reloaded = new Set<string>();
  for (const table of tables()) {
    const projectId = table.projectId;
    if (!projectId || !(batch.breakdownProjects.has(projectId) || (bulk && touched.has(projectId)))) continue;
    void table.load(projectId, { force: true });
    reloaded.add(projectId);
  }
  return reloaded;
}

/** Reads each task once and announces it; a task a table should show but lacks loads that table again. */
async function readTasks(taskIds: string[], reloaded: Set<string>): Promise<LiveTask[]> {
  const outcomes = await settleWithLimit(taskIds, READS_IN_FLIGHT, fetchTask);
  const read = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  for (const task of read) {
    announceRemote(task);
    for (const table of tables()) {
      const projectId = table.projectId;
      if (projectId !== task.project_id || reloaded.has(projectId) || showsTask(table, task.id)) continue;
      if (!table.rows.some((row) => row.id === task.entity_id)) continue;
      void table.load(projectId, { force: true });
      reloaded.add(projectId);
    }
  }
  return read;
}

function refreshMyTasks(batch: LiveBatch, read: LiveTask[], bulk: boolean): void {
  const myTasks = useMyTasksStore();
  const me = useAuthStore().user?.id;
  if (!myTasks.loaded || !me) return;
  const listed = new Set(myTasks.tasks.map((task) => task.id));
  const newlyMine = read.some((task) => task.assignees.includes(me) && !listed.has(task.id));
  const bulkOnMine = bulk && [...batch.tasks.keys()].some((taskId) => listed.has(taskId));
  if (batch.myAssignmentsChanged || newlyMine || bulkOnMine) void myTasks.load();
}

/** What the panel shows of a task beyond the fields the pages share (retakes, time spent…). */
type PanelFacts = Pick<LiveTask, 'task_status_id' | 'retake_count' | 'duration' | 'last_comment_date'> | null;

const factsChanged = (before: PanelFacts, read: LiveTask | undefined) =>
  !!before && !!read && (['task_status_id', 'retake_count', 'duration', 'last_comment_date'] as const).some((field) => before[field] !== read[field]);

/**
 * The open task panel reads the task and its thread again for a comment it does not show yet (or one
 * it shows that was edited or deleted), or when the task changed in a way the panel shows (`before`:
 * the panel's task before this batch). Its own comment, already in the thread (or about to be: it is
 * posting), is not read twice.
 */
async function refreshTaskPanel(batch: LiveBatch, read: LiveTask[], before: PanelFacts, bulk: boolean): Promise<void> {
  const panel = useTaskPanelStore();
  const open = panel.taskId;
  if (!open || panel.posting) return;
  const shown = new Set(panel.comments.map((comment) => comment.id));
  const newComment = [...batch.comments].some(([id, comment]) => (comment.taskId === open && !shown.has(id)) || (comment.edited && shown.has(id)));
  const taskChanged = bulk ? batch.tasks.has(open) : factsChanged(before, read.find((task) => task.id === open));
  if (!newComment && !taskChanged) return;
  try {
    await panel.reload();
  } catch {
    // The panel keeps what it shows; the next event or a reopen reads it again.
  }
}

/** Shows a batch of live events in every loaded page: tables, My tasks, the task panel and the badge. */
export async function applyBatch(batch: LiveBatch, context: ApplyContext): Promise<void> {
  if (batch.notifications) useLiveStore().notificationsArrived(batch.notifications);
  deferOwnEchoes(batch, context);
  const bulk = batch.tasks.size > MAX_TASK_READS;
  const panelTask = useTaskPanelStore().task;
  const before: PanelFacts = panelTask && { ...panelTask };
  const reloaded = reloadTables(batch, bulk);
  const read = bulk ? [] : await readTasks([...batch.tasks.keys()], reloaded);
  refreshMyTasks(batch, read, bulk);
  await refreshTaskPanel(batch, read, before, bulk);
}

/** Reads every loaded page again: after a reconnection the server could not replay (no event seen before). */
export async function refreshEverything(): Promise<void> {
  for (const table of tables()) if (table.projectId) void table.load(table.projectId, { force: true });
  const myTasks = useMyTasksStore();
  if (myTasks.loaded) void myTasks.load();
  const panel = useTaskPanelStore();
  await Promise.allSettled([panel.taskId ? panel.reload() : Promise.resolve(), useProductionsStore().load(true)]);
}
