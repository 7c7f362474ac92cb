import type { Actor } from '../../platform/auth/actor.ts';
import { requireProjectMember } from '../../platform/auth/permissions.ts';
import type { Executor } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type {
  ScheduleRisk,
  Timeline,
  TimelineGroupBy,
  TimelineQuery,
  TimelineTask,
} from '../../../../packages/contracts/src/schedule.schema.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { listScheduleRisks } from './schedule-risks.repository.ts';
import { loadTimeline } from './timeline.repository.ts';

/**
 * Who sees which tasks of a project's schedule: team members (404 for an unknown project, 403 for
 * outsiders); vendors only their own tasks; clients none (they never see others' task lists).
 */
async function scheduleScope(db: Executor, actor: Actor, projectId: string): Promise<{ hidden: boolean; assignedTo: string | null }> {
  if (!isUuid(projectId)) throw errors.notFound();
  const access = await requireProjectMember(db, actor, projectId);
  if (access.effectiveRole === 'client') return { hidden: true, assignedTo: null };
  return { hidden: false, assignedTo: access.effectiveRole === 'vendor' ? actor.id : null };
}

/** `GET data/projects/<id>/schedule-risks`: the tasks at risk with their reasons, most late first. */
export async function projectScheduleRisks(db: Executor, actor: Actor, projectId: string): Promise<ScheduleRisk[]> {
  const scope = await scheduleScope(db, actor, projectId);
  if (scope.hidden) return [];
  return listScheduleRisks(db, projectId, scope.assignedTo);
}

function checkId(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && !isUuid(value)) throw errors.badRequest(`Invalid UUID value: ${value}`, { field: name });
  return value;
}

/** `GET data/projects/<id>/timeline`: task date ranges and milestones, filtered and optionally grouped. */
export async function projectTimeline(db: Executor, actor: Actor, projectId: string, query: TimelineQuery): Promise<Timeline> {
  const scope = await scheduleScope(db, actor, projectId);
  const data = await loadTimeline(db, {
    projectId,
    taskTypeId: checkId('task_type_id', query.task_type_id),
    sequenceId: checkId('sequence_id', query.sequence_id),
    episodeId: checkId('episode_id', query.episode_id),
    assetTypeId: checkId('asset_type_id', query.asset_type_id),
    assignedTo: scope.assignedTo,
    hideTasks: scope.hidden,
  });
  if (!data) throw errors.notFound();
  return {
    project_id: projectId,
    ...data,
    ...(query.group_by ? { groups: groupTasks(data.tasks, query.group_by) } : {}),
  };
}

const GROUP_KEYS: Record<TimelineGroupBy, [keyof TimelineTask, keyof TimelineTask]> = {
  task_type: ['task_type_id', 'task_type_name'],
  sequence: ['sequence_id', 'sequence_name'],
  episode: ['episode_id', 'episode_name'],
  asset_type: ['asset_type_id', 'asset_type_name'],
};

const earliest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
const latest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/** Group bars: each group spans its tasks' earliest start and latest end (planned or real). */
export function groupTasks(tasks: TimelineTask[], by: TimelineGroupBy) {
  const [idKey, nameKey] = GROUP_KEYS[by];
  const groups = new Map<string, { id: string | null; name: string | null; start_date: string | null; end_date: string | null; task_ids: string[] }>();
  for (const task of tasks) {
    const id = task[idKey] as string | null;
    const group = groups.get(id ?? '') ?? { id, name: task[nameKey] as string | null, start_date: null, end_date: null, task_ids: [] };
    group.start_date = earliest(group.start_date, earliest(task.start_date, task.real_start_date));
    group.end_date = latest(group.end_date, latest(task.due_date, task.end_date));
    group.task_ids.push(task.task_id);
    groups.set(id ?? '', group);
  }
  return [...groups.values()];
}
