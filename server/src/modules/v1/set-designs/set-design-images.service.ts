import type { Actor } from '../../../platform/auth/actor.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/http/types.ts';
import type {
  SetBaseImageCreate,
  SetReferenceImageCreate,
  SubjectPortraitCreate,
} from '../../../../../packages/contracts/src/set-designs/set-designs.schema.ts';
import { resolveImageInput } from '../media/media.service.ts';
import { v1Errors } from '../organizations/v1-errors.ts';
import {
  catalogIdsHeldBy,
  type CatalogTable,
  type NewBaseImage,
  type NewPortrait,
  type NewReferenceImage,
} from './set-design.repository.ts';

/** Who holds a set design: its catalog references must be held by the same organization or owner. */
export interface Holder {
  owner_id: string;
  organization_id: string | null;
}

export interface ImageListsInput {
  background_preset_id?: string | null;
  base_images?: SetBaseImageCreate[] | null;
  reference_images?: SetReferenceImageCreate[] | null;
  subject_portraits?: SubjectPortraitCreate[] | null;
}

export interface PreparedLists {
  baseImages?: NewBaseImage[];
  referenceImages?: NewReferenceImage[];
  portraits?: NewPortrait[];
}

const WHAT: Record<CatalogTable, string> = { subject: 'Subject', shot_type: 'Shot type', background_preset: 'Background preset' };

async function requireHeld(db: Executor, table: CatalogTable, ids: Array<string | null | undefined>, holder: Holder): Promise<void> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const held = await catalogIdsHeldBy(db, table, wanted, holder);
  if (wanted.some((id) => !held.has(id))) throw v1Errors.notFound(WHAT[table]);
}

/**
 * Checks what a create or update names: subjects, shot types and the background preset must exist in
 * the set design's organization (or be its owner's own when it has none): 404 otherwise, as for a
 * missing set design. A base image slot (subject x shot type) appears at most once.
 */
export async function checkReferences(db: Executor, holder: Holder, input: ImageListsInput): Promise<void> {
  const base = input.base_images ?? [];
  const slots = new Set<string>();
  base.forEach((image, index) => {
    const slot = `${image.subject_id}/${image.shot_type_id}`;
    if (slots.has(slot)) throw v1Errors.invalidField(['body', 'base_images', index], 'Duplicate base image for this subject and shot type');
    slots.add(slot);
  });
  await requireHeld(db, 'subject', [...base.map((i) => i.subject_id), ...(input.subject_portraits ?? []).map((p) => p.subject_id)], holder);
  await requireHeld(db, 'shot_type', [...base.map((i) => i.shot_type_id), ...(input.reference_images ?? []).map((r) => r.shot_type_id)], holder);
  await requireHeld(db, 'background_preset', [input.background_preset_id], holder);
}

/**
 * Turns the given image lists into rows, downloading and storing images given by URL. Runs before
 * the write transaction (downloads take time); lists left null stay undefined (no change).
 */
export async function prepareImageLists(deps: Pick<AppDeps, 'db' | 'storage' | 'config'>, actor: Actor, input: ImageListsInput): Promise<PreparedLists> {
  const prepared: PreparedLists = {};
  if (input.base_images) {
    prepared.baseImages = [];
    for (const [index, image] of input.base_images.entries()) {
      const resolved = await resolveImageInput(deps, actor, image.image, ['body', 'base_images', index, 'image']);
      prepared.baseImages.push({ subject_id: image.subject_id, shot_type_id: image.shot_type_id, image_url: resolved.imageUrl, image_media_id: resolved.media?.id ?? null });
    }
  }
  if (input.reference_images) {
    prepared.referenceImages = [];
    for (const [index, image] of input.reference_images.entries()) {
      const resolved = await resolveImageInput(deps, actor, image.image, ['body', 'reference_images', index, 'image']);
      prepared.referenceImages.push({ shot_type_id: image.shot_type_id, label: image.label ?? null, image_url: resolved.imageUrl, image_media_id: resolved.media?.id ?? null });
    }
  }
  if (input.subject_portraits) {
    prepared.portraits = [];
    for (const [index, portrait] of input.subject_portraits.entries()) {
      const resolved = await resolveImageInput(deps, actor, portrait.image, ['body', 'subject_portraits', index, 'image']);
      prepared.portraits.push({ subject_id: portrait.subject_id, image_media_id: resolved.media?.id ?? null });
    }
  }
  return prepared;
}
