import type { Actor } from '../../platform/auth/actor.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import type { CsvCell } from './csv-format.ts';
import { mapRows, streamRows, type CsvExport } from './export-stream.ts';
import { requireStudioExporter } from './exports.policy.ts';
import {
  personRowsQuery,
  projectRowsQuery,
  taskRowsQuery,
  taskTypeRowsQuery,
  type TaskExportRow,
} from './studio-exports.repository.ts';

type Deps = Pick<AppDeps, 'db'>;

/** `export/csv/persons.csv` (global managers): people without bots and guests, as Zou lists them. */
export function exportPersons(deps: Deps, actor: Actor): CsvExport {
  requireStudioExporter(actor);
  return {
    name: 'people_export',
    header: ['First Name', 'Last Name', 'Email', 'Phone', 'Role', 'Departments', 'Studio', 'Country', 'Contract Type', 'Position', 'Seniority', 'Daily Salary', 'Active'],
    rows: mapRows(streamRows(deps.db, personRowsQuery()), (p): CsvCell[] => [
      p.first_name, p.last_name, p.email, p.phone, p.role, p.departments, p.studio, p.country, p.contract_type, p.position, p.seniority,
      p.daily_salary, p.active ? 'yes' : 'no',
    ]),
  };
}

/** `export/csv/task-types.csv` (global managers): Department;Name. */
export function exportTaskTypes(deps: Deps, actor: Actor): CsvExport {
  requireStudioExporter(actor);
  return {
    name: 'task_types_export',
    header: ['Department', 'Name'],
    rows: mapRows(streamRows(deps.db, taskTypeRowsQuery()), (row): CsvCell[] => [row.department, row.name]),
  };
}

/** `export/csv/projects.csv` (global managers): Name;Status. */
export function exportProjects(deps: Deps, actor: Actor): CsvExport {
  requireStudioExporter(actor);
  return {
    name: 'projects_export',
    header: ['Name', 'Status'],
    rows: mapRows(streamRows(deps.db, projectRowsQuery()), (row): CsvCell[] => [row.name, row.status]),
  };
}

export const taskHeader = [
  'Project', 'Task Type', 'Episode', 'Sequence', 'Entity Type', 'Entity', 'Assigner', 'Assignees', 'Duration', 'Estimation',
  'Start date', 'Due date', 'WIP date', 'Validation date', 'Task Status',
] as const;

export const taskRow = (t: TaskExportRow): CsvCell[] => [
  t.project, t.task_type, t.episode, t.sequence, t.entity_type, t.entity, t.assigner, t.assignees, t.duration, t.estimation,
  t.start_date, t.due_date, t.real_start_date, t.end_date, t.task_status,
];

/** `export/csv/tasks.csv` (global managers): the tasks of every open project, durations in minutes. */
export function exportTasks(deps: Deps, actor: Actor): CsvExport {
  requireStudioExporter(actor);
  return { name: 'tasks_export', header: taskHeader, rows: mapRows(streamRows(deps.db, taskRowsQuery({})), taskRow) };
}
