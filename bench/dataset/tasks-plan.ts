import { ALL_TASK_TYPES, type PlannedEntity } from './breakdown-plan.ts';
import type { PlannedPerson, Staff } from './people.ts';
import { Random } from './random.ts';
import { DEPARTMENTS } from './reference.ts';
import type { ProjectSpec, TierSpec } from './tiers.ts';

/** The five system statuses, by the order of their short names: todo, wip, wfa, done, retake. */
export const TODO = 0;
export const WIP = 1;
export const WFA = 2;
export const DONE = 3;
export const RETAKE = 4;
export type StatusCode = 0 | 1 | 2 | 3 | 4;
export const STATUS_SHORT_NAMES = ['todo', 'wip', 'wfa', 'done', 'retake'] as const;

const DAY = 86_400_000;
/** The production runs from 2 June 2025 to 1 June 2026: every seeded date is in the past. */
export const PROJECT_START = Date.UTC(2025, 5, 2, 9);
export const PRODUCTION_END = PROJECT_START + 364 * DAY;

export interface PlannedTask {
  id: string;
  projectIndex: number;
  entityIndex: number;
  taskType: number;
  assignees: number[];
  final: StatusCode;
  /** The statuses the status-changing comments set, in order. */
  path: StatusCode[];
  startMs: number;
  endMs: number;
  estimation: number;
  commentStart: number;
  commentCount: number;
  /** Minutes: the sum of the task's time spents. */
  duration: number;
}

export interface Team {
  members: Set<number>;
  /** Artists and vendors of the team, by department. */
  byDepartment: PlannedPerson[][];
  supervisors: PlannedPerson[];
  managers: PlannedPerson[];
  clients: PlannedPerson[];
}

export const departmentOf = (taskType: number): number => DEPARTMENTS.indexOf((ALL_TASK_TYPES[taskType]?.department ?? 'Story') as (typeof DEPARTMENTS)[number]);

/** Who works on a project: a slice of the artists, all supervisors, managers and vendors of the main project, a few clients. */
export function planTeam(spec: ProjectSpec, staff: Staff): Team {
  const [from, to] = spec.artistRange;
  const artists = staff.artists.slice(Math.floor(from * staff.artists.length), Math.ceil(to * staff.artists.length));
  const workers = spec.main ? [...artists, ...staff.vendors] : artists;
  const managers = spec.main ? staff.managers : staff.managers.slice(0, 2);
  const clients = spec.main ? staff.clients.slice(0, 3) : staff.clients.slice(3, 4);
  const byDepartment = DEPARTMENTS.map((_, d) => workers.filter((p) => p.department === d));
  const members = new Set([...workers, ...staff.supervisors, ...managers, ...clients].map((p) => p.index));
  return { members, byDepartment, supervisors: staff.supervisors, managers, clients };
}

function assignTasks(tasks: PlannedTask[], teams: Team[], spec: TierSpec, rng: Random): void {
  for (const task of tasks) {
    if (rng.chance(spec.unassignedShare)) continue;
    const team = teams[task.projectIndex];
    if (!team) continue;
    const pool = team.byDepartment[departmentOf(task.taskType)] ?? [];
    const candidates = pool.length > 0 ? pool : team.byDepartment.flat();
    if (candidates.length > 0) task.assignees.push(rng.pick(candidates).index);
  }
}

function pickOpenStatus(rng: Random, hero: boolean): StatusCode {
  const open: StatusCode[] = hero ? [WIP, WFA, RETAKE] : [TODO, WIP, WFA, RETAKE];
  return open[rng.weighted(hero ? [0.4, 0.35, 0.25] : [0.35, 0.3, 0.2, 0.15])] ?? TODO;
}

/**
 * Final statuses. In the main project each artist keeps a quota of open tasks drawn in the tier's
 * range (skewed up) and has the rest done; unassigned tasks are mostly still open; other projects are
 * 85 % done. Done tasks sometimes get a second assignee.
 */
function decideStatuses(tasks: PlannedTask[], entities: PlannedEntity[], spec: TierSpec, rng: Random): void {
  const mainProject = spec.projects.findIndex((p) => p.main);
  const byArtist = new Map<number, PlannedTask[]>();
  for (const task of tasks) {
    const hero = entities[task.entityIndex]?.hero ?? false;
    const first = task.assignees[0];
    if (task.projectIndex === mainProject && first !== undefined) {
      const owned = byArtist.get(first);
      if (owned) owned.push(task);
      else byArtist.set(first, [task]);
      continue;
    }
    const openShare = first === undefined ? 0.85 : 0.15;
    task.final = rng.chance(openShare) ? pickOpenStatus(rng, hero) : DONE;
  }
  const [low, high] = spec.openTasksPerArtist;
  for (const owned of byArtist.values()) {
    const quota = Math.min(owned.length, low + Math.floor((high - low + 1) * rng.next() ** 0.6));
    rng.shuffle(owned).forEach((task, i) => {
      task.final = i < quota ? pickOpenStatus(rng, entities[task.entityIndex]?.hero ?? false) : DONE;
    });
  }
}

function coAssign(tasks: PlannedTask[], teams: Team[], rng: Random): void {
  for (const task of tasks) {
    const first = task.assignees[0];
    if (task.final !== DONE || first === undefined || !rng.chance(0.04)) continue;
    const pool = teams[task.projectIndex]?.byDepartment[departmentOf(task.taskType)] ?? [];
    const other = pool.length > 1 ? rng.pick(pool).index : first;
    if (other !== first) task.assignees.push(other);
  }
}

/** The statuses a task's status-changing comments set, ending at its final status; heroes loop through retakes. */
function planPath(rng: Random, final: StatusCode, hero: boolean): StatusCode[] {
  const either = (a: StatusCode[], b: StatusCode[]): StatusCode[] => (rng.chance(0.3) || loops.length > 0 ? a : b);
  const loops: StatusCode[] = hero ? Array.from({ length: rng.int(2, 5) }, () => [WIP, WFA, RETAKE] as StatusCode[]).flat() : [];
  switch (final) {
    case TODO:
      return [];
    case WIP:
      return [...loops, WIP];
    case WFA:
      return [...loops, ...either([WIP, WFA], [WFA])];
    case RETAKE:
      return [...loops, ...either([WIP, WFA, RETAKE], [WFA, RETAKE])];
    default: {
      if (loops.length > 0) return [...loops, WIP, WFA, DONE];
      const roll = rng.next();
      return roll < 0.88 ? [DONE] : roll < 0.97 ? [WFA, DONE] : [WIP, WFA, RETAKE, WFA, DONE];
    }
  }
}

function planWindow(task: PlannedTask, entity: PlannedEntity, taskTypesOfEntity: number, rng: Random): void {
  const position = Math.max(0, entity.taskTypes.indexOf(task.taskType)) / Math.max(1, taskTypesOfEntity);
  const span = PRODUCTION_END - PROJECT_START;
  const length = (entity.hero ? rng.int(60, 120) : rng.int(5, 45)) * 86_400_000;
  const latest = PRODUCTION_END - 86_400_000;
  let start = PROJECT_START + Math.floor((0.55 * entity.schedule + 0.3 * position + 0.05 * rng.next()) * span);
  start = Math.min(start, latest - 5 * 86_400_000);
  task.startMs = start;
  task.endMs = Math.min(start + length, latest);
  task.estimation = rng.int(1, 10) * 480;
}

export interface TaskPlan {
  tasks: PlannedTask[];
  teams: Team[];
}

/** Tasks of every project: assignees, final status, the path of status changes and the work window. */
export function planTasks(spec: TierSpec, entities: PlannedEntity[], staff: Staff, seed: number): TaskPlan {
  const rng = new Random(seed, 2);
  const teams = spec.projects.map((project) => planTeam(project, staff));
  const tasks: PlannedTask[] = [];
  entities.forEach((entity, entityIndex) => {
    for (const taskType of entity.taskTypes) {
      tasks.push({
        id: rng.uuid(), projectIndex: entity.projectIndex, entityIndex, taskType, assignees: [], final: TODO, path: [],
        startMs: 0, endMs: 0, estimation: 0, commentStart: 0, commentCount: 0, duration: 0,
      });
    }
  });
  assignTasks(tasks, teams, spec, rng);
  decideStatuses(tasks, entities, spec, rng);
  coAssign(tasks, teams, rng);
  for (const task of tasks) {
    const entity = entities[task.entityIndex];
    if (!entity) continue;
    task.path = planPath(rng, task.final, entity.hero);
    planWindow(task, entity, entity.taskTypes.length, rng);
  }
  return { tasks, teams };
}
