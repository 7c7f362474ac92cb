import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { inTransaction } from '../../../platform/db/unit-of-work.ts';
import type { AppDeps } from '../../../platform/http/types.ts';
import type { SetDesignCreate, SetDesignPublic, SetDesignUpdate } from '../../../../../packages/contracts/src/set-designs/set-designs.schema.ts';
import { findMediaByIds } from '../media/media.repository.ts';
import { relationTo, requireItem, resolveScope, targetOrganization, type Scope } from '../organizations/organization-scope.ts';
import { authorizeItem } from '../organizations/organization.policy.ts';
import { v1Errors } from '../organizations/v1-errors.ts';
import { checkReferences, prepareImageLists, type Holder, type PreparedLists } from './set-design-images.service.ts';
import { authorizeOwnerAssignment } from './set-design.policy.ts';
import { presentBaseImage, presentSetDesign } from './set-design.presenter.ts';
import {
  deleteSetDesignRow,
  findBaseImageRow,
  findSetDesign,
  insertSetDesign,
  listSetDesignRows,
  loadImageLists,
  replaceBaseImages,
  replacePortraits,
  replaceReferenceImages,
  updateSetDesignRow,
  type SetDesignRow,
} from './set-design.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'events' | 'storage' | 'config'>;
type Scoped = string | null | undefined;

/** Set designs with their image lists and media, ready to send. */
async function present(db: Executor, rows: SetDesignRow[]): Promise<SetDesignPublic[]> {
  const lists = await loadImageLists(db, rows.map((row) => row.id));
  const mediaIds = [...lists.baseImages, ...lists.referenceImages, ...lists.portraits].flatMap((image) => image.image_media_id ?? []);
  const media = new Map((await findMediaByIds(db, [...new Set(mediaIds)])).map((row) => [row.id, row]));
  return rows.map((row) => presentSetDesign(row, lists, media));
}

async function presentOne(db: Executor, id: string): Promise<SetDesignPublic> {
  const row = await findSetDesign(db, id);
  if (!row) throw v1Errors.notFound('Set design');
  return (await present(db, [row]))[0];
}

/** A set design the scope reaches and the caller may `action`: 404 when out of reach. */
export async function reachSetDesign(db: Executor, scope: Scope, id: string, action: 'read' | 'update' | 'delete', lock = false) {
  return requireItem(scope, await findSetDesign(db, id, { lock }), action, 'Set design');
}

export async function listSetDesigns(deps: Deps, actor: Actor, query: { skip: number; limit: number; organization_id?: Scoped; owner_id?: Scoped }) {
  const scope = await resolveScope(deps.db, actor, query.organization_id);
  const { rows, count } = await listSetDesignRows(deps.db, scope, { ownerId: query.owner_id, skip: query.skip, limit: query.limit });
  return { data: await present(deps.db, rows), count };
}

export async function getSetDesign(deps: Deps, actor: Actor, id: string, organizationId: Scoped): Promise<SetDesignPublic> {
  const scope = await resolveScope(deps.db, actor, organizationId);
  return (await present(deps.db, [await reachSetDesign(deps.db, scope, id, 'read')]))[0];
}

async function writeLists(tx: Executor, id: string, lists: PreparedLists): Promise<void> {
  if (lists.baseImages) await replaceBaseImages(tx, id, lists.baseImages);
  if (lists.referenceImages) await replaceReferenceImages(tx, id, lists.referenceImages);
  if (lists.portraits) await replacePortraits(tx, id, lists.portraits);
}

/**
 * Creates a set design with its images. Images given by URL are downloaded and stored before the
 * transaction opens; the set design and its lists then commit together.
 */
export async function createSetDesign(deps: Deps, actor: Actor, organizationId: Scoped, input: SetDesignCreate): Promise<SetDesignPublic> {
  const scope = await resolveScope(deps.db, actor, organizationId);
  const holder: Holder = { owner_id: input.owner_id ?? actor.id, organization_id: await targetOrganization(deps.db, scope, input.organization_id) };
  authorizeItem({ studioAdmin: actor.role === 'admin', itemOwner: true, organizationRole: scope.kind === 'organization' ? scope.role : null }, 'create');
  await authorizeOwnerAssignment(deps.db, actor, scope, { from: actor.id, to: holder.owner_id, organizationId: holder.organization_id });
  const lists = { base_images: input.base_images ?? [], reference_images: input.reference_images ?? [], subject_portraits: input.subject_portraits ?? [] };
  await checkReferences(deps.db, holder, { ...lists, background_preset_id: input.background_preset_id });
  const prepared = await prepareImageLists(deps, actor, lists);
  const id = await inTransaction(deps, async (tx) => {
    const setDesignId = await insertSetDesign(tx, {
      ...holder,
      name: input.name,
      description: input.description ?? null,
      background_preset_id: input.background_preset_id ?? null,
    });
    await writeLists(tx, setDesignId, prepared);
    await recordAudit(tx, { actorId: actor.id, action: 'create', objectType: 'set_design', objectId: setDesignId, after: { ...holder, name: input.name } });
    return setDesignId;
  });
  return presentOne(deps.db, id);
}

/**
 * Updates a set design. Null means "no change" for the name, owner, organization and image lists; a
 * given list replaces the stored one wholly. Moving it to another organization takes membership in
 * both (the current one through the scope it was reached by).
 */
export async function updateSetDesign(deps: Deps, actor: Actor, id: string, organizationId: Scoped, input: SetDesignUpdate): Promise<SetDesignPublic> {
  const scope = await resolveScope(deps.db, actor, organizationId);
  const current = await reachSetDesign(deps.db, scope, id, 'update');
  const holder: Holder = {
    owner_id: input.owner_id ?? current.owner_id,
    organization_id: input.organization_id ? await targetOrganization(deps.db, scope, input.organization_id) : current.organization_id,
  };
  if (holder.organization_id !== current.organization_id) authorizeItem(relationTo(scope, current), 'transfer');
  await authorizeOwnerAssignment(deps.db, actor, scope, { from: current.owner_id, to: holder.owner_id, organizationId: holder.organization_id });
  await checkReferences(deps.db, holder, input);
  const prepared = await prepareImageLists(deps, actor, input);
  await inTransaction(deps, async (tx) => {
    const before = await reachSetDesign(tx, scope, id, 'update', true);
    const changes = {
      ...holder,
      ...(input.name != null ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.background_preset_id !== undefined ? { background_preset_id: input.background_preset_id } : {}),
    };
    await updateSetDesignRow(tx, id, changes);
    await writeLists(tx, id, prepared);
    await recordAudit(tx, { actorId: actor.id, action: 'update', objectType: 'set_design', objectId: id, before, after: changes });
  });
  return presentOne(deps.db, id);
}

export async function deleteSetDesign(deps: Deps, actor: Actor, id: string, organizationId: Scoped): Promise<void> {
  const scope = await resolveScope(deps.db, actor, organizationId);
  await inTransaction(deps, async (tx) => {
    const before = await reachSetDesign(tx, scope, id, 'delete', true);
    await deleteSetDesignRow(tx, id);
    await recordAudit(tx, { actorId: actor.id, action: 'delete', objectType: 'set_design', objectId: id, before });
  });
}

/** The base image of one subject x shot type slot of a set design (404 when the slot is empty). */
export async function findBaseImage(deps: Deps, actor: Actor, id: string, query: { organization_id?: Scoped; subject_id: string; shot_type_id: string }) {
  const scope = await resolveScope(deps.db, actor, query.organization_id);
  await reachSetDesign(deps.db, scope, id, 'read');
  const row = await findBaseImageRow(deps.db, id, query.subject_id, query.shot_type_id);
  if (!row) throw v1Errors.notFound('Base image');
  const media = new Map((await findMediaByIds(deps.db, row.image_media_id ? [row.image_media_id] : [])).map((m) => [m.id, m]));
  return presentBaseImage(row, media);
}
