import type { Executor } from '../../platform/db/database.ts';
import { TEMPORAL_KINDS } from './entity-kind.ts';
import { ENTITY_TYPE_COLUMNS, presentAssetType, type AssetTypeView } from './entity.presenter.ts';

const columns = ENTITY_TYPE_COLUMNS.map((column) => `et.${column}` as const);

/** Asset types actually used by the assets of a project (not its configured `asset_types`), by name. */
export async function assetTypesUsedInProject(db: Executor, projectId: string): Promise<AssetTypeView[]> {
  const rows = await db
    .selectFrom('entity_type as et')
    .select(columns)
    .where('et.name', 'not in', [...TEMPORAL_KINDS])
    .where((eb) => eb.exists(eb.selectFrom('entity as e').select('e.id').whereRef('e.entity_type_id', '=', 'et.id').where('e.project_id', '=', projectId)))
    .orderBy('et.name')
    .execute();
  return rows.map(presentAssetType);
}

/** Asset types of the assets cast in an entity (a shot), by name. */
export async function assetTypesCastIn(db: Executor, entityId: string): Promise<AssetTypeView[]> {
  const rows = await db
    .selectFrom('entity_type as et')
    .select(columns)
    .where((eb) =>
      eb.exists(
        eb.selectFrom('entity_link as l')
          .innerJoin('entity as e', 'e.id', 'l.entity_out_id')
          .select('e.id')
          .whereRef('e.entity_type_id', '=', 'et.id')
          .where('l.entity_in_id', '=', entityId),
      ),
    )
    .orderBy('et.name')
    .execute();
  return rows.map(presentAssetType);
}
