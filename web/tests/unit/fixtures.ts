import type { AllTaskStatuses, ProjectCapabilities, SessionUser, ShotWithTasks, TaskStatusRow } from '@/lib/api-types';
import type { EntityTaskSummary } from '@/lib/api-types';

export const STATUS = { todo: 'st-todo', wip: 'st-wip', wfa: 'st-wfa', done: 'st-done', retake: 'st-retake', review: 'st-review' };

const row = (id: string, name: string, short: string, color: string, extra: Partial<TaskStatusRow> = {}): TaskStatusRow => ({
  id, type: 'TaskStatus', created_at: '', updated_at: '', name, short_name: short, color, description: null, priority: 1, is_done: false,
  is_artist_allowed: true, is_client_allowed: true, is_retake: false, is_feedback_request: false, is_default: false, is_wip: false,
  for_concept: false, archived: false, shotgun_id: null, project_id: null, ...extra,
});

/** The global status rows of the user context (ids differ from the studio keys). */
export const STATUS_ROWS: TaskStatusRow[] = [
  row(STATUS.todo, 'Not Started', 'todo', '#6B7280', { is_default: true }),
  row(STATUS.wip, 'In Progress', 'wip', '#3B82F6'),
  row(STATUS.wfa, 'Submitted', 'wfa', '#F59E0B'),
  row(STATUS.done, 'Approved', 'done', '#10B981', { is_done: true, is_artist_allowed: false }),
  row(STATUS.retake, 'Retake', 'retake', '#EF4444', { is_retake: true }),
  row(STATUS.review, 'Pending Review', 'pendrev', '#9333EA', { project_id: 'p1' }),
];

const NEW_FLAGS = { is_done: false, is_artist_allowed: true, is_client_allowed: false, is_feedback_request: false, is_retake: false };

export const ALL_STATUSES: AllTaskStatuses = {
  statuses: [
    { id: STATUS.review, name: 'Pending Review', color: '#9333EA', order: 0, is_default: false, ...NEW_FLAGS, short_name: 'pendrev' },
    { id: 'st-blocked', name: 'Blocked', color: '#DC2626', order: 1, is_default: false, ...NEW_FLAGS, short_name: 'blocked' },
  ],
  system_statuses: [
    { id: 'not_started', name: 'Not Started', color: '#6B7280', is_system: true },
    { id: 'in_progress', name: 'In Progress', color: '#3B82F6', is_system: true },
    { id: 'submitted', name: 'Submitted', color: '#F59E0B', is_system: true },
    { id: 'approved', name: 'Approved', color: '#10B981', is_system: true },
    { id: 'retake', name: 'Retake', color: '#EF4444', is_system: true },
  ],
  default_status_id: 'not_started',
};

export function task(id: string, taskTypeId: string, statusId: string, assignees: string[] = []): EntityTaskSummary {
  return { id, task_type_id: taskTypeId, task_status_id: statusId, assignees, priority: 0, estimation: 0, duration: 0, start_date: null, due_date: null, last_comment_date: null, retake_count: 0 };
}

export function shot(id: string, name: string, sequence: string, tasks: EntityTaskSummary[] = [], extra: Partial<ShotWithTasks> = {}): ShotWithTasks {
  return {
    id, name, description: `${sequence} ${name}`, nb_frames: null, frame_in: 1001, frame_out: 1048, data: null, canceled: false,
    parent_id: `seq-${sequence}`, sequence_name: sequence, episode_id: null, episode_name: null, preview_file_id: null, tasks, ...extra,
  };
}

/** The signed-in person of a test: the fields the app reads (the API sends the whole person row). */
export function sessionUser(fields: { id: string; email: string; full_name: string; role: string }): SessionUser {
  return { active: true, is_bot: false, type: 'Person', departments: [], ...fields } as unknown as SessionUser;
}

/**
 * What the server's user context says a role may do in production p1 (server
 * user/project-capabilities.ts): the test data the pages read their permissions from.
 */
export function capabilitiesFor(role: string, departments: string[] = []): ProjectCapabilities {
  const statuses = [...STATUS_ROWS.map((r) => ({ id: r.id, artist: r.is_artist_allowed, client: r.is_client_allowed })),
    ...ALL_STATUSES.statuses.filter((s) => !STATUS_ROWS.some((r) => r.id === s.id)).map((s) => ({ id: s.id, artist: s.is_artist_allowed, client: s.is_client_allowed }))];
  const manager = role === 'admin' || role === 'manager';
  const supervisor = role === 'supervisor';
  const settable = statuses.filter((s) => (role === 'user' ? s.artist : role === 'client' ? s.client : true)).map((s) => s.id);
  return {
    role,
    manage: manager,
    act_on_all_tasks: manager || role === 'client',
    supervises: manager || (supervisor && departments.length === 0) ? 'all' : supervisor ? departments : [],
    assign_anyone: manager || (supervisor && departments.length === 0),
    settable_task_status_ids: settable,
  };
}
