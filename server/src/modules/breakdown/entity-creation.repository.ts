import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Json } from '../../platform/db/schema.ts';
import { TEMPORAL_KINDS, type EntityKind, type TemporalKind } from './entity-kind.ts';
import { ENTITY_COLUMNS } from './entity.presenter.ts';
import type { EntityRecord } from './entity.repository.ts';

export interface NewEntityValues {
  projectId: string;
  name: string;
  parentId?: string | null;
  sourceId?: string | null;
  description?: string | null;
  data?: object | null;
  nbFrames?: number | null;
  status?: string;
  isShared?: boolean;
  createdBy: string;
}

const typeIdOf = (kind: EntityKind | string) => sql<string>`(SELECT id FROM entity_type WHERE name = ${kind})`;

function insertValues(entityTypeId: ReturnType<typeof typeIdOf> | string, values: NewEntityValues) {
  return {
    entity_type_id: entityTypeId,
    project_id: values.projectId,
    name: values.name,
    parent_id: values.parentId ?? null,
    source_id: values.sourceId ?? null,
    description: values.description ?? null,
    data: (values.data ?? {}) as Json,
    nb_frames: values.nbFrames ?? null,
    status: values.status ?? 'running',
    is_shared: values.isShared ?? false,
    created_by: values.createdBy,
  };
}

/**
 * Get-or-create of an episode, sequence or shot (§8.9): the insert is skipped by the unique index
 * (name, project, type, parent — NULL parents colliding, migration 0040) when the row exists, even
 * when a concurrent request inserted it a moment ago; the existing row is then read back.
 */
export async function getOrCreateTemporal(
  db: Executor,
  kind: TemporalKind,
  values: NewEntityValues,
): Promise<{ row: EntityRecord; created: boolean }> {
  const inserted = await db
    .insertInto('entity')
    .values(insertValues(typeIdOf(kind), values))
    .onConflict((conflict) => conflict.doNothing())
    .returning(ENTITY_COLUMNS)
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const existing = await db
    .selectFrom('entity')
    .select(ENTITY_COLUMNS)
    .where('entity_type_id', '=', typeIdOf(kind))
    .where('project_id', '=', values.projectId)
    .where('name', '=', values.name)
    .where(sql<boolean>`parent_id IS NOT DISTINCT FROM ${values.parentId ?? null}::uuid`)
    .executeTakeFirstOrThrow();
  return { row: existing, created: false };
}

/** Asset creation always inserts: same-named assets may coexist (§4.5 `new_asset`). */
export async function insertAsset(db: Executor, assetTypeId: string, values: NewEntityValues): Promise<EntityRecord> {
  return db
    .insertInto('entity')
    .values(insertValues(assetTypeId, values))
    .returning(ENTITY_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** An entity type that is an asset type (not temporal), or undefined. */
export async function findAssetType(db: Executor, id: string): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('entity_type')
    .select(['id', 'name'])
    .where('id', '=', id)
    .where('name', 'not in', [...TEMPORAL_KINDS])
    .executeTakeFirst();
}
