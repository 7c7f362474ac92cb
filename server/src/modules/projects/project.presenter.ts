import type { Selectable } from 'kysely';
import { Type } from 'typebox';
import { columnsOf, ProjectRow as ProjectModel, TaskStatusRow as TaskStatusModel } from '../../../../packages/contracts/src/models/index.ts';
import { TASK_STATUS_INTERNAL_COLUMNS, type ProjectRow, type TaskStatusRow } from '../../../../packages/contracts/src/rows.schema.ts';
import type { Project, TaskStatus } from '../../platform/db/schema.ts';

/** Every column of `project` (§2.2, the model row): what a project row serialises to, with `type: "Project"`. */
export const PROJECT_COLUMNS = columnsOf(ProjectModel);

/** Columns of a task status as listed in a project's settings (the studio status columns are not sent). */
export const TASK_STATUS_COLUMNS = columnsOf(Type.Omit(TaskStatusModel, TASK_STATUS_INTERNAL_COLUMNS));

export type ProjectRecord = Selectable<Project>;
export type ProjectView = ProjectRow;
export type TaskStatusRecord = Pick<Selectable<TaskStatus>, (typeof TASK_STATUS_COLUMNS)[number]>;
export type TaskStatusView = TaskStatusRow;

function pick<K extends string>(row: Record<K, unknown>, fields: readonly K[]): Record<K, unknown> {
  const out = {} as Record<K, unknown>;
  for (const field of fields) out[field] = row[field];
  return out;
}

/** The values are the row's: columns with a closed list of values are held to it by their CHECK constraint. */
export function presentProject(row: ProjectRecord): ProjectView {
  return { ...(pick(row, PROJECT_COLUMNS) as Omit<ProjectView, 'type'>), type: 'Project' };
}

export function presentTaskStatus(row: TaskStatusRecord): TaskStatusView {
  return { ...(pick(row, TASK_STATUS_COLUMNS) as Omit<TaskStatusView, 'type'>), type: 'TaskStatus' };
}
