import type { PlannedEntity } from './breakdown-plan.ts';
import type { PlannedPerson } from './people.ts';
import { Random } from './random.ts';
import { departmentOf, DONE, RETAKE, TODO, type PlannedTask, type StatusCode, type Team } from './tasks-plan.ts';
import type { TierSpec } from './tiers.ts';

/** Every comment of the dataset, column-wise (hundreds of thousands of rows: no object per comment). */
export interface CommentTable {
  count: number;
  task: Int32Array;
  time: Float64Array;
  status: Uint8Array;
  author: Int32Array;
  /** 1 when the comment changed the task's status. */
  change: Uint8Array;
}

export interface TimeSpentRow {
  task: number;
  person: number;
  day: string;
  minutes: number;
}

/** How many comments each task gets: its status changes plus plain ones, calibrated to the tier's mean; heroes 60+. */
function planCounts(spec: TierSpec, tasks: PlannedTask[], entities: PlannedEntity[], rng: Random): number {
  const main = spec.projects.findIndex((p) => p.main);
  const isHero = (task: PlannedTask) => entities[task.entityIndex]?.hero ?? false;
  const [heroLow, heroHigh] = spec.heroComments;
  let heroTotal = 0;
  let changes = 0;
  let ordinary = 0;
  for (const task of tasks) {
    if (task.projectIndex !== main) continue;
    if (isHero(task)) {
      task.commentCount = Math.max(task.path.length, rng.int(heroLow, heroHigh));
      heroTotal += task.commentCount;
    } else {
      changes += task.path.length;
      ordinary += 1;
    }
  }
  const mainTasks = tasks.filter((t) => t.projectIndex === main).length;
  const plainMean = Math.max(0, (spec.commentsPerTask * mainTasks - heroTotal - changes) / Math.max(1, ordinary));
  let total = 0;
  for (const task of tasks) {
    if (!(task.projectIndex === main && isHero(task))) task.commentCount = task.path.length + rng.count(plainMean + 0.5);
    task.commentStart = total;
    total += task.commentCount;
  }
  return total;
}

function reviewerOf(team: Team, department: number, rng: Random): PlannedPerson | undefined {
  const supervisors = team.supervisors.filter((p) => p.department === department);
  return supervisors.length > 0 ? rng.pick(supervisors) : team.managers.length > 0 ? rng.pick(team.managers) : undefined;
}

function authorOf(task: PlannedTask, team: Team, status: StatusCode | null, rng: Random): number {
  const department = departmentOf(task.taskType);
  const worker = () => {
    if (task.assignees.length > 0) return rng.pick(task.assignees);
    const pool = team.byDepartment[department] ?? [];
    return pool.length > 0 ? rng.pick(pool).index : (team.managers[0]?.index ?? 0);
  };
  const reviewer = () => reviewerOf(team, department, rng)?.index ?? worker();
  if (status === RETAKE || status === DONE) return reviewer();
  if (status !== null) return worker();
  const roll = rng.next();
  if (roll < 0.02 && team.clients.length > 0) return rng.pick(team.clients).index;
  if (roll < 0.15 && team.managers.length > 0) return rng.pick(team.managers).index;
  return roll < 0.4 ? reviewer() : worker();
}

/**
 * The comments of every task, oldest first: their dates spread over the task's window, the status
 * changes of its path at random positions (a plain comment repeats the current status), and authors:
 * the assignee for work and submissions, the department supervisor for retakes and approvals.
 */
export function planComments(spec: TierSpec, tasks: PlannedTask[], entities: PlannedEntity[], teams: Team[], seed: number): CommentTable {
  const rng = new Random(seed, 3);
  const count = planCounts(spec, tasks, entities, rng);
  const table: CommentTable = {
    count,
    task: new Int32Array(count),
    time: new Float64Array(count),
    status: new Uint8Array(count),
    author: new Int32Array(count),
    change: new Uint8Array(count),
  };
  tasks.forEach((task, taskIndex) => {
    const team = teams[task.projectIndex];
    const n = task.commentCount;
    if (!team || n === 0) return;
    const times = Array.from({ length: n }, () => task.startMs + Math.floor(rng.next() * (task.endMs - task.startMs))).sort((a, b) => a - b);
    const changeAt = new Set(rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, task.path.length));
    let current: StatusCode = TODO;
    let step = 0;
    for (let i = 0; i < n; i += 1) {
      const at = task.commentStart + i;
      const changes = changeAt.has(i);
      if (changes) current = task.path[step++] ?? current;
      table.task[at] = taskIndex;
      table.time[at] = times[i] ?? task.startMs;
      table.status[at] = current;
      table.change[at] = changes ? 1 : 0;
      table.author[at] = authorOf(task, team, changes ? current : null, rng);
    }
  });
  return table;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Time spents on started, assigned tasks: one row per (person, task, day), 30 minutes to a day; task.duration sums them. */
export function planTimeSpents(spec: TierSpec, tasks: PlannedTask[], seed: number): TimeSpentRow[] {
  const rng = new Random(seed, 4);
  const candidates = tasks.map((task, index) => ({ task, index })).filter(({ task }) => task.assignees.length > 0 && task.final !== TODO);
  const target = Math.round(spec.timeSpentsPerTask * tasks.length);
  const seen = new Set<string>();
  const rows: TimeSpentRow[] = [];
  for (let attempt = 0; rows.length < target && attempt < target * 4 && candidates.length > 0; attempt += 1) {
    const { task, index } = rng.pick(candidates);
    const person = rng.pick(task.assignees);
    const day = isoDay(task.startMs + Math.floor(rng.next() * Math.max(1, task.endMs - task.startMs)));
    const key = `${person}:${index}:${day}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const minutes = rng.int(1, 16) * 30;
    task.duration += minutes;
    rows.push({ task: index, person, day, minutes });
  }
  return rows;
}
