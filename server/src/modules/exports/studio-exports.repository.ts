import { sql, type RawBuilder } from 'kysely';

/** The streamed queries behind the persons, task types, projects and tasks CSV exports (Zou's columns). */

export interface PersonExportRow {
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  role: string;
  departments: string;
  studio: string | null;
  country: string | null;
  contract_type: string;
  position: string | null;
  seniority: string | null;
  daily_salary: number;
  active: boolean;
}

/** People (bots and guests excluded), by first then last name, case-insensitively. */
export function personRowsQuery(): RawBuilder<PersonExportRow> {
  return sql<PersonExportRow>`
    SELECT p.first_name, p.last_name, p.email, p.phone, p.role,
           coalesce((SELECT string_agg(d.name, ',' ORDER BY d.name COLLATE "C")
                       FROM department_link dl JOIN department d ON d.id = dl.department_id
                      WHERE dl.person_id = p.id), '') AS departments,
           s.name AS studio, p.country, p.contract_type, p.position, p.seniority, p.daily_salary, p.active
      FROM person p LEFT JOIN studio s ON s.id = p.studio_id
     WHERE NOT p.is_bot AND NOT p.is_guest
     ORDER BY lower(p.first_name), lower(p.last_name), p.id`;
}

export interface TaskTypeExportRow {
  department: string | null;
  name: string;
}

/** Task types with their department (task types without one are listed too, with an empty department). */
export function taskTypeRowsQuery(): RawBuilder<TaskTypeExportRow> {
  return sql<TaskTypeExportRow>`
    SELECT d.name AS department, tt.name
      FROM task_type tt LEFT JOIN department d ON d.id = tt.department_id
     ORDER BY d.name COLLATE "C" NULLS FIRST, tt.name COLLATE "C", tt.id`;
}

export interface ProjectExportRow {
  name: string;
  status: string | null;
}

export function projectRowsQuery(): RawBuilder<ProjectExportRow> {
  return sql<ProjectExportRow>`
    SELECT p.name, ps.name AS status FROM project p LEFT JOIN project_status ps ON ps.id = p.project_status_id
     ORDER BY p.name COLLATE "C", p.id`;
}

export interface TaskExportRow {
  project: string;
  task_type: string;
  episode: string | null;
  sequence: string | null;
  entity_type: string;
  entity: string;
  assigner: string | null;
  assignees: string;
  duration: number;
  estimation: number;
  start_date: string | null;
  due_date: string | null;
  real_start_date: string | null;
  end_date: string | null;
  task_status: string;
}

export interface TaskExportFilter {
  /** One project; without it, every open project (Zou's studio-wide export). */
  projectId?: string;
  episodeId?: string;
  assignedTo?: string;
}

export function taskRowsQuery(filter: TaskExportFilter): RawBuilder<TaskExportRow> {
  const scope = filter.projectId === undefined
    ? sql`ps.name = 'Open'`
    : sql`t.project_id = ${filter.projectId}`;
  const episode = filter.episodeId === undefined ? sql`` : sql`AND (ep.id = ${filter.episodeId} OR e.source_id = ${filter.episodeId})`;
  const assigned = filter.assignedTo === undefined
    ? sql``
    : sql`AND EXISTS (SELECT 1 FROM assignations a WHERE a.task_id = t.id AND a.person_id = ${filter.assignedTo})`;
  return sql<TaskExportRow>`
    SELECT p.name AS project, tt.name AS task_type, ep.name AS episode, sq.name AS sequence, et.name AS entity_type,
           e.name AS entity, trim(ar.first_name || ' ' || ar.last_name) AS assigner,
           coalesce((SELECT string_agg(trim(pe.first_name || ' ' || pe.last_name), ', ' ORDER BY pe.first_name, pe.last_name, pe.id)
                       FROM assignations a JOIN person pe ON pe.id = a.person_id WHERE a.task_id = t.id), '') AS assignees,
           t.duration, t.estimation, to_char(t.start_date, 'YYYY-MM-DD') AS start_date, to_char(t.due_date, 'YYYY-MM-DD') AS due_date,
           to_char(t.real_start_date, 'YYYY-MM-DD') AS real_start_date, to_char(t.end_date, 'YYYY-MM-DD') AS end_date,
           ts.name AS task_status
      FROM task t
      JOIN project p ON p.id = t.project_id
      LEFT JOIN project_status ps ON ps.id = p.project_status_id
      JOIN task_type tt ON tt.id = t.task_type_id
      JOIN task_status ts ON ts.id = t.task_status_id
      JOIN entity e ON e.id = t.entity_id
      JOIN entity_type et ON et.id = e.entity_type_id
      LEFT JOIN person ar ON ar.id = t.assigner_id
      LEFT JOIN entity sq ON sq.id = e.parent_id
      LEFT JOIN entity ep ON ep.id = sq.parent_id
     WHERE ${scope} ${episode} ${assigned}
     ORDER BY p.name COLLATE "C", tt.name COLLATE "C", ep.name COLLATE "C" NULLS FIRST, sq.name COLLATE "C" NULLS FIRST,
              et.name COLLATE "C", e.name COLLATE "C", t.name COLLATE "C", t.id`;
}
