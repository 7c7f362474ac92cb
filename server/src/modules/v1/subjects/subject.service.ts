import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/http/types.ts';
import type { SubjectCreate, SubjectUpdate } from '../../../../../packages/contracts/src/set-designs/catalog.schema.ts';
import {
  changesOf,
  createOwnedItem,
  deleteOwnedItem,
  getOwnedItem,
  listOwnedItems,
  updateOwnedItem,
  type ScopedPage,
} from '../organizations/owned-items.service.ts';
import { subjectStore } from './subject.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;
type Scoped = string | null | undefined;

/** Subjects: who or what set designs are photographed with (base images and portraits per subject). */
export const listSubjects = (deps: Deps, actor: Actor, query: ScopedPage) => listOwnedItems(deps, actor, subjectStore, query);

export const getSubject = (deps: Deps, actor: Actor, id: string, organizationId: Scoped) => getOwnedItem(deps, actor, subjectStore, id, organizationId);

export const createSubject = (deps: Deps, actor: Actor, organizationId: Scoped, input: SubjectCreate) =>
  createOwnedItem(deps, actor, subjectStore, {
    scopeOrganizationId: organizationId,
    bodyOrganizationId: input.organization_id,
    values: { name: input.name, description: input.description ?? null },
  });

export const updateSubject = (deps: Deps, actor: Actor, id: string, organizationId: Scoped, input: SubjectUpdate) =>
  updateOwnedItem(deps, actor, subjectStore, id, organizationId, changesOf(input, ['name', 'description'], ['name']) as { name?: string; description?: string | null });

export const deleteSubject = (deps: Deps, actor: Actor, id: string, organizationId: Scoped) => deleteOwnedItem(deps, actor, subjectStore, id, organizationId);
