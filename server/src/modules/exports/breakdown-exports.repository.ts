import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { TEMPORAL_KINDS } from '../breakdown/entity-kind.ts';

/**
 * Reads behind the shots and assets CSV exports (§8.7): a few small lookups for the header, then ONE
 * query for the rows, each row carrying its tasks (type, status short name, assignee names) and time
 * spent as aggregates, so that the rows can be streamed through a cursor without a query per row.
 */

export type BreakdownKind = 'Shot' | 'Asset';

export interface BreakdownFilter {
  projectId: string;
  kind: BreakdownKind;
  /** Shots: the sequence's episode; assets: their own episode or one they are cast in. */
  episodeId?: string;
  /** Only entities with a task assigned to this person (Zou's `assigned_to`: the caller). */
  assignedTo?: string;
}

export interface ExportProject {
  id: string;
  name: string;
  is_tv_show: boolean;
}

export interface DescriptorColumn {
  name: string;
  field_name: string;
  data_type: string;
}

export interface TaskTypeColumn {
  id: string;
  name: string;
}

export interface ExportTask {
  task_type_id: string;
  status: string;
  assignees: string;
}

export interface BreakdownExportRow {
  name: string;
  description: string | null;
  nb_frames: number | null;
  data: unknown;
  asset_type_name: string | null;
  sequence_name: string | null;
  episode_name: string | null;
  /** Assets of a tv show: the episode they belong to (null: the main pack). */
  source_name: string | null;
  tasks: ExportTask[];
  duration: number;
}

export async function findExportProject(db: Executor, projectId: string): Promise<ExportProject | undefined> {
  return db
    .selectFrom('project')
    .select(['id', 'name', sql<boolean>`coalesce(production_type = 'tvshow', false)`.as('is_tv_show')])
    .where('id', '=', projectId)
    .executeTakeFirst();
}

/** The project's metadata columns of a kind (entity-level descriptors, not task-type ones), in display order. */
export async function findDescriptorColumns(db: Executor, projectId: string, entityType: string): Promise<DescriptorColumn[]> {
  return db
    .selectFrom('metadata_descriptor')
    .select(['name', 'field_name', 'data_type'])
    .where('project_id', '=', projectId)
    .where('entity_type', '=', entityType)
    .where('task_type_id', 'is', null)
    .orderBy(sql`position NULLS LAST`)
    .orderBy('name')
    .execute();
}

const TEMPORAL_NAMES = sql.join(TEMPORAL_KINDS.map((kind) => sql.lit(kind)));

/** `FROM` of the exported entities, alias `e` (with `kt` its type, `sq` its sequence, `ep` the episode). */
function exportedFrom(filter: BreakdownFilter): RawBuilder<unknown> {
  const kindJoin = filter.kind === 'Shot'
    ? sql`JOIN entity_type kt ON kt.id = e.entity_type_id AND kt.name = 'Shot'`
    : sql`JOIN entity_type kt ON kt.id = e.entity_type_id AND kt.name NOT IN (${TEMPORAL_NAMES})`;
  return sql`
    FROM entity e
    ${kindJoin}
    LEFT JOIN entity sq ON sq.id = e.parent_id
    LEFT JOIN entity ep ON ep.id = sq.parent_id`;
}

/** The `WHERE` condition matching `exportedFrom`. */
function exportedWhere(filter: BreakdownFilter): RawBuilder<unknown> {
  const episode = filter.episodeId === undefined
    ? sql``
    : filter.kind === 'Shot'
      ? sql`AND sq.parent_id = ${filter.episodeId}`
      : sql`AND (e.source_id = ${filter.episodeId}
               OR EXISTS (SELECT 1 FROM entity_link l WHERE l.entity_in_id = ${filter.episodeId} AND l.entity_out_id = e.id))`;
  const assigned = filter.assignedTo === undefined
    ? sql``
    : sql`AND EXISTS (SELECT 1 FROM task t JOIN assignations a ON a.task_id = t.id
                       WHERE t.entity_id = e.id AND a.person_id = ${filter.assignedTo})`;
  return sql`e.project_id = ${filter.projectId} ${episode} ${assigned}`;
}

/** Task types having a task on an exported entity, by task type priority then name (Zou's column order). */
export async function findTaskTypeColumns(db: Executor, filter: BreakdownFilter): Promise<TaskTypeColumn[]> {
  const result = await sql<TaskTypeColumn>`
    SELECT tt.id, tt.name FROM task_type tt
     WHERE tt.id IN (SELECT t.task_type_id FROM task t WHERE t.entity_id IN (SELECT e.id ${exportedFrom(filter)} WHERE ${exportedWhere(filter)}))
     ORDER BY tt.priority NULLS LAST, tt.name COLLATE "C", tt.id`.execute(db);
  return result.rows;
}

/** The one row query, to be streamed: shots by episode, sequence, name; assets by type then name. */
export function breakdownRowsQuery(filter: BreakdownFilter): RawBuilder<BreakdownExportRow> {
  const order = filter.kind === 'Shot'
    ? sql`coalesce(ep.name, '') COLLATE "C", coalesce(sq.name, '') COLLATE "C", e.name COLLATE "C", e.id`
    : sql`kt.name COLLATE "C", e.name COLLATE "C", e.id`;
  return sql<BreakdownExportRow>`
    SELECT e.name, e.description, e.nb_frames, e.data, kt.name AS asset_type_name,
           sq.name AS sequence_name, ep.name AS episode_name,
           (SELECT name FROM entity src WHERE src.id = e.source_id) AS source_name,
           tk.tasks, tk.duration
    ${exportedFrom(filter)}
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(t.duration), 0)::float8 AS duration,
             coalesce(json_agg(json_build_object(
               'task_type_id', t.task_type_id,
               'status', ts.short_name,
               'assignees', (SELECT coalesce(string_agg(trim(p.first_name || ' ' || p.last_name), ',' ORDER BY p.first_name, p.last_name, p.id), '')
                               FROM assignations a JOIN person p ON p.id = a.person_id WHERE a.task_id = t.id)
             ) ORDER BY t.created_at, t.id), '[]'::json) AS tasks
        FROM task t JOIN task_status ts ON ts.id = t.task_status_id
       WHERE t.entity_id = e.id) tk
   WHERE ${exportedWhere(filter)}
   ORDER BY ${order}`;
}
