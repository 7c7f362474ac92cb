/**
 * What a burst of live events asks the web app to read again. Events only name what changed
 * (`task_id`, `comment_id`…), so the app refetches; a batch gathers a burst (a bulk status change
 * emits three events per task) so that each task is read once.
 */
export interface LiveBatch {
  /** Tasks to read again (their cell, My tasks row and task panel follow), with their production. */
  tasks: Map<string, string | null>;
  /** Comments by id: their task when the event names it; `edited` for a change or a deletion (not a new comment). */
  comments: Map<string, { taskId: string | null; edited: boolean }>;
  /** Productions whose shots, assets or tasks were created or deleted: their tables load again. */
  breakdownProjects: Set<string>;
  /** `notification:new` events addressed to the viewer. */
  notifications: number;
  /** The viewer was assigned to or unassigned from a task: My tasks loads again. */
  myAssignmentsChanged: boolean;
}

export const emptyBatch = (): LiveBatch => ({
  tasks: new Map(), comments: new Map(), breakdownProjects: new Set(), notifications: 0, myAssignmentsChanged: false,
});

export const isEmptyBatch = (batch: LiveBatch) =>
  batch.tasks.size === 0 && batch.comments.size === 0 && batch.breakdownProjects.size === 0 && batch.notifications === 0 && !batch.myAssignmentsChanged;

const TASK_EVENTS = new Set(['task:update', 'task:status-changed', 'task:to-review', 'task:assign', 'task:unassign']);
const COMMENT_EVENTS = new Set(['comment:new', 'comment:update', 'comment:delete', 'comment:reply', 'comment:delete-reply']);
/** Entities appearing or going away: a row or a cell to add or remove, which a task refetch cannot do. */
const BREAKDOWN_EVENTS = /^(shot|asset|sequence|episode):(new|update|delete)$|^task:(new|delete)$/;

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function mergeComment(batch: LiveBatch, commentId: string, comment: { taskId: string | null; edited: boolean }) {
  const known = batch.comments.get(commentId);
  batch.comments.set(commentId, { taskId: comment.taskId ?? known?.taskId ?? null, edited: comment.edited || (known?.edited ?? false) });
}

/** Adds one event to a batch; `me` is the viewer's person id. Unknown events are ignored. */
export function addEvent(batch: LiveBatch, name: string, payload: Record<string, unknown>, me: string | null): void {
  const projectId = text(payload.project_id);
  const taskId = text(payload.task_id);
  if (name === 'notification:new') {
    if (me && payload.person_id === me) batch.notifications += 1;
    return;
  }
  if (BREAKDOWN_EVENTS.test(name)) {
    if (projectId) batch.breakdownProjects.add(projectId);
    return;
  }
  if (COMMENT_EVENTS.has(name)) {
    const commentId = text(payload.comment_id);
    if (commentId) mergeComment(batch, commentId, { taskId, edited: name !== 'comment:new' });
  } else if (!TASK_EVENTS.has(name)) {
    return;
  }
  if (taskId) batch.tasks.set(taskId, projectId ?? batch.tasks.get(taskId) ?? null);
  if ((name === 'task:assign' || name === 'task:unassign') && me && payload.person_id === me) batch.myAssignmentsChanged = true;
}

/** Moves everything from `from` into `into`. */
export function mergeBatch(into: LiveBatch, from: LiveBatch): void {
  for (const [taskId, projectId] of from.tasks) into.tasks.set(taskId, projectId ?? into.tasks.get(taskId) ?? null);
  for (const [commentId, comment] of from.comments) mergeComment(into, commentId, comment);
  for (const projectId of from.breakdownProjects) into.breakdownProjects.add(projectId);
  into.notifications += from.notifications;
  into.myAssignmentsChanged ||= from.myAssignmentsChanged;
}
