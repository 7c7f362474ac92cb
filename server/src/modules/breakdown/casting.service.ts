import type { Actor } from '../../platform/auth/actor.ts';
import { requireProjectManager, requireProjectMember } from '../../platform/auth/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { AppError, errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { refuseVendor, requireEntityReader } from './breakdown.policy.ts';
import {
  castInEpisode,
  detachFromEpisodeIfUnused,
  episodeOfShot,
  refreshAssetsReady,
  replaceCasting,
  uncastFromEpisodeShots,
  type CastingEntryInput,
} from './casting-update.repository.ts';
import {
  assetTypeCasting,
  castIn,
  castingOf,
  episodesCasting,
  sequenceCasting,
  type CastingItem,
  type CastInItem,
} from './casting.repository.ts';
import { findAssetType } from './entity-creation.repository.ts';
import { findEntity, getEntityOfKind, lockEntity, type KindedEntity } from './entity.repository.ts';
import { isUuid } from '../../platform/http/uuid.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;

/** The entity of a project casting route: 404 when unknown, 403 when it belongs to another project. */
async function entityInProject(deps: Deps, projectId: string, entityId: string): Promise<KindedEntity> {
  const entity = await findEntity(deps.db, entityId);
  if (!entity) throw errors.notFound();
  if (entity.project_id !== projectId) throw errors.forbidden();
  return entity;
}

/** `GET data/projects/<pid>/entities/<id>/casting` (Gazu `get_shot_casting`, `get_asset_casting`...). */
export async function getCasting(deps: Deps, actor: Actor, projectId: string, entityId: string): Promise<CastingItem[]> {
  refuseVendor(await requireProjectMember(deps.db, actor, projectId));
  await entityInProject(deps, projectId, entityId);
  return castingOf(deps.db, entityId);
}

/** `GET data/projects/<pid>/sequences/<id>/casting`: shot id → casting, for the sequence's shots. */
export async function getSequenceCasting(deps: Deps, actor: Actor, projectId: string, sequenceId: string): Promise<Record<string, CastingItem[]>> {
  refuseVendor(await requireProjectMember(deps.db, actor, projectId));
  const sequence = await getEntityOfKind(deps.db, sequenceId, 'Sequence');
  if (sequence.project_id !== projectId) throw errors.forbidden();
  return sequenceCasting(deps.db, sequenceId);
}

/** `GET data/projects/<pid>/asset-types/<id>/casting`: asset id → casting, for assets of that type. */
export async function getAssetTypeCasting(deps: Deps, actor: Actor, projectId: string, assetTypeId: string): Promise<Record<string, CastingItem[]>> {
  refuseVendor(await requireProjectMember(deps.db, actor, projectId));
  if (!(await findAssetType(deps.db, assetTypeId))) throw errors.notFound();
  return assetTypeCasting(deps.db, projectId, assetTypeId);
}

/** `GET data/projects/<pid>/episodes/casting`: episode id → casting. */
export async function getEpisodesCasting(deps: Deps, actor: Actor, projectId: string): Promise<Record<string, CastingItem[]>> {
  refuseVendor(await requireProjectMember(deps.db, actor, projectId));
  return episodesCasting(deps.db, projectId);
}

/** `GET data/assets/<id>/cast-in` (Gazu `get_asset_cast_in`): shots, then assets, using this asset. */
export async function getAssetCastIn(deps: Deps, actor: Actor, assetId: string): Promise<CastInItem[]> {
  const asset = await getEntityOfKind(deps.db, assetId, 'Asset');
  await requireEntityReader(deps.db, actor, asset);
  return castIn(deps.db, assetId);
}

/** Reads the PUT body: a JSON array of `{asset_id, nb_occurences[, label]}`; other items are skipped. */
function parseCastingBody(body: unknown): CastingEntryInput[] {
  if (!Array.isArray(body)) {
    throw new AppError(400, 'bad_request', 'Request body must be a JSON array', {
      body: { error: true, message: 'Request body must be a JSON array' },
    });
  }
  const entries = new Map<string, CastingEntryInput>();
  for (const item of body as unknown[]) {
    if (typeof item !== 'object' || item === null || !('asset_id' in item) || !('nb_occurences' in item)) continue;
    const { asset_id: assetId, nb_occurences: nb, label } = item as Record<string, unknown>;
    if (!isUuid(assetId)) throw errors.badRequest(`Invalid UUID value: ${String(assetId)}`);
    const nbOccurences = Number(nb);
    if (!Number.isInteger(nbOccurences) || nbOccurences < 0) throw errors.badRequest('nb_occurences must be a positive integer.');
    entries.set(assetId.toLowerCase(), { assetId: assetId.toLowerCase(), nbOccurences, label: typeof label === 'string' ? label : '' });
  }
  return [...entries.values()];
}

const diff = (a: string[], b: string[]) => a.filter((id) => !b.includes(id)).sort();

/**
 * `PUT data/projects/<pid>/entities/<id>/casting` (Gazu `update_shot_casting`, `update_asset_casting`,
 * `update_episode_casting`): replaces the casting and `nb_entities_out`. A shot's assets are cast
 * in its episode too (and leave it when no other shot of the episode uses them); assets removed from
 * an episode leave its shots. Emits `<kind>:casting-update {<kind>_id, nb_entities_out,
 * added_asset_ids, removed_asset_ids}`. Answers the casting as sent.
 */
export async function updateCasting(deps: Deps, actor: Actor, projectId: string, entityId: string, body: unknown): Promise<unknown> {
  const entries = parseCastingBody(body);
  await requireProjectManager(deps.db, actor, projectId);
  const entity = await entityInProject(deps, projectId, entityId);
  await inTransaction(deps, async (tx, events) => {
    await lockEntity(tx, entityId);
    const { previous, current } = await replaceCasting(tx, entityId, entries);
    const added = diff(current, previous);
    const removed = diff(previous, current);
    const emit = (name: string, data: Record<string, unknown>) => events.push({ name, data, projectId, actorId: actor.id });
    const change = { nb_entities_out: current.length, added_asset_ids: added, removed_asset_ids: removed };

    if (entity.kind === 'Shot') {
      await castShotInEpisode(tx, entityId, current, removed, emit);
      await refreshAssetsReady(tx, [entityId]);
      emit('shot:casting-update', { shot_id: entityId, ...change });
    } else if (entity.kind === 'Episode') {
      for (const shot of await uncastFromEpisodeShots(tx, entityId, removed)) {
        emit('shot:casting-update', {
          shot_id: shot.shotId, nb_entities_out: shot.nbEntitiesOut, added_asset_ids: [], removed_asset_ids: shot.assetIds,
        });
      }
      for (const assetId of current) emit('asset:update', { asset_id: assetId });
      emit('episode:casting-update', { episode_id: entityId, ...change });
    } else {
      emit('asset:casting-update', { asset_id: entityId, ...change });
    }
    await recordAudit(tx, {
      actorId: actor.id, action: 'update-casting', objectType: entity.kind.toLowerCase(), objectId: entityId, projectId,
      before: { entities_out: previous }, after: { entities_out: current, entries },
    });
  });
  return body;
}

type Emit = (name: string, data: Record<string, unknown>) => void;

async function castShotInEpisode(tx: Executor, shotId: string, current: string[], removed: string[], emit: Emit): Promise<void> {
  const episodeId = await episodeOfShot(tx, shotId);
  if (!episodeId) return;
  const linked = await castInEpisode(tx, episodeId, current);
  for (const assetId of linked) emit('asset:update', { asset_id: assetId });
  const { detached, nbEntitiesOut } = await detachFromEpisodeIfUnused(tx, episodeId, removed);
  if (detached.length === 0) return;
  emit('episode:casting-update', {
    episode_id: episodeId, nb_entities_out: nbEntitiesOut, added_asset_ids: [], removed_asset_ids: detached,
  });
  for (const assetId of detached) emit('asset:update', { asset_id: assetId });
}
