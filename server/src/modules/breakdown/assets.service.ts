import type { NewAssetBody } from '../../../../packages/contracts/src/breakdown.schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requireProjectManager, requireProjectMember } from '../../platform/auth/permissions.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { assetTypesCastIn, assetTypesUsedInProject } from './asset-types.repository.ts';
import { requireEntityReader, requireListScope } from './breakdown.policy.ts';
import { findAssetType, insertAsset } from './entity-creation.repository.ts';
import { recordEntityCreation } from './entity-creation.service.ts';
import { criterionId, firstValue, parseEntityCriteria, type Criterion, type RawQuery } from './entity-criteria.ts';
import { presentEntity, type AssetTypeView, type EntityView } from './entity.presenter.ts';
import { getEntityOfKind, getProjectEntityOfKind, listCastAssets, listEntities } from './entity.repository.ts';
import { fullAsset } from './full-entity.repository.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { applyTaskTemplates } from '../studio-tasks/task-templates.service.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;

/** The `episode_id` list key of assets: its own assets (source) and the ones cast in it (§8.3). */
function episodeFilter(query: RawQuery): string | undefined {
  const value = firstValue(query, 'episode_id');
  if (value === undefined) return undefined;
  if (!isUuid(value)) throw errors.badRequest(`Invalid UUID value: ${value}`);
  return value.toLowerCase();
}

async function listInProject(deps: Deps, actor: Actor, projectId: string, criteria: Criterion[], query: RawQuery): Promise<EntityView[]> {
  const assignedTo = await requireListScope(deps.db, actor, projectId);
  return listEntities(deps.db, {
    kind: 'Asset',
    criteria: [...criteria.filter((c) => c.column !== 'project_id'), { column: 'project_id', kind: 'uuid', value: projectId }],
    episodeId: episodeFilter(query),
    assignedTo,
  });
}

/** `data/projects/<id>/assets` (Gazu `all_assets_for_project`): other query keys filter the rows. */
export async function listProjectAssets(deps: Deps, actor: Actor, projectId: string, query: RawQuery): Promise<EntityView[]> {
  return listInProject(deps, actor, projectId, parseEntityCriteria(query), query);
}

/** `data/projects/<id>/asset-types/<type_id>/assets` (Gazu `all_assets_for_project_and_type`). */
export async function listProjectTypeAssets(
  deps: Deps, actor: Actor, projectId: string, assetTypeId: string, query: RawQuery,
): Promise<EntityView[]> {
  const criteria = parseEntityCriteria(query).filter((c) => c.column !== 'entity_type_id');
  criteria.push({ column: 'entity_type_id', kind: 'uuid', value: assetTypeId });
  return listInProject(deps, actor, projectId, criteria, query);
}

/**
 * `data/assets/all?project_id&name&entity_type_id` (Gazu `get_asset_by_name`, `new_asset` existence
 * check) and `data/assets?source_id` (`all_assets_for_episode`). With a project (or an episode) the
 * caller must be in its team; without, non-admins only get assets of the projects they are in.
 */
export async function listAssets(deps: Deps, actor: Actor, query: RawQuery): Promise<EntityView[]> {
  const criteria = parseEntityCriteria(query);
  const episodeId = episodeFilter(query);
  let projectId = criterionId(criteria, 'project_id');
  if (projectId === undefined && episodeId !== undefined) {
    const episode = await getEntityOfKind(deps.db, episodeId, 'Episode');
    projectId = episode.project_id;
  }
  if (projectId !== undefined) return listInProject(deps, actor, projectId, criteria, query);
  const admin = actor.role === 'admin';
  return listEntities(deps.db, {
    kind: 'Asset',
    criteria,
    teamMemberId: admin ? undefined : actor.id,
    assignedTo: actor.role === 'vendor' ? actor.id : undefined,
  });
}

/** `data/shots/<id>/assets` (Gazu `all_assets_for_shot`): the assets cast in the shot. */
export async function listShotAssets(deps: Deps, actor: Actor, shotId: string): Promise<EntityView[]> {
  const shot = await getEntityOfKind(deps.db, shotId, 'Shot');
  await requireEntityReader(deps.db, actor, shot);
  return listCastAssets(deps.db, shotId);
}

/** `data/assets/<id>`: the full asset (404 for an unknown id or an entity of another kind). */
export async function getFullAsset(deps: Deps, actor: Actor, assetId: string) {
  const asset = await getEntityOfKind(deps.db, assetId, 'Asset');
  await requireEntityReader(deps.db, actor, asset);
  const full = await fullAsset(deps.db, assetId, actor.id);
  if (!full) throw errors.notFound();
  return full;
}

/**
 * `POST data/projects/<id>/asset-types/<type_id>/assets/new` (Gazu `new_asset`): always inserts;
 * `episode_id` is stored as the asset's `source_id`. Emits `asset:new {asset_id, asset_type}`.
 */
export async function createAsset(deps: Deps, actor: Actor, projectId: string, assetTypeId: string, body: NewAssetBody): Promise<EntityView> {
  await requireProjectManager(deps.db, actor, projectId);
  return inTransaction(deps, async (tx, events) => {
    const assetType = await findAssetType(tx, assetTypeId);
    if (!assetType) throw errors.notFound();
    const episodeId = body.episode_id?.toLowerCase() ?? null;
    if (episodeId) await getProjectEntityOfKind(tx, episodeId, 'Episode', projectId);
    const row = await insertAsset(tx, assetType.id, {
      projectId,
      name: body.name,
      description: body.description ?? '',
      data: body.data ?? {},
      isShared: body.is_shared ?? false,
      sourceId: episodeId,
      createdBy: actor.id,
    });
    await recordEntityCreation(tx, events, actor, { kind: 'Asset', row, projectId, eventData: { asset_type: assetType.id } });
    await applyTaskTemplates(tx, [row.id], { actorId: actor.id, events });
    return presentEntity(row, 'Asset');
  });
}

/** `data/projects/<id>/asset-types`: asset types used by the project's assets. */
export async function listProjectAssetTypes(deps: Deps, actor: Actor, projectId: string): Promise<AssetTypeView[]> {
  await requireProjectMember(deps.db, actor, projectId);
  return assetTypesUsedInProject(deps.db, projectId);
}

/** `data/shots/<id>/asset-types`: asset types of the assets cast in the shot. */
export async function listShotAssetTypes(deps: Deps, actor: Actor, shotId: string): Promise<AssetTypeView[]> {
  const shot = await getEntityOfKind(deps.db, shotId, 'Shot');
  await requireProjectMember(deps.db, actor, shot.project_id);
  return assetTypesCastIn(deps.db, shotId);
}
