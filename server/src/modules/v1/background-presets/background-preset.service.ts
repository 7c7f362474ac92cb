import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/http/types.ts';
import type { BackgroundPresetCreate, BackgroundPresetUpdate } from '../../../../../packages/contracts/src/set-designs/catalog.schema.ts';
import {
  changesOf,
  createOwnedItem,
  deleteOwnedItem,
  getOwnedItem,
  listOwnedItems,
  updateOwnedItem,
  type ScopedPage,
} from '../organizations/owned-items.service.ts';
import { backgroundPresetStore } from './background-preset.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;
type Scoped = string | null | undefined;

/** Background presets a set design can name as its backdrop. */
export const listBackgroundPresets = (deps: Deps, actor: Actor, query: ScopedPage) => listOwnedItems(deps, actor, backgroundPresetStore, query);

export const getBackgroundPreset = (deps: Deps, actor: Actor, id: string, organizationId: Scoped) =>
  getOwnedItem(deps, actor, backgroundPresetStore, id, organizationId);

export const createBackgroundPreset = (deps: Deps, actor: Actor, organizationId: Scoped, input: BackgroundPresetCreate) =>
  createOwnedItem(deps, actor, backgroundPresetStore, {
    scopeOrganizationId: organizationId,
    bodyOrganizationId: input.organization_id,
    values: { name: input.name, description: input.description ?? null, color: input.color ?? null },
  });

export const updateBackgroundPreset = (deps: Deps, actor: Actor, id: string, organizationId: Scoped, input: BackgroundPresetUpdate) =>
  updateOwnedItem(deps, actor, backgroundPresetStore, id, organizationId,
    changesOf(input, ['name', 'description', 'color'], ['name']) as { name?: string; description?: string | null; color?: string | null });

export const deleteBackgroundPreset = (deps: Deps, actor: Actor, id: string, organizationId: Scoped) =>
  deleteOwnedItem(deps, actor, backgroundPresetStore, id, organizationId);
