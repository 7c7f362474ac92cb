import type pg from 'pg';
import { deriveFromHistory } from '../../server/src/modules/tasks/task-recompute.service.ts';
import type { CommentStep, DerivedFields } from '../../server/src/modules/tasks/task-recompute.repository.ts';
import { copyRows, type Cell } from './copy.ts';
import type { DatasetPlan } from './plan.ts';
import { Random } from './random.ts';
import { commentLength, prose } from './text.ts';
import { departmentOf, PRODUCTION_END, PROJECT_START, TODO } from './tasks-plan.ts';
import type { ReferenceIds } from './write-reference.ts';

const DAY = 86_400_000;
/** `YYYY-MM-DDTHH:MM:SS.mmm`, UTC without zone: Rushes stores naive UTC timestamps. */
const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 23);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const CREATED = stamp(PROJECT_START - 30 * DAY);

export async function writePeople(client: pg.PoolClient, plan: DatasetPlan, ref: ReferenceIds, passwordHash: string): Promise<void> {
  const { people } = plan.staff;
  await copyRows(client, 'person', ['id', 'created_at', 'updated_at', 'first_name', 'last_name', 'email', 'role', 'password', 'desktop_login', 'position'],
    people.map((p) => [p.id, CREATED, CREATED, p.firstName, p.lastName, p.email, p.role, passwordHash, p.email.split('@')[0],
      p.role === 'supervisor' ? 'supervisor' : 'artist']));
  await copyRows(client, 'department_link', ['person_id', 'department_id'],
    people.filter((p) => p.department !== null).map((p) => [p.id, ref.departments[p.department ?? 0]]));
}

/** Projects with their settings: team, task types (pipeline priority), the five statuses, asset types, metadata columns. */
export async function writeProjects(client: pg.PoolClient, plan: DatasetPlan, ref: ReferenceIds): Promise<void> {
  const people = plan.staff.people;
  await copyRows(client, 'project', ['id', 'created_at', 'updated_at', 'name', 'code', 'production_type', 'fps', 'resolution', 'start_date', 'end_date', 'project_status_id', 'nb_episodes'],
    plan.projects.map((p) => [p.id, CREATED, CREATED, p.spec.name, p.spec.code, p.spec.productionType, '24', '2048x858', day(PROJECT_START), day(PRODUCTION_END),
      ref.openStatus, p.spec.episodes?.length ?? 0]));
  await copyRows(client, 'project_person_link', ['project_id', 'person_id', 'created_at'],
    plan.projects.flatMap((p) => [...p.team.members].sort((a, b) => a - b).map((index): Cell[] => [p.id, people[index]?.id, CREATED])));
  await copyRows(client, 'project_task_type_link', ['project_id', 'task_type_id', 'priority'],
    plan.projects.flatMap((p) => p.taskTypes.map((t, i): Cell[] => [p.id, ref.taskTypes[t], i + 1])));
  await copyRows(client, 'project_task_status_link', ['project_id', 'task_status_id', 'priority'],
    plan.projects.flatMap((p) => ref.statuses.map((s, i): Cell[] => [p.id, s, i + 1])));
  const assetTypesOf = (projectIndex: number) =>
    [...new Set(plan.entities.filter((e) => e.projectIndex === projectIndex && e.assetType).map((e) => e.assetType ?? ''))];
  await copyRows(client, 'project_asset_type_link', ['project_id', 'asset_type_id'],
    plan.projects.flatMap((p, i) => assetTypesOf(i).map((name): Cell[] => [p.id, ref.entityTypes.get(name)])));
  const descriptors: Array<[string, string, string, string | null]> = [
    ['Shot', 'Camera', 'camera', null], ['Shot', 'Lens', 'lens', '["18mm","24mm","35mm","50mm","85mm"]'], ['Shot', 'Location', 'location', null],
    ['Shot', 'Time of day', 'time_of_day', null], ['Asset', 'Variant', 'variant', null], ['Asset', 'Polycount', 'polycount', null],
  ];
  await copyRows(client, 'metadata_descriptor', ['project_id', 'entity_type', 'name', 'field_name', 'data_type', 'choices', 'position'],
    plan.projects.flatMap((p) => descriptors.map(([kind, name, field, choices], i): Cell[] => [p.id, kind, name, field, choices ? 'list' : 'string', choices, i + 1])));
}

export async function writeEntities(client: pg.PoolClient, plan: DatasetPlan, ref: ReferenceIds): Promise<void> {
  const creator = plan.staff.managers[0]?.id ?? null;
  await copyRows(client, 'entity', ['id', 'created_at', 'updated_at', 'name', 'description', 'nb_frames', 'project_id', 'entity_type_id', 'parent_id', 'data', 'created_by'],
    plan.entities.map((e) => [
      e.id, CREATED, CREATED, e.name, e.description, e.nbFrames, plan.projects[e.projectIndex]?.id, ref.entityTypes.get(e.assetType ?? e.kind),
      e.parentIndex === null ? null : plan.entities[e.parentIndex]?.id, e.data ? JSON.stringify(e.data) : null, creator,
    ]));
}

/** The task's comment history as §6.5 replays it. */
function history(plan: DatasetPlan, ref: ReferenceIds, taskIndex: number): CommentStep[] {
  const task = plan.tasks[taskIndex];
  if (!task) return [];
  const { comments } = plan;
  return Array.from({ length: task.commentCount }, (_, i) => {
    const at = task.commentStart + i;
    const status = comments.status[at] ?? TODO;
    const flags = ref.statusFlags[status] ?? { is_retake: false, is_wip: false, is_feedback_request: false, is_done: false };
    return { task_status_id: ref.statuses[status] ?? '', created_at: stamp(comments.time[at] ?? 0), ...flags };
  });
}

/**
 * Tasks whose columns agree with their comments: status, retake count, real start / end / done
 * dates and last comment date come from the server's own replay (deriveFromHistory, §6.5), and
 * duration is the sum of the time spents.
 */
export async function writeTasks(client: pg.PoolClient, plan: DatasetPlan, ref: ReferenceIds): Promise<void> {
  const assigner = plan.staff.managers[0]?.id ?? null;
  const rows = function* (): Generator<Cell[]> {
    for (let i = 0; i < plan.tasks.length; i += 1) {
      const task = plan.tasks[i];
      if (!task) continue;
      const derived: DerivedFields = deriveFromHistory(history(plan, ref, i), ref.statuses[TODO] ?? '', task.duration);
      yield [
        task.id, CREATED, derived.last_comment_date ?? CREATED, 'main', plan.entities[task.entityIndex]?.hero ? 2 : 0, derived.duration, task.estimation,
        derived.retake_count, stamp(task.startMs), stamp(task.endMs), derived.real_start_date, derived.end_date, derived.done_date,
        derived.last_comment_date, plan.projects[task.projectIndex]?.id, ref.taskTypes[task.taskType], derived.task_status_id,
        plan.entities[task.entityIndex]?.id, task.assignees.length > 0 ? assigner : null, assigner,
      ];
    }
  };
  await copyRows(client, 'task', ['id', 'created_at', 'updated_at', 'name', 'priority', 'duration', 'estimation', 'retake_count', 'start_date', 'due_date',
    'real_start_date', 'end_date', 'done_date', 'last_comment_date', 'project_id', 'task_type_id', 'task_status_id', 'entity_id', 'assigner_id', 'created_by'], rows());
  const people = plan.staff.people;
  await copyRows(client, 'assignations', ['task_id', 'person_id'],
    plan.tasks.flatMap((task) => task.assignees.map((p): Cell[] => [task.id, people[p]?.id])));
}

/** Comments with seeded bodies (up to 10 KB), their news rows and the notifications of the assignees. */
export async function writeComments(client: pg.PoolClient, plan: DatasetPlan, ref: ReferenceIds): Promise<{ notifications: number }> {
  const { comments, tasks, staff } = plan;
  const people = staff.people;
  const text = new Random(plan.seed, 7);
  const commentRows = function* (): Generator<Cell[]> {
    for (let i = 0; i < comments.count; i += 1) {
      const at = stamp(comments.time[i] ?? 0);
      yield [plan.ids.comment(i), at, at, tasks[comments.task[i] ?? 0]?.id, 'Task', prose(text, commentLength(text)), '[]', '[]',
        ref.statuses[comments.status[i] ?? 0], people[comments.author[i] ?? 0]?.id];
    }
  };
  await copyRows(client, 'comment', ['id', 'created_at', 'updated_at', 'object_id', 'object_type', 'text', 'checklist', 'links', 'task_status_id', 'person_id'], commentRows());
  const newsRows = function* (): Generator<Cell[]> {
    for (let i = 0; i < comments.count; i += 1) {
      const at = stamp(comments.time[i] ?? 0);
      yield [at, at, comments.change[i] === 1, people[comments.author[i] ?? 0]?.id, plan.ids.comment(i), tasks[comments.task[i] ?? 0]?.id];
    }
  };
  await copyRows(client, 'news', ['created_at', 'updated_at', 'change', 'author_id', 'comment_id', 'task_id'], newsRows());
  // Notifications older than two weeks before the end of the production are read.
  const readBefore = PRODUCTION_END - 14 * DAY;
  const notificationRows = function* (): Generator<Cell[]> {
    for (let i = 0; i < comments.count; i += 1) {
      const task = tasks[comments.task[i] ?? 0];
      const author = comments.author[i] ?? 0;
      const time = comments.time[i] ?? 0;
      for (const person of task?.assignees ?? []) {
        if (person === author) continue;
        yield [stamp(time), stamp(time), time < readBefore, comments.change[i] === 1, 'comment', people[person]?.id, people[author]?.id, plan.ids.comment(i), task?.id];
      }
    }
  };
  const notifications = await copyRows(client, 'notification',
    ['created_at', 'updated_at', 'read', 'change', 'type', 'person_id', 'author_id', 'comment_id', 'task_id'], notificationRows());
  return { notifications };
}

export async function writeTimeSpentsAndWatchers(client: pg.PoolClient, plan: DatasetPlan): Promise<void> {
  const people = plan.staff.people;
  await copyRows(client, 'time_spent', ['duration', 'date', 'task_id', 'person_id'],
    plan.timeSpents.map((row): Cell[] => [row.minutes, row.day, plan.tasks[row.task]?.id, people[row.person]?.id]));
  // Supervisors watch 2 % of their departments' tasks: they hear about every comment on them.
  const rng = new Random(plan.seed, 8);
  const watchers = function* (): Generator<Cell[]> {
    for (const task of plan.tasks) {
      if (!rng.chance(0.02)) continue;
      const department = departmentOf(task.taskType);
      const supervisor = plan.staff.supervisors.find((p) => p.department === department);
      if (supervisor) yield [supervisor.id, task.id];
    }
  };
  await copyRows(client, 'subscription', ['person_id', 'task_id'], watchers());
}
