import { sql } from 'kysely';
import type { Static } from 'typebox';
import type { CastingEntryRow } from '../../../../packages/contracts/src/breakdown.schema.ts';
import type { Executor } from '../../platform/db/database.ts';
import { TEMPORAL_KINDS } from './entity-kind.ts';

/** Casting reads (§4.10): assets cast into shots, assets and episodes through `entity_link`. */

/** One casting entry (the contract's), plus the context keys each route adds. */
export type CastingItem = Static<typeof CastingEntryRow> & Record<string, unknown>;

/** One "cast in" entry: a shot (shot_id, names) or an asset (asset_id, names) using the asset. */
export type CastInItem = { nb_occurences: number } & Record<string, unknown>;

interface CastRow {
  in_id: string;
  asset_id: string;
  asset_name: string;
  asset_type_name: string;
  ready_for: string | null;
  episode_id: string | null;
  preview_file_id: string | null;
  nb_occurences: number;
  label: string | null;
  is_shared: boolean;
  project_id: string;
  sequence_name: string | null;
}

const castSelect = sql`
  SELECT l.entity_in_id AS in_id, l.entity_out_id AS asset_id, a.name AS asset_name, et.name AS asset_type_name,
         a.ready_for, a.source_id AS episode_id, a.preview_file_id, l.nb_occurences, l.label, a.is_shared, a.project_id,
         sq.name AS sequence_name
    FROM entity_link l
    JOIN entity a ON a.id = l.entity_out_id
    JOIN entity_type et ON et.id = a.entity_type_id
    JOIN entity s ON s.id = l.entity_in_id
    LEFT JOIN entity sq ON sq.id = s.parent_id`;

/** The casting of one shot, asset or episode, canceled assets left out, by asset type then name. */
export async function castingOf(db: Executor, entityId: string): Promise<CastingItem[]> {
  const { rows } = await sql<CastRow>`${castSelect}
    WHERE l.entity_in_id = ${entityId} AND NOT a.canceled ORDER BY et.name, a.name`.execute(db);
  return rows.map((row) => ({
    asset_id: row.asset_id,
    asset_name: row.asset_name,
    asset_type_name: row.asset_type_name,
    ready_for: row.ready_for,
    episode_id: row.episode_id,
    preview_file_id: row.preview_file_id,
    nb_occurences: row.nb_occurences,
    label: row.label,
    is_shared: row.is_shared,
    project_id: row.project_id,
  }));
}

function groupByIn(rows: CastRow[], present: (row: CastRow) => CastingItem): Record<string, CastingItem[]> {
  const map: Record<string, CastingItem[]> = {};
  for (const row of rows) (map[row.in_id] ??= []).push(present(row));
  return map;
}

/** Casting of every shot of a sequence: a map shot id → entries. */
export async function sequenceCasting(db: Executor, sequenceId: string): Promise<Record<string, CastingItem[]>> {
  const { rows } = await sql<CastRow>`${castSelect}
    WHERE s.parent_id = ${sequenceId} AND NOT a.canceled ORDER BY s.name, et.name, a.name`.execute(db);
  return groupByIn(rows, (row) => ({
    asset_id: row.asset_id,
    name: row.asset_name,
    asset_name: row.asset_name,
    asset_type_name: row.asset_type_name,
    sequence_name: row.sequence_name,
    preview_file_id: row.preview_file_id,
    nb_occurences: row.nb_occurences,
    label: row.label,
    is_shared: row.is_shared,
    project_id: row.project_id,
  }));
}

/** Casting of every asset of one type in a project (set dressing): a map asset id → entries. */
export async function assetTypeCasting(db: Executor, projectId: string, assetTypeId: string): Promise<Record<string, CastingItem[]>> {
  const { rows } = await sql<CastRow>`${castSelect}
    WHERE s.project_id = ${projectId} AND s.entity_type_id = ${assetTypeId} AND NOT a.canceled
    ORDER BY et.name, a.name`.execute(db);
  return groupByIn(rows, (row) => ({
    asset_id: row.asset_id,
    name: row.asset_name,
    asset_name: row.asset_name,
    asset_type_name: row.asset_type_name,
    preview_file_id: row.preview_file_id,
    nb_occurences: row.nb_occurences,
    label: row.label,
  }));
}

/** Casting of every episode of a project: a map episode id → entries. */
export async function episodesCasting(db: Executor, projectId: string): Promise<Record<string, CastingItem[]>> {
  const { rows } = await sql<CastRow>`${castSelect}
    JOIN entity_type st ON st.id = s.entity_type_id AND st.name = 'Episode'
    WHERE s.project_id = ${projectId} AND NOT a.canceled ORDER BY et.name, a.name`.execute(db);
  return groupByIn(rows, (row) => ({
    asset_id: row.asset_id,
    name: row.asset_name,
    asset_name: row.asset_name,
    asset_type_name: row.asset_type_name,
    preview_file_id: row.preview_file_id,
    nb_occurences: row.nb_occurences,
    label: row.label,
    is_shared: row.is_shared,
    project_id: row.project_id,
  }));
}

/** Where an asset is cast: shots (with sequence and episode names), then assets. Two queries. */
export async function castIn(db: Executor, assetId: string): Promise<CastInItem[]> {
  const shots = await sql<CastInItem>`
    SELECT l.entity_in_id AS shot_id, s.name AS shot_name, sq.name AS sequence_name, ep.id AS episode_id,
           ep.name AS episode_name, s.preview_file_id, l.nb_occurences
      FROM entity_link l
      JOIN entity s ON s.id = l.entity_in_id
      JOIN entity sq ON sq.id = s.parent_id
      LEFT JOIN entity ep ON ep.id = sq.parent_id
     WHERE l.entity_out_id = ${assetId} AND NOT s.canceled
     ORDER BY ep.name NULLS FIRST, sq.name, s.name`.execute(db);
  const assets = await sql<CastInItem>`
    SELECT l.entity_in_id AS asset_id, s.name AS asset_name, et.name AS asset_type_name, s.preview_file_id, l.nb_occurences
      FROM entity_link l
      JOIN entity s ON s.id = l.entity_in_id
      JOIN entity_type et ON et.id = s.entity_type_id
     WHERE l.entity_out_id = ${assetId} AND NOT s.canceled
       AND et.name <> ALL(${[...TEMPORAL_KINDS]}::text[])
     ORDER BY et.name, s.name`.execute(db);
  return [...shots.rows, ...assets.rows];
}
