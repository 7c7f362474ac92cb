import type { Actor } from '../../../platform/auth/actor.ts';
import { pgErrorCode } from '../../../platform/errors/index.ts';
import type { AppDeps } from '../../../platform/http/types.ts';
import type { ShotTypeCreate, ShotTypeUpdate } from '../../../../../packages/contracts/src/set-designs/catalog.schema.ts';
import {
  changesOf,
  createOwnedItem,
  deleteOwnedItem,
  getOwnedItem,
  listOwnedItems,
  updateOwnedItem,
  type ScopedPage,
} from '../organizations/owned-items.service.ts';
import { v1Errors } from '../organizations/v1-errors.ts';
import { shotTypeStore } from './shot-type.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;
type Scoped = string | null | undefined;

/** The slug is unique per organization (or per owner for personal shot types): the index says so. */
async function uniqueSlug<T>(slug: string | null | undefined, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (pgErrorCode(error) === '23505') throw v1Errors.conflict(`A shot type with slug "${slug ?? ''}" already exists here`);
    throw error;
  }
}

/** Shot types (front_full_body, profile_left...): the slots of a set design's base images. */
export const listShotTypes = (deps: Deps, actor: Actor, query: ScopedPage) => listOwnedItems(deps, actor, shotTypeStore, query);

export const getShotType = (deps: Deps, actor: Actor, id: string, organizationId: Scoped) => getOwnedItem(deps, actor, shotTypeStore, id, organizationId);

export const createShotType = (deps: Deps, actor: Actor, organizationId: Scoped, input: ShotTypeCreate) =>
  uniqueSlug(input.slug, createOwnedItem(deps, actor, shotTypeStore, {
    scopeOrganizationId: organizationId,
    bodyOrganizationId: input.organization_id,
    values: { name: input.name, slug: input.slug, description: input.description ?? null },
  }));

export const updateShotType = (deps: Deps, actor: Actor, id: string, organizationId: Scoped, input: ShotTypeUpdate) =>
  uniqueSlug(input.slug, updateOwnedItem(deps, actor, shotTypeStore, id, organizationId,
    changesOf(input, ['name', 'slug', 'description'], ['name', 'slug']) as { name?: string; slug?: string; description?: string | null }));

export const deleteShotType = (deps: Deps, actor: Actor, id: string, organizationId: Scoped) => deleteOwnedItem(deps, actor, shotTypeStore, id, organizationId);
