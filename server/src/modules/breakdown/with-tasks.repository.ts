import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { TEMPORAL_KINDS } from './entity-kind.ts';

/**
 * The production tables (`data/shots/with-tasks`, `data/assets/with-tasks`): hot reads of thousands
 * of entities and tens of thousands of tasks. Each statement returns finished JSON text: Node never
 * builds an object per row nor serialises one.
 *
 * A table is made of groups, in display order: the shots of one sequence, the assets of one type.
 * The fingerprint statement gives each group's validator; the fragment statement builds the JSON of
 * the groups the caller's cache lacks (with-tasks.service.ts). Statement shape, and why:
 * - entities are selected and sorted first, narrow, behind an `OFFSET 0` fence; a nested loop keeps
 *   that order and `json_agg` consumes it (sorting inside the aggregate would sort the wide,
 *   JSON-carrying rows and spill to disk on a big project);
 * - each entity's tasks come from a LATERAL on `task (entity_id, …)`, aggregated as records (compact
 *   `{"k":v}` output, cheaper than json_build_object), their assignees from the assignations key;
 * - times are truncated to the second, which PostgreSQL's JSON output writes as Zou's
 *   `YYYY-MM-DDTHH:MM:SS` without a to_char per value.
 */

export interface ShotScope {
  projectId: string;
  sequenceId?: string;
  episodeId?: string;
  /** Vendors only see the entities, and the tasks, assigned to them. */
  vendorId?: string;
}

export interface AssetScope {
  projectId: string;
  assetTypeId?: string;
  vendorId?: string;
}

/** A group of a table (a sequence's shots, an asset type's assets) and the validator of what it shows. */
export interface TableGroup {
  /** Sequence id (null: shots outside any sequence) or asset type id. */
  group_id: string | null;
  fingerprint: string;
}

export interface TableFragment {
  group_id: string | null;
  /** JSON array of the group's entities. */
  body: string;
}

const temporalKinds = () => sql.join(TEMPORAL_KINDS.map((kind) => sql.lit(kind)));

function shotFilter(scope: ShotScope): RawBuilder<unknown> {
  const sequence = scope.sequenceId ? sql`AND e.parent_id = ${scope.sequenceId}` : sql``;
  const episode = scope.episodeId ? sql`AND seq.parent_id = ${scope.episodeId}` : sql``;
  return sql`e.project_id = ${scope.projectId} ${sequence} ${episode}`;
}

function assetFilter(scope: AssetScope): RawBuilder<unknown> {
  const type = scope.assetTypeId ? sql`AND e.entity_type_id = ${scope.assetTypeId}` : sql``;
  return sql`e.project_id = ${scope.projectId} AND et.name NOT IN (${temporalKinds()}) ${type}`;
}

function vendorEntities(vendorId: string | undefined): RawBuilder<unknown> {
  if (!vendorId) return sql``;
  return sql`AND EXISTS (SELECT 1 FROM task vt JOIN assignations va ON va.task_id = vt.id
                          WHERE vt.entity_id = e.id AND va.person_id = ${vendorId})`;
}

/** Only the groups asked for: ids, plus the shots outside any sequence when `withoutGroup`. */
function groupFilter(column: string, groups: { ids: string[]; withoutGroup: boolean } | undefined): RawBuilder<unknown> {
  if (!groups) return sql``;
  const ref = sql.ref(column);
  return groups.withoutGroup
    ? sql`AND (${ref} = ANY(${groups.ids}::uuid[]) OR ${ref} IS NULL)`
    : sql`AND ${ref} = ANY(${groups.ids}::uuid[])`;
}

/** The tasks of entity `b.id` as a JSON array (or null when it has none). */
function tasksOf(vendorId: string | undefined): RawBuilder<unknown> {
  const vendor = vendorId
    ? sql`AND EXISTS (SELECT 1 FROM assignations va WHERE va.task_id = t.id AND va.person_id = ${vendorId})`
    : sql``;
  return sql`LEFT JOIN LATERAL (
      SELECT json_agg(x) AS tasks FROM (
        SELECT t.id, t.task_type_id, t.task_status_id,
               ARRAY(SELECT a.person_id FROM assignations a WHERE a.task_id = t.id ORDER BY a.person_id) AS assignees,
               t.priority, t.estimation, t.duration,
               date_trunc('second', t.start_date) AS start_date, date_trunc('second', t.due_date) AS due_date,
               date_trunc('second', t.last_comment_date) AS last_comment_date, t.retake_count
          FROM task t
         WHERE t.entity_id = b.id ${vendor}
         ORDER BY t.task_type_id, t.id) x) tk ON true`;
}

/** Shots with their tasks, sorted by episode, sequence and shot name; `group_id` is the sequence. */
function shotRows(scope: ShotScope, groups?: { ids: string[]; withoutGroup: boolean }): RawBuilder<unknown> {
  return sql`
    SELECT b.id, b.name, b.description, b.nb_frames, b.data->'frame_in' AS frame_in, b.data->'frame_out' AS frame_out, b.data,
           b.canceled, b.parent_id, b.sequence_name, b.episode_id, b.episode_name, b.preview_file_id, coalesce(tk.tasks, '[]') AS tasks
      FROM (SELECT e.id, e.name, e.description, e.nb_frames, e.data, e.canceled, e.parent_id, e.preview_file_id,
                   seq.name AS sequence_name, ep.id AS episode_id, ep.name AS episode_name
              FROM entity e
              JOIN entity_type et ON et.id = e.entity_type_id AND et.name = 'Shot'
              LEFT JOIN entity seq ON seq.id = e.parent_id
              LEFT JOIN entity ep ON ep.id = seq.parent_id
             WHERE ${shotFilter(scope)} ${vendorEntities(scope.vendorId)} ${groupFilter('e.parent_id', groups)}
             ORDER BY ep.name NULLS FIRST, seq.name, e.parent_id, e.name, e.id
            OFFSET 0) b
      ${tasksOf(scope.vendorId)}`;
}

/** Assets with their tasks, sorted by asset type name then asset name; `group_id` is the asset type. */
function assetRows(scope: AssetScope, groups?: { ids: string[]; withoutGroup: boolean }): RawBuilder<unknown> {
  return sql`
    SELECT b.id, b.name, b.description, b.data, b.canceled, b.entity_type_id, b.asset_type_name, b.preview_file_id,
           coalesce(tk.tasks, '[]') AS tasks
      FROM (SELECT e.id, e.name, e.description, e.data, e.canceled, e.entity_type_id, et.name AS asset_type_name, e.preview_file_id
              FROM entity e
              JOIN entity_type et ON et.id = e.entity_type_id
             WHERE ${assetFilter(scope)} ${vendorEntities(scope.vendorId)} ${groupFilter('e.entity_type_id', groups)}
             ORDER BY et.name, e.entity_type_id, e.name, e.id
            OFFSET 0) b
      ${tasksOf(scope.vendorId)}`;
}

async function wholeTable(db: Executor, rows: RawBuilder<unknown>): Promise<string> {
  const result = await sql<{ body: string }>`SELECT coalesce(json_agg(s), '[]')::text AS body FROM (${rows}) s`.execute(db);
  return result.rows[0]?.body ?? '[]';
}

/** The whole table in one statement (vendors' own views, and the bench's C_sql ceiling). */
export function shotsWithTasksJson(db: Executor, scope: ShotScope): Promise<string> {
  return wholeTable(db, shotRows(scope));
}

export function assetsWithTasksJson(db: Executor, scope: AssetScope): Promise<string> {
  return wholeTable(db, assetRows(scope));
}

/** One JSON array per group; a group's rows reach its aggregate in their sorted order. */
async function fragments(db: Executor, rows: RawBuilder<unknown>, groupColumn: 'parent_id' | 'entity_type_id'): Promise<TableFragment[]> {
  const group = sql.ref(`s.${groupColumn}`);
  const result = await sql<TableFragment>`
    SELECT ${group} AS group_id, json_agg(s)::text AS body FROM (${rows}) s GROUP BY ${group}`.execute(db);
  return result.rows;
}

export function shotFragments(db: Executor, scope: ShotScope, groups: { ids: string[]; withoutGroup: boolean }): Promise<TableFragment[]> {
  return fragments(db, shotRows(scope, groups), 'parent_id');
}

export function assetFragments(db: Executor, scope: AssetScope, groups: { ids: string[] }): Promise<TableFragment[]> {
  return fragments(db, assetRows(scope, { ids: groups.ids, withoutGroup: false }), 'entity_type_id');
}

/**
 * A timestamp as an exact interval since 2000: sums of them are exact and order-independent (a float
 * sum would depend on the plan), and cheaper than date_part per row.
 */
const since = (column: string) => sql.raw(`(${column} - timestamp '2000-01-01')`);

/**
 * What a whole project's tables show, cheaply: count and sum of `updated_at` over its tasks (an
 * index-only scan of task_project_updated_idx, migration 0101), its entities and the entity types
 * (asset type names are shown). Wider than any one table (a shot change also moves the assets
 * table's validator), which only costs a recomputation of the groups' fingerprints.
 */
export async function projectFingerprint(db: Executor, projectId: string): Promise<string> {
  const result = await sql<{ fingerprint: string }>`
    SELECT concat_ws(':',
             (SELECT concat_ws(':', count(*), sum(${since('t.updated_at')})) FROM task t WHERE t.project_id = ${projectId}),
             (SELECT concat_ws(':', count(*), sum(${since('e.updated_at')})) FROM entity e WHERE e.project_id = ${projectId}),
             (SELECT concat_ws(':', count(*), sum(${since('et.updated_at')})) FROM entity_type et)) AS fingerprint`.execute(db);
  return result.rows[0]?.fingerprint ?? '';
}

/**
 * What each group shows: count and sum of `updated_at` over its entities and their tasks,
 * and the `updated_at` of the rows whose names it shows (sequence and episode, asset type). A sum
 * rather than a max: `updated_at` is the writing transaction's start time, so a transaction that
 * commits late can leave the max unchanged while it changes the sum. Assignments touch their task
 * (migration 0100). Groups come in display order.
 */
export async function shotGroups(db: Executor, scope: ShotScope): Promise<TableGroup[]> {
  const result = await sql<TableGroup>`
    WITH shots AS (
      SELECT e.id, e.parent_id, ${since('e.updated_at')} AS since
        FROM entity e
        JOIN entity_type et ON et.id = e.entity_type_id AND et.name = 'Shot'
        LEFT JOIN entity seq ON seq.id = e.parent_id
       WHERE ${shotFilter(scope)}
    ), tasks AS (
      SELECT s.parent_id, count(*) AS n, sum(${since('t.updated_at')}) AS total
        FROM task t JOIN shots s ON s.id = t.entity_id
       WHERE t.project_id = ${scope.projectId}
       GROUP BY s.parent_id
    ), groups AS (
      SELECT parent_id, count(*) AS n, sum(since) AS total FROM shots GROUP BY parent_id
    )
    SELECT g.parent_id AS group_id,
           concat_ws(':', g.n, g.total, ${since('seq.updated_at')}, ${since('ep.updated_at')}, coalesce(tk.n, 0), tk.total) AS fingerprint
      FROM groups g
      LEFT JOIN entity seq ON seq.id = g.parent_id
      LEFT JOIN entity ep ON ep.id = seq.parent_id
      LEFT JOIN tasks tk ON tk.parent_id IS NOT DISTINCT FROM g.parent_id
     ORDER BY ep.name NULLS FIRST, seq.name, g.parent_id`.execute(db);
  return result.rows;
}

export async function assetGroups(db: Executor, scope: AssetScope): Promise<TableGroup[]> {
  const result = await sql<TableGroup>`
    WITH assets AS (
      SELECT e.id, e.entity_type_id, ${since('e.updated_at')} AS since
        FROM entity e JOIN entity_type et ON et.id = e.entity_type_id
       WHERE ${assetFilter(scope)}
    ), tasks AS (
      SELECT s.entity_type_id, count(*) AS n, sum(${since('t.updated_at')}) AS total
        FROM task t JOIN assets s ON s.id = t.entity_id
       WHERE t.project_id = ${scope.projectId}
       GROUP BY s.entity_type_id
    ), groups AS (
      SELECT entity_type_id, count(*) AS n, sum(since) AS total FROM assets GROUP BY entity_type_id
    )
    SELECT g.entity_type_id AS group_id,
           concat_ws(':', g.n, g.total, ${since('et.updated_at')}, coalesce(tk.n, 0), tk.total) AS fingerprint
      FROM groups g
      JOIN entity_type et ON et.id = g.entity_type_id
      LEFT JOIN tasks tk ON tk.entity_type_id = g.entity_type_id
     ORDER BY et.name, g.entity_type_id`.execute(db);
  return result.rows;
}
