import { ALL_TASK_TYPES, planBreakdown, type PlannedEntity } from './breakdown-plan.ts';
import { planComments, planTimeSpents, type CommentTable, type TimeSpentRow } from './comments-plan.ts';
import { planStaff, type Staff } from './people.ts';
import { Random } from './random.ts';
import { ASSET_TYPES, DEPARTMENTS } from './reference.ts';
import { departmentOf, planTasks, type PlannedTask, type Team } from './tasks-plan.ts';
import type { TierSpec } from './tiers.ts';

export interface PlannedProject {
  id: string;
  spec: TierSpec['projects'][number];
  team: Team;
  /** Indexes into ALL_TASK_TYPES used by the project's entities, in pipeline order. */
  taskTypes: number[];
}

/** The whole dataset, in memory, before a single row is written. */
export interface DatasetPlan {
  spec: TierSpec;
  seed: number;
  staff: Staff;
  projects: PlannedProject[];
  entities: PlannedEntity[];
  tasks: PlannedTask[];
  comments: CommentTable;
  timeSpents: TimeSpentRow[];
  /** Ids for rows that are not planned one by one. */
  ids: { departments: string[]; taskTypes: string[]; assetTypes: string[]; comment(index: number): string };
}

/** Each department's share of the main project's tasks: artists are hired in proportion. */
function departmentWeights(entities: PlannedEntity[], mainProject: number): number[] {
  const weights = DEPARTMENTS.map(() => 0);
  for (const entity of entities) {
    if (entity.projectIndex !== mainProject) continue;
    for (const taskType of entity.taskTypes) weights[departmentOf(taskType)] = (weights[departmentOf(taskType)] ?? 0) + 1;
  }
  return weights;
}

/** Comment ids are derived from the seed and the comment's position, so they need no storage until written. */
function commentIds(seed: number, count: number): (index: number) => string {
  const rng = new Random(seed, 5);
  const ids = Array.from({ length: count }, () => rng.uuid());
  return (index) => ids[index] ?? '';
}

export function planDataset(spec: TierSpec, seed: number): DatasetPlan {
  const entities: PlannedEntity[] = [];
  spec.projects.forEach((project, index) => planBreakdown(project, index, seed, entities));
  const main = spec.projects.findIndex((p) => p.main);
  const staff = planStaff(spec, seed, departmentWeights(entities, main));
  const { tasks, teams } = planTasks(spec, entities, staff, seed);
  const comments = planComments(spec, tasks, entities, teams, seed);
  const timeSpents = planTimeSpents(spec, tasks, seed);
  const rng = new Random(seed, 6);
  const projects = spec.projects.map((project, index): PlannedProject => {
    const used = new Set(entities.filter((e) => e.projectIndex === index).flatMap((e) => e.taskTypes));
    const team = teams[index];
    if (!team) throw new Error('every project has a team');
    return { id: rng.uuid(), spec: project, team, taskTypes: [...used].sort((a, b) => a - b) };
  });
  return {
    spec,
    seed,
    staff,
    projects,
    entities,
    tasks,
    comments,
    timeSpents,
    ids: {
      departments: DEPARTMENTS.map(() => rng.uuid()),
      taskTypes: ALL_TASK_TYPES.map(() => rng.uuid()),
      assetTypes: ASSET_TYPES.map(() => rng.uuid()),
      comment: commentIds(seed, comments.count),
    },
  };
}
