import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import { TEMPORAL_KINDS } from '../breakdown/entity-kind.ts';
import { ENTITY_COLUMNS, type EntityRecord } from '../breakdown/entity.presenter.ts';

/** Set-based breakdown writes of the CSV imports: one statement per batch and kind. */

const RETURNING = sql.join(ENTITY_COLUMNS.map((column) => sql.ref(`e.${column}`)));
const typeId = (name: string) => sql`(SELECT id FROM entity_type WHERE name = ${name})`;
const TEMPORAL_NAMES = sql.join(TEMPORAL_KINDS.map((kind) => sql.lit(kind)));

export interface Temporal {
  id: string;
  name: string;
  parent_id: string | null;
  created: boolean;
}

/**
 * Get-or-create of episodes or sequences by (parent, name) — the unique index of migration 0040 makes
 * concurrent imports meet on one row. Returns every asked-for row, flagging the ones created here.
 */
export async function ensureTemporals(tx: Tx, kind: 'Episode' | 'Sequence', projectId: string, items: Array<{ parentId: string | null; name: string }>, actorId: string): Promise<Temporal[]> {
  if (items.length === 0) return [];
  const result = await sql<Temporal>`
    WITH input AS (
      SELECT DISTINCT * FROM unnest(${items.map((i) => i.parentId)}::uuid[], ${items.map((i) => i.name)}::text[]) AS x(parent_id, name)
    ), created AS (
      INSERT INTO entity (entity_type_id, project_id, name, parent_id, data, created_by)
      SELECT ${typeId(kind)}, ${projectId}::uuid, name, parent_id, '{}'::jsonb, ${actorId}::uuid FROM input
      ON CONFLICT DO NOTHING
      RETURNING id, name, parent_id
    )
    SELECT id, name, parent_id, true AS created FROM created
    UNION ALL
    SELECT e.id, e.name, e.parent_id, false AS created
      FROM entity e JOIN input x ON e.name = x.name AND e.parent_id IS NOT DISTINCT FROM x.parent_id
     WHERE e.project_id = ${projectId} AND e.entity_type_id = ${typeId(kind)}`.execute(tx);
  return result.rows;
}

/** Shots of the project by (sequence, name), locked for the batch's updates. */
export async function findShots(tx: Tx, projectId: string, keys: Array<{ parentId: string; name: string }>): Promise<EntityRecord[]> {
  if (keys.length === 0) return [];
  const result = await sql<EntityRecord>`
    SELECT ${RETURNING} FROM entity e
      JOIN unnest(${keys.map((k) => k.parentId)}::uuid[], ${keys.map((k) => k.name)}::text[]) AS x(parent_id, name)
        ON e.parent_id = x.parent_id AND e.name = x.name
     WHERE e.project_id = ${projectId} AND e.entity_type_id = ${typeId('Shot')}
       FOR UPDATE OF e`.execute(tx);
  return result.rows;
}

/** Assets of the project by name (any asset type: Zou matches on name and project only); the oldest wins. */
export async function findAssetsByName(tx: Tx, projectId: string, names: string[]): Promise<EntityRecord[]> {
  if (names.length === 0) return [];
  const result = await sql<EntityRecord>`
    SELECT ${RETURNING} FROM entity e
     WHERE e.id IN (
       SELECT DISTINCT ON (a.name) a.id FROM entity a
         JOIN entity_type et ON et.id = a.entity_type_id AND et.name NOT IN (${TEMPORAL_NAMES})
        WHERE a.project_id = ${projectId} AND a.name = ANY(${names}::text[])
        ORDER BY a.name, a.created_at, a.id)
       FOR UPDATE`.execute(tx);
  return result.rows;
}

export interface NewEntityRow {
  entity_type_id: string;
  name: string;
  parent_id: string | null;
  source_id: string | null;
  description: string | null;
  nb_frames: number | null;
  data: Record<string, unknown>;
  ready_for: string | null;
}

/** Inserts entities; rows that collide with an existing one (a concurrent import) are skipped. */
export async function insertEntities(tx: Tx, projectId: string, rows: NewEntityRow[], actorId: string): Promise<EntityRecord[]> {
  if (rows.length === 0) return [];
  const result = await sql<EntityRecord>`
    INSERT INTO entity AS e (entity_type_id, project_id, name, parent_id, source_id, description, nb_frames, data, ready_for, created_by)
    SELECT x.entity_type_id, ${projectId}::uuid, x.name, x.parent_id, x.source_id, x.description, x.nb_frames, coalesce(x.data, '{}'::jsonb), x.ready_for, ${actorId}::uuid
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS x(entity_type_id uuid, name text, parent_id uuid, source_id uuid, description text, nb_frames int, data jsonb, ready_for uuid)
    ON CONFLICT DO NOTHING
    RETURNING ${RETURNING}`.execute(tx);
  return result.rows;
}

/** Column changes of an existing entity; an undefined key is left as it is, `data` is merged in. */
export interface EntityPatch {
  id: string;
  name?: string;
  entity_type_id?: string;
  source_id?: string | null;
  description?: string | null;
  nb_frames?: number | null;
  ready_for?: string | null;
  data: Record<string, unknown>;
}

const keep = (column: string, flag: string): RawBuilder<unknown> =>
  sql`${sql.ref(column)} = CASE WHEN x.${sql.raw(flag)} THEN x.${sql.ref(column)} ELSE e.${sql.ref(column)} END`;

/** Updates entities, each column only where the patch sets it; `data` is shallow-merged. */
export async function updateEntities(tx: Tx, patches: EntityPatch[]): Promise<EntityRecord[]> {
  if (patches.length === 0) return [];
  const rows = patches.map((patch) => ({
    ...patch,
    set_name: patch.name !== undefined,
    set_entity_type_id: patch.entity_type_id !== undefined,
    set_source_id: patch.source_id !== undefined,
    set_description: patch.description !== undefined,
    set_nb_frames: patch.nb_frames !== undefined,
    set_ready_for: patch.ready_for !== undefined,
  }));
  const result = await sql<EntityRecord>`
    UPDATE entity e SET
      ${keep('name', 'set_name')}, ${keep('entity_type_id', 'set_entity_type_id')}, ${keep('source_id', 'set_source_id')},
      ${keep('description', 'set_description')}, ${keep('nb_frames', 'set_nb_frames')}, ${keep('ready_for', 'set_ready_for')},
      data = coalesce(e.data, '{}'::jsonb) || coalesce(x.data, '{}'::jsonb)
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
        id uuid, name text, entity_type_id uuid, source_id uuid, description text, nb_frames int, ready_for uuid, data jsonb,
        set_name boolean, set_entity_type_id boolean, set_source_id boolean, set_description boolean, set_nb_frames boolean, set_ready_for boolean)
     WHERE e.id = x.id
    RETURNING ${RETURNING}`.execute(tx);
  return result.rows;
}

/** Asset types by name, created when missing (entity type names are unique case-insensitively). */
export async function ensureAssetTypes(tx: Tx, names: string[]): Promise<Array<{ id: string; name: string }>> {
  if (names.length === 0) return [];
  await sql`INSERT INTO entity_type (name) SELECT DISTINCT unnest(${names}::text[]) ON CONFLICT DO NOTHING`.execute(tx);
  const result = await sql<{ id: string; name: string }>`
    SELECT id, name FROM entity_type WHERE lower(name) = ANY(${names.map((name) => name.toLowerCase())}::text[])`.execute(tx);
  return result.rows;
}

/** Names of entity types (asset types) by id. */
export async function findEntityTypeNames(tx: Tx, ids: string[]): Promise<Array<{ id: string; name: string }>> {
  if (ids.length === 0) return [];
  return tx.selectFrom('entity_type').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** The task types of each asset type's workflow (an asset type without one takes every asset task type). */
export async function findAssetTypeWorkflows(tx: Tx): Promise<Map<string, Set<string>>> {
  const rows = await tx.selectFrom('entity_type_task_type_link').select(['entity_type_id', 'task_type_id']).execute();
  const map = new Map<string, Set<string>>();
  for (const row of rows) map.set(row.entity_type_id, (map.get(row.entity_type_id) ?? new Set()).add(row.task_type_id));
  return map;
}

/** Episodes of the project by name. */
export async function findEpisodes(tx: Tx, projectId: string): Promise<Array<{ id: string; name: string }>> {
  const result = await sql<{ id: string; name: string }>`
    SELECT id, name FROM entity WHERE project_id = ${projectId} AND entity_type_id = ${typeId('Episode')} ORDER BY created_at`.execute(tx);
  return result.rows;
}
