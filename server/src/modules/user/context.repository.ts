import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { UserContext } from '../../../../packages/contracts/src/user.schema.ts';
import { TEMPORAL_KINDS } from '../breakdown/entity-kind.ts';
import { PERSON_MINIMAL_FIELDS, PERSON_SAFE_FIELDS, presentPerson, presentPersonMinimal } from '../persons/person.presenter.ts';
import {
  ASSET_TYPE_COLUMNS,
  DEPARTMENT_COLUMNS,
  jsonObject,
  PROJECT_STATUS_COLUMNS,
  STUDIO_COLUMNS,
  TASK_STATUS_COLUMNS,
  TASK_TYPE_COLUMNS,
} from './wire-columns.ts';

export type ReferenceData = Pick<
  UserContext,
  'task_types' | 'task_status' | 'asset_types' | 'departments' | 'studios' | 'project_status' | 'notification_count' | 'project_roles'
>;

/**
 * Everything global the web app loads at start, in one statement: task types, task statuses (the
 * studio's plus the custom ones of the caller's projects), asset types, departments, studios,
 * project statuses, the caller's unread notification count and per-project roles.
 */
export async function loadReferenceData(db: Executor, actor: Actor): Promise<ReferenceData> {
  const kinds = sql.join(TEMPORAL_KINDS.map((kind) => sql.lit(kind)));
  const customStatuses = actor.role === 'admin'
    ? sql`true`
    : sql`ts.project_id IN (SELECT l.project_id FROM project_person_link l WHERE l.person_id = ${actor.id})`;
  const result = await sql<ReferenceData>`
    SELECT
      (SELECT coalesce(jsonb_agg(${jsonObject('tt', TASK_TYPE_COLUMNS, 'TaskType')} ORDER BY tt.priority, tt.name), '[]'::jsonb)
         FROM task_type tt) AS task_types,
      (SELECT coalesce(jsonb_agg(${jsonObject('ts', TASK_STATUS_COLUMNS, 'TaskStatus')} ORDER BY ts.priority, ts.name), '[]'::jsonb)
         FROM task_status ts WHERE ts.project_id IS NULL OR ${customStatuses}) AS task_status,
      (SELECT coalesce(jsonb_agg(${jsonObject('et', ASSET_TYPE_COLUMNS, 'AssetType')} ORDER BY et.name), '[]'::jsonb)
         FROM entity_type et WHERE et.name NOT IN (${kinds})) AS asset_types,
      (SELECT coalesce(jsonb_agg(${jsonObject('d', DEPARTMENT_COLUMNS, 'Department')} ORDER BY d.name), '[]'::jsonb)
         FROM department d) AS departments,
      (SELECT coalesce(jsonb_agg(${jsonObject('s', STUDIO_COLUMNS, 'Studio')} ORDER BY s.name), '[]'::jsonb)
         FROM studio s) AS studios,
      (SELECT coalesce(jsonb_agg(${jsonObject('ps', PROJECT_STATUS_COLUMNS, 'ProjectStatus')} ORDER BY ps.name), '[]'::jsonb)
         FROM project_status ps) AS project_status,
      (SELECT count(*)::int FROM notification n WHERE n.person_id = ${actor.id} AND NOT n.read) AS notification_count,
      (SELECT coalesce(jsonb_object_agg(l.project_id, l.role), '{}'::jsonb)
         FROM project_person_link l WHERE l.person_id = ${actor.id} AND l.role IS NOT NULL) AS project_roles`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('reference data query returned no row');
  return row;
}

/** Every non-guest person with department ids: the full safe view for managers, the minimal one otherwise. */
export async function loadPersons(db: Executor, full: boolean): Promise<UserContext['persons']> {
  const fields = full ? PERSON_SAFE_FIELDS : PERSON_MINIMAL_FIELDS;
  const columns = sql.join(fields.map((field) => sql.ref(`p.${field}`)));
  const result = await sql<Record<string, unknown> & { id: string; department_ids: string[] }>`
    SELECT ${columns}, ARRAY(SELECT dl.department_id FROM department_link dl WHERE dl.person_id = p.id) AS department_ids
      FROM person p
     WHERE NOT p.is_guest
     ORDER BY p.first_name, p.last_name`.execute(db);
  return result.rows.map(({ department_ids: departments, ...row }) => ({
    ...(full ? presentPerson(row, departments) : presentPersonMinimal(row, departments)),
    id: row.id,
    type: 'Person' as const,
  }));
}
