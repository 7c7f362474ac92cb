import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { DateInterval } from './dates.ts';
import type { TimeSpentRecord } from './time-spents.repository.ts';

/** Read side of time: a person's rows and time sheets, and the studio's per-person totals. */

export interface PersonRowsFilter {
  personId: string;
  /** Inclusive range. */
  from?: string;
  to?: string;
  /** Exclusive upper bound. */
  before?: string;
  /** Limit to tasks of these projects; null = no limit. */
  projectIds: string[] | null;
}

const inProjects = (projectIds: string[] | null): RawBuilder<unknown> =>
  projectIds === null ? sql`` : sql`AND EXISTS (SELECT 1 FROM task t WHERE t.id = ts.task_id AND t.project_id = ANY(${projectIds}::uuid[]))`;

/** A person's time spent rows, oldest first (uses the (person_id, date) index). */
export async function listPersonTimeSpents(db: Executor, filter: PersonRowsFilter): Promise<TimeSpentRecord[]> {
  const from = filter.from === undefined ? sql`` : sql`AND ts.date >= ${filter.from}::date`;
  const to = filter.to === undefined ? sql`` : sql`AND ts.date <= ${filter.to}::date`;
  const before = filter.before === undefined ? sql`` : sql`AND ts.date < ${filter.before}::date`;
  const result = await sql<TimeSpentRecord>`
    SELECT ts.id, ts.created_at, ts.updated_at, ts.duration, ts.date, ts.task_id, ts.person_id
      FROM time_spent ts
     WHERE ts.person_id = ${filter.personId} ${from} ${to} ${before} ${inProjects(filter.projectIds)}
     ORDER BY ts.date, ts.created_at`.execute(db);
  return result.rows;
}

export interface TimeSheetRow {
  task_id: string;
  task_type_id: string;
  project_id: string;
  project_name: string;
  entity_name: string;
  entity_type_name: string;
  sequence_name: string | null;
  episode_name: string | null;
  duration: number;
}

/** A person's minutes per task over [start, end), with the names a time sheet shows. */
export async function personTimeSheet(
  db: Executor,
  personId: string,
  interval: DateInterval,
  projectIds: string[] | null,
): Promise<TimeSheetRow[]> {
  const scope = projectIds === null ? sql`` : sql`AND t.project_id = ANY(${projectIds}::uuid[])`;
  const result = await sql<TimeSheetRow>`
    SELECT t.id AS task_id, t.task_type_id, p.id AS project_id, p.name AS project_name, e.name AS entity_name,
           et.name AS entity_type_name, parent.name AS sequence_name, grandparent.name AS episode_name,
           sum(ts.duration)::float8 AS duration
      FROM time_spent ts
      JOIN task t ON t.id = ts.task_id
      JOIN project p ON p.id = t.project_id
      JOIN entity e ON e.id = t.entity_id
      JOIN entity_type et ON et.id = e.entity_type_id
      LEFT JOIN entity parent ON parent.id = e.parent_id
      LEFT JOIN entity grandparent ON grandparent.id = parent.parent_id
     WHERE ts.person_id = ${personId} AND ts.date >= ${interval.start}::date AND ts.date < ${interval.end}::date ${scope}
     GROUP BY t.id, t.task_type_id, p.id, p.name, e.name, et.name, parent.name, grandparent.name
     ORDER BY p.name, e.name, t.id`.execute(db);
  return result.rows;
}

export type TableUnit = 'day' | 'week' | 'month' | 'year';

const UNIT_SQL: Record<TableUnit, RawBuilder<number>> = {
  day: sql<number>`extract(day FROM ts.date)::int`,
  week: sql<number>`extract(week FROM ts.date)::int`,
  month: sql<number>`extract(month FROM ts.date)::int`,
  year: sql<number>`extract(year FROM ts.date)::int`,
};

/** `{"<unit>": {"<person_id>": minutes}}` over an optional interval, one aggregate query. */
export async function timeTable(
  db: Executor,
  options: { unit: TableUnit; interval: DateInterval | null; personId: string | null; projectIds: string[] | null },
): Promise<Record<string, Record<string, number>>> {
  const unit = UNIT_SQL[options.unit];
  const range = options.interval === null ? sql`` : sql`AND ts.date >= ${options.interval.start}::date AND ts.date < ${options.interval.end}::date`;
  const person = options.personId === null ? sql`` : sql`AND ts.person_id = ${options.personId}`;
  const result = await sql<{ unit: number; person_id: string; duration: number }>`
    SELECT ${unit} AS unit, ts.person_id, sum(ts.duration)::float8 AS duration
      FROM time_spent ts
     WHERE true ${range} ${person} ${inProjects(options.projectIds)}
     GROUP BY 1, 2
     ORDER BY 1`.execute(db);
  const table: Record<string, Record<string, number>> = {};
  for (const row of result.rows) (table[String(row.unit)] ??= {})[row.person_id] = row.duration;
  return table;
}
