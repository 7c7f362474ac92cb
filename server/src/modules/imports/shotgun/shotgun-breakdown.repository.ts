import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.ts';
import { TEMPORAL_KINDS } from '../../breakdown/entity-kind.ts';
import { ENTITY_COLUMNS, type EntityRecord } from '../../breakdown/entity.presenter.ts';
import type { Written } from './shotgun-import.ts';

/**
 * Upserts of ShotGrid episodes, sequences, shots and assets on the key (entity type, shotgun_id).
 * Unchanged rows are not written. Empty ShotGrid descriptions, frame counts and scenes keep what the
 * row has; custom fields are merged into `data`.
 */

export interface SgEntityValues {
  shotgun_id: number;
  entity_type_id: string;
  project_id: string;
  name: string;
  description: string | null;
  parent_id: string | null;
  source_id: string | null;
  nb_frames: number | null;
  data: Record<string, unknown>;
}

const json = (rows: object[]) => JSON.stringify(rows);
const RECORDSET = sql`shotgun_id int, entity_type_id uuid, project_id uuid, name text, description text, parent_id uuid, source_id uuid, nb_frames int, data jsonb`;
const TEMPORAL_NAMES = sql.join(TEMPORAL_KINDS.map((kind) => sql.lit(kind)));

/** Episodes, sequences and shots keyed (project, type, parent, name) by an entity of another ShotGrid id. */
export async function temporalConflicts(tx: Tx, rows: SgEntityValues[]): Promise<Set<number>> {
  if (rows.length === 0) return new Set();
  const result = await sql<{ shotgun_id: number }>`
    SELECT x.shotgun_id FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(${RECORDSET})
      JOIN entity e ON e.project_id = x.project_id AND e.entity_type_id = x.entity_type_id AND e.name = x.name
       AND e.parent_id IS NOT DISTINCT FROM x.parent_id AND e.shotgun_id IS NOT NULL AND e.shotgun_id <> x.shotgun_id`.execute(tx);
  return new Set(result.rows.map((row) => row.shotgun_id));
}

/** Episodes, sequences and shots created in Rushes before the first import take the ShotGrid id of their namesake. */
export async function adoptTemporals(tx: Tx, rows: SgEntityValues[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    UPDATE entity e SET shotgun_id = x.shotgun_id
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(${RECORDSET})
     WHERE e.shotgun_id IS NULL AND e.project_id = x.project_id AND e.entity_type_id = x.entity_type_id AND e.name = x.name
       AND e.parent_id IS NOT DISTINCT FROM x.parent_id
       AND NOT EXISTS (SELECT 1 FROM entity q WHERE q.entity_type_id = x.entity_type_id AND q.shotgun_id = x.shotgun_id)`.execute(tx);
}

/** An asset whose asset type changed in ShotGrid moves to its new type (so the upsert finds it). */
export async function retypeAssets(tx: Tx, rows: SgEntityValues[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    UPDATE entity e SET entity_type_id = x.entity_type_id
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(${RECORDSET}), entity_type et
     WHERE et.id = e.entity_type_id AND et.name NOT IN (${TEMPORAL_NAMES})
       AND e.shotgun_id = x.shotgun_id AND e.entity_type_id <> x.entity_type_id
       AND NOT EXISTS (SELECT 1 FROM entity q WHERE q.entity_type_id = x.entity_type_id AND q.shotgun_id = x.shotgun_id)`.execute(tx);
}

export async function upsertEntities(tx: Tx, rows: SgEntityValues[], actorId: string): Promise<Written[]> {
  if (rows.length === 0) return [];
  const merged = sql`coalesce(e.data, '{}'::jsonb) || excluded.data`;
  const result = await sql<Written>`
    INSERT INTO entity AS e (shotgun_id, entity_type_id, project_id, name, description, parent_id, source_id, nb_frames, data, created_by)
    SELECT x.shotgun_id, x.entity_type_id, x.project_id, x.name, x.description, x.parent_id, x.source_id, x.nb_frames, x.data, ${actorId}::uuid
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(${RECORDSET})
    ON CONFLICT (entity_type_id, shotgun_id) DO UPDATE SET
       project_id = excluded.project_id, name = excluded.name, description = coalesce(excluded.description, e.description),
       parent_id = excluded.parent_id, source_id = coalesce(excluded.source_id, e.source_id),
       nb_frames = coalesce(excluded.nb_frames, e.nb_frames), data = ${merged}
     WHERE (e.project_id, e.name, e.description, e.parent_id, e.source_id, e.nb_frames, e.data)
           IS DISTINCT FROM (excluded.project_id, excluded.name, coalesce(excluded.description, e.description), excluded.parent_id,
                             coalesce(excluded.source_id, e.source_id), coalesce(excluded.nb_frames, e.nb_frames), ${merged})
    RETURNING e.id, (e.xmax = 0) AS inserted`.execute(tx);
  return result.rows;
}

export async function entitiesBySgId(tx: Tx, rows: SgEntityValues[]): Promise<EntityRecord[]> {
  if (rows.length === 0) return [];
  const result = await sql<EntityRecord>`
    SELECT ${sql.join(ENTITY_COLUMNS.map((column) => sql.ref(`e.${column}`)))} FROM entity e
      JOIN jsonb_to_recordset(${json(rows)}::jsonb) AS x(${RECORDSET}) ON e.entity_type_id = x.entity_type_id AND e.shotgun_id = x.shotgun_id`.execute(tx);
  return result.rows;
}

/**
 * Makes the casting of each entity exactly the given assets (shots from their `assets` field, parent
 * assets from their children's `parents`); returns the entities whose casting changed.
 */
export async function replaceCasting(tx: Tx, castings: Array<{ entityId: string; assetIds: string[] }>): Promise<Set<string>> {
  if (castings.length === 0) return new Set();
  const pairs = castings.flatMap((casting) => casting.assetIds.map((assetId) => ({ in: casting.entityId, out: assetId })));
  const removed = await sql<{ id: string }>`
    DELETE FROM entity_link l WHERE l.entity_in_id = ANY(${castings.map((c) => c.entityId)}::uuid[])
       AND NOT EXISTS (SELECT 1 FROM unnest(${pairs.map((p) => p.in)}::uuid[], ${pairs.map((p) => p.out)}::uuid[]) AS x(i, o)
                        WHERE x.i = l.entity_in_id AND x.o = l.entity_out_id)
    RETURNING l.entity_in_id AS id`.execute(tx);
  const added = pairs.length === 0 ? { rows: [] } : await sql<{ id: string }>`
    INSERT INTO entity_link (entity_in_id, entity_out_id, nb_occurences, label)
    SELECT DISTINCT x.i, x.o, 1, '' FROM unnest(${pairs.map((p) => p.in)}::uuid[], ${pairs.map((p) => p.out)}::uuid[]) AS x(i, o) WHERE x.i <> x.o
    ON CONFLICT DO NOTHING RETURNING entity_in_id AS id`.execute(tx);
  const changed = new Set([...removed.rows, ...added.rows].map((row) => row.id));
  if (changed.size > 0) {
    await sql`UPDATE entity e SET nb_entities_out = (SELECT count(*) FROM entity_link l WHERE l.entity_in_id = e.id) WHERE e.id = ANY(${[...changed]}::uuid[])`.execute(tx);
  }
  return changed;
}

/** Asset types by name, created when missing. */
export async function ensureAssetTypes(tx: Tx, names: string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  await sql`INSERT INTO entity_type (name) SELECT DISTINCT unnest(${names}::text[]) ON CONFLICT DO NOTHING`.execute(tx);
  const rows = await sql<{ id: string; name: string }>`SELECT id, name FROM entity_type WHERE lower(name) = ANY(${names.map((n) => n.toLowerCase())}::text[])`.execute(tx);
  const byLower = new Map(rows.rows.map((row) => [row.name.toLowerCase(), row.id]));
  return new Map(names.map((name) => [name, byLower.get(name.toLowerCase()) ?? '']));
}
