import type pg from 'pg';
import { ALL_TASK_TYPES } from './breakdown-plan.ts';
import { copyRows } from './copy.ts';
import type { DatasetPlan } from './plan.ts';
import { ASSET_TYPES, DEPARTMENTS } from './reference.ts';
import { STATUS_SHORT_NAMES } from './tasks-plan.ts';

/** Ids of rows the dataset points at: statuses, entity types, departments, task types. */
export interface ReferenceIds {
  statuses: string[];
  statusFlags: Array<{ is_retake: boolean; is_wip: boolean; is_feedback_request: boolean; is_done: boolean }>;
  entityTypes: Map<string, string>;
  departments: string[];
  taskTypes: string[];
  openStatus: string;
}

/** The five system statuses and the temporal entity types come from migration 0003. */
async function systemRows(client: pg.PoolClient) {
  const statuses = await client.query<{ id: string; short_name: string; is_retake: boolean; is_wip: boolean; is_feedback_request: boolean; is_done: boolean }>(
    `SELECT id, short_name, is_retake, is_wip, is_feedback_request, is_done FROM task_status
      WHERE project_id IS NULL AND short_name = ANY($1::text[])`,
    [[...STATUS_SHORT_NAMES]],
  );
  const byShortName = new Map(statuses.rows.map((row) => [row.short_name, row]));
  const ordered = STATUS_SHORT_NAMES.map((name) => {
    const row = byShortName.get(name);
    if (!row) throw new Error(`The system status "${name}" is missing: seed a database migrated by Rushes.`);
    return row;
  });
  const open = await client.query<{ id: string }>(`SELECT id FROM project_status WHERE name = 'Open'`);
  const openStatus = open.rows[0]?.id;
  if (!openStatus) throw new Error('The project status "Open" is missing.');
  return { ordered, openStatus };
}

/** Inserts the named rows that may already exist (departments, asset types) and returns every id by name. */
async function upsertNamed(client: pg.PoolClient, sql: string, names: readonly string[], ids: string[]): Promise<Map<string, string>> {
  const result = await client.query<{ id: string; name: string }>(sql, [names, ids]);
  return new Map(result.rows.map((row) => [row.name, row.id]));
}

export async function writeReference(client: pg.PoolClient, plan: DatasetPlan): Promise<ReferenceIds> {
  const { ordered, openStatus } = await systemRows(client);
  const departments = await upsertNamed(
    client,
    `INSERT INTO department (id, name, color) SELECT i, n, '#4A6FA5' FROM unnest($1::text[], $2::uuid[]) AS x(n, i)
     ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id, name`,
    DEPARTMENTS,
    plan.ids.departments,
  );
  const entityTypes = await upsertNamed(
    client,
    `INSERT INTO entity_type (id, name) SELECT i, n FROM unnest($1::text[], $2::uuid[]) AS x(n, i)
     ON CONFLICT ((lower(name))) DO UPDATE SET name = entity_type.name RETURNING id, name`,
    ASSET_TYPES,
    plan.ids.assetTypes,
  );
  const temporal = await client.query<{ id: string; name: string }>(`SELECT id, name FROM entity_type WHERE name IN ('Shot', 'Sequence', 'Episode')`);
  for (const row of temporal.rows) entityTypes.set(row.name, row.id);
  const departmentIds = DEPARTMENTS.map((name) => departments.get(name) ?? '');
  await copyRows(
    client,
    'task_type',
    ['id', 'name', 'short_name', 'color', 'priority', 'for_entity', 'department_id'],
    ALL_TASK_TYPES.map((type, i) => [
      plan.ids.taskTypes[i], type.name, type.shortName, type.color, i + 1, type.forEntity, departmentIds[DEPARTMENTS.indexOf(type.department as (typeof DEPARTMENTS)[number])],
    ]),
  );
  return {
    statuses: ordered.map((row) => row.id),
    statusFlags: ordered.map(({ is_retake, is_wip, is_feedback_request, is_done }) => ({ is_retake, is_wip, is_feedback_request, is_done })),
    entityTypes,
    departments: departmentIds,
    taskTypes: plan.ids.taskTypes,
    openStatus,
  };
}
