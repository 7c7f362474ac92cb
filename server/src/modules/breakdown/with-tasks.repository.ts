import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { TEMPORAL_KINDS } from './entity-kind.ts';

/**
 * The production tables (`data/shots/with-tasks`, `data/assets/with-tasks`): hot reads of thousands
 * of entities and tens of thousands of tasks, so each is one hand-written statement that returns
 * the finished JSON text. Node never touches a row: no per-row object, no serialisation pass.
 *
 * Shape of the statement, and why:
 * - the entities are selected and sorted first, narrow, behind an `OFFSET 0` fence; a nested loop
 *   keeps that order and `json_agg` consumes it (sorting inside the aggregate would sort the wide,
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

async function jsonText(db: Executor, query: RawBuilder<{ body: string }>): Promise<string> {
  const row = (await query.execute(db)).rows[0];
  return row?.body ?? '[]';
}

/** Shots with their tasks, ordered by episode, sequence and shot name, as JSON text. */
export function shotsWithTasksJson(db: Executor, scope: ShotScope): Promise<string> {
  return jsonText(db, sql<{ body: string }>`
    SELECT coalesce(json_agg(s), '[]')::text AS body FROM (
      SELECT b.id, b.name, b.description, b.nb_frames, b.data->'frame_in' AS frame_in, b.data->'frame_out' AS frame_out, b.data,
             b.canceled, b.parent_id, b.sequence_name, b.episode_id, b.episode_name, b.preview_file_id, coalesce(tk.tasks, '[]') AS tasks
        FROM (SELECT e.id, e.name, e.description, e.nb_frames, e.data, e.canceled, e.parent_id, e.preview_file_id,
                     seq.name AS sequence_name, ep.id AS episode_id, ep.name AS episode_name
                FROM entity e
                JOIN entity_type et ON et.id = e.entity_type_id AND et.name = 'Shot'
                LEFT JOIN entity seq ON seq.id = e.parent_id
                LEFT JOIN entity ep ON ep.id = seq.parent_id
               WHERE ${shotFilter(scope)} ${vendorEntities(scope.vendorId)}
               ORDER BY ep.name NULLS FIRST, seq.name, e.name, e.id
              OFFSET 0) b
        ${tasksOf(scope.vendorId)}) s`);
}

/** Assets with their tasks, ordered by asset type name then asset name, as JSON text. */
export function assetsWithTasksJson(db: Executor, scope: AssetScope): Promise<string> {
  return jsonText(db, sql<{ body: string }>`
    SELECT coalesce(json_agg(s), '[]')::text AS body FROM (
      SELECT b.id, b.name, b.description, b.data, b.canceled, b.entity_type_id, b.asset_type_name, b.preview_file_id,
             coalesce(tk.tasks, '[]') AS tasks
        FROM (SELECT e.id, e.name, e.description, e.data, e.canceled, e.entity_type_id, et.name AS asset_type_name, e.preview_file_id
                FROM entity e
                JOIN entity_type et ON et.id = e.entity_type_id
               WHERE ${assetFilter(scope)} ${vendorEntities(scope.vendorId)}
               ORDER BY et.name, e.name, e.id
              OFFSET 0) b
        ${tasksOf(scope.vendorId)}) s`);
}

/** Milliseconds since the epoch of a timestamp, as an integer (sums of them are exact and order-independent). */
const ms = (column: string) => sql.raw(`(date_part('epoch', ${column}) * 1000)::int8`);

/**
 * What the body depends on, cheaply: count and sum of `updated_at` over the entities in scope (with
 * their sequence and episode rows, whose names are shown) and over their tasks. A sum rather than a
 * max: `updated_at` is the writing transaction's start time, so a transaction that commits late can
 * leave the max unchanged while it changes the sum. Assignments touch their task (migration 0100).
 */
function fingerprint(db: Executor, scopeRows: RawBuilder<unknown>, projectId: string): Promise<string> {
  return sql<{ fingerprint: string }>`
    WITH scope AS (${scopeRows})
    SELECT concat_ws(':', (SELECT count(*) FROM scope), (SELECT sum(s.own_ms + s.parent_ms) FROM scope s), t.n, t.total) AS fingerprint
      FROM (SELECT count(*) AS n, sum(${ms('t.updated_at')}) AS total
              FROM task t JOIN scope s ON s.id = t.entity_id
             WHERE t.project_id = ${projectId}) t`
    .execute(db)
    .then((result) => result.rows[0]?.fingerprint ?? '');
}

export function shotsFingerprint(db: Executor, scope: ShotScope): Promise<string> {
  return fingerprint(db, sql`
    SELECT e.id, ${ms('e.updated_at')} AS own_ms,
           coalesce(${ms('seq.updated_at')}, 0) + coalesce(${ms('ep.updated_at')}, 0) AS parent_ms
      FROM entity e
      JOIN entity_type et ON et.id = e.entity_type_id AND et.name = 'Shot'
      LEFT JOIN entity seq ON seq.id = e.parent_id
      LEFT JOIN entity ep ON ep.id = seq.parent_id
     WHERE ${shotFilter(scope)}`, scope.projectId);
}

export function assetsFingerprint(db: Executor, scope: AssetScope): Promise<string> {
  return fingerprint(db, sql`
    SELECT e.id, ${ms('e.updated_at')} AS own_ms, ${ms('et.updated_at')} AS parent_ms
      FROM entity e
      JOIN entity_type et ON et.id = e.entity_type_id
     WHERE ${assetFilter(scope)}`, scope.projectId);
}
