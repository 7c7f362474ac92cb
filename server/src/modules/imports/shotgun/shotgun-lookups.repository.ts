import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.ts';
import { TEMPORAL_KINDS } from '../../breakdown/entity-kind.ts';

/** ShotGrid ids → Rushes ids, one query per referenced table and payload. */

const unique = (ids: number[]) => [...new Set(ids)];

export async function idsByShotgunId(tx: Tx, table: 'project' | 'person' | 'task_type' | 'task', sgIds: number[]): Promise<Map<number, string>> {
  if (sgIds.length === 0) return new Map();
  const result = await sql<{ id: string; shotgun_id: number }>`
    SELECT id, shotgun_id FROM ${sql.table(table)} WHERE shotgun_id = ANY(${unique(sgIds)}::int[])`.execute(tx);
  return new Map(result.rows.map((row) => [row.shotgun_id, row.id]));
}

export type SgEntityKind = 'Asset' | 'Shot' | 'Sequence' | 'Episode' | 'Scene';

const TEMPORAL_NAMES = sql.join(TEMPORAL_KINDS.map((kind) => sql.lit(kind)));

/** Entities of a ShotGrid kind by ShotGrid id ("Asset": any asset type). */
export async function entityIdsByShotgunId(tx: Tx, kind: SgEntityKind, sgIds: number[]): Promise<Map<number, { id: string; project_id: string }>> {
  if (sgIds.length === 0) return new Map();
  const typeFilter = kind === 'Asset' ? sql`et.name NOT IN (${TEMPORAL_NAMES})` : sql`et.name = ${kind}`;
  const result = await sql<{ id: string; project_id: string; shotgun_id: number }>`
    SELECT e.id, e.project_id, e.shotgun_id FROM entity e JOIN entity_type et ON et.id = e.entity_type_id
     WHERE e.shotgun_id = ANY(${unique(sgIds)}::int[]) AND ${typeFilter}`.execute(tx);
  return new Map(result.rows.map((row) => [row.shotgun_id, { id: row.id, project_id: row.project_id }]));
}

export async function projectIdsByName(tx: Tx, names: string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const rows = await tx.selectFrom('project').select(['id', 'name']).where('name', 'in', [...new Set(names)]).execute();
  return new Map(rows.map((row) => [row.name, row.id]));
}

/** Global statuses by lower-cased short name (ShotGrid's `sg_status_list` codes). */
export async function statusIdsByShortName(tx: Tx): Promise<Map<string, string>> {
  const rows = await tx.selectFrom('task_status').select(['id', 'short_name']).where('project_id', 'is', null).execute();
  return new Map(rows.map((row) => [row.short_name.toLowerCase(), row.id]));
}

export async function entityTypeId(tx: Tx, name: string): Promise<string> {
  const row = await tx.selectFrom('entity_type').select('id').where('name', '=', name).executeTakeFirst();
  if (row) return row.id;
  await sql`INSERT INTO entity_type (name) VALUES (${name}) ON CONFLICT DO NOTHING`.execute(tx);
  return (await tx.selectFrom('entity_type').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}
