import type { Selectable } from 'kysely';
import type { Entity, EntityType } from '../../platform/db/schema.ts';
import type { EntityKind } from './entity-kind.ts';

/** Every column of `entity` (§2.2), the whitelist of what an entity row serialises to. */
export const ENTITY_COLUMNS = [
  'id', 'created_at', 'updated_at', 'name', 'code', 'description', 'shotgun_id', 'canceled', 'nb_frames',
  'nb_entities_out', 'is_casting_standby', 'is_shared', 'status', 'project_id', 'entity_type_id', 'parent_id',
  'source_id', 'preview_file_id', 'data', 'ready_for', 'created_by',
] as const;

/** The entity columns qualified with the `e` alias used by every breakdown query. */
export const E_COLUMNS = ENTITY_COLUMNS.map((column) => `e.${column}` as const);

/** Columns of `entity_type` an asset type serialises to. */
export const ASSET_TYPE_COLUMNS = ['id', 'created_at', 'updated_at', 'name', 'short_name', 'description', 'archived'] as const;

export type EntityRecord = Selectable<Entity>;
export type AssetTypeRecord = Selectable<EntityType>;

/** An entity as Zou serialises it: its columns plus `type` ("Shot", "Asset"...). */
export type EntityView = EntityRecord & { type: EntityKind };
export type AssetTypeView = AssetTypeRecord & { type: 'AssetType' };

function pick<K extends string>(row: Record<K, unknown>, fields: readonly K[]): Record<K, unknown> {
  const out = {} as Record<K, unknown>;
  for (const field of fields) out[field] = row[field];
  return out;
}

/** Only whitelisted columns leave the server, whatever the query selected. */
export function presentEntity(row: EntityRecord, type: EntityKind): EntityView {
  return { ...(pick(row, ENTITY_COLUMNS) as EntityRecord), type };
}

/** An entity row with extra computed keys (names of its project, sequence...). */
export function presentEntityWith<R extends EntityRecord, K extends keyof R & string>(
  row: R,
  type: EntityKind,
  extraKeys: readonly K[],
): EntityView & Pick<R, K> {
  return { ...presentEntity(row, type), ...(pick(row, extraKeys) as Pick<R, K>) };
}

export function presentAssetType(row: AssetTypeRecord): AssetTypeView {
  return { ...(pick(row, ASSET_TYPE_COLUMNS) as AssetTypeRecord), type: 'AssetType' };
}
