import type { Selectable } from 'kysely';
import type { Static } from 'typebox';
import type { AssetTypeRow, EntityRow } from '../../../../packages/contracts/src/breakdown.schema.ts';
import type { EntityTypeRow } from '../../../../packages/contracts/src/rows.schema.ts';
import { columnsOf, EntityRow as EntityModel, EntityTypeRow as EntityTypeModel } from '../../../../packages/contracts/src/models/index.ts';
import type { Entity, EntityType } from '../../platform/db/schema.ts';
import type { EntityKind } from './entity-kind.ts';

/** Every column of `entity` (§2.2, the model row), the whitelist of what an entity row serialises to. */
export const ENTITY_COLUMNS = columnsOf(EntityModel);

/** The entity columns qualified with the `e` alias used by every breakdown query. */
export const E_COLUMNS = ENTITY_COLUMNS.map((column) => `e.${column}` as const);

/** Every column of `entity_type`: what an entity type (or an asset type) serialises to. */
export const ENTITY_TYPE_COLUMNS = columnsOf(EntityTypeModel);

export type EntityRecord = Selectable<Entity>;
export type AssetTypeRecord = Selectable<EntityType>;

/** An entity as Zou serialises it: its columns plus `type` ("Shot", "Asset"...). */
export type EntityView = Omit<Static<typeof EntityRow>, 'type'> & { type: EntityKind };
export type AssetTypeView = Static<typeof AssetTypeRow>;
export type EntityTypeView = Static<typeof EntityTypeRow>;

type EntityColumns = Omit<EntityView, 'type'>;

function pick<K extends string>(row: Record<K, unknown>, fields: readonly K[]): Record<K, unknown> {
  const out = {} as Record<K, unknown>;
  for (const field of fields) out[field] = row[field];
  return out;
}

/**
 * Only whitelisted columns leave the server, whatever the query selected. The values are the row's:
 * the columns with a closed list of values (`status`) are held to it by their CHECK constraint.
 */
export function presentEntity(row: EntityRecord, type: EntityKind): EntityView {
  return { ...(pick(row, ENTITY_COLUMNS) as EntityColumns), type };
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
  return { ...(pick(row, ENTITY_TYPE_COLUMNS) as Omit<AssetTypeView, 'type'>), type: 'AssetType' };
}

/** Any entity type, temporal kinds included, as `type: "EntityType"`. */
export function presentEntityType(row: AssetTypeRecord): EntityTypeView {
  return { ...(pick(row, ENTITY_TYPE_COLUMNS) as Omit<EntityTypeView, 'type'>), type: 'EntityType' };
}
