import type { SetDesignPublic } from '../../../../../packages/contracts/src/set-designs/set-designs.schema.ts';
import type { MediaRow } from '../media/media.repository.ts';
import { presentMedia } from '../media/media.presenter.ts';
import { wireDateTime } from '../organizations/v1-wire.ts';
import type { ImageLists, SetDesignRow } from './set-design.repository.ts';

const stamps = (row: { id: string; created_at: string; updated_at: string }) => ({
  id: row.id,
  created_at: wireDateTime(row.created_at),
  updated_at: wireDateTime(row.updated_at),
});

export type MediaById = Map<string, MediaRow>;

const mediaOf = (media: MediaById, id: string | null) => {
  const row = id ? media.get(id) : undefined;
  return row ? presentMedia(row) : null;
};

export function presentBaseImage(row: ImageLists['baseImages'][number], media: MediaById) {
  return {
    ...stamps(row),
    subject_id: row.subject_id,
    shot_type_id: row.shot_type_id,
    image_url: row.image_url,
    image_media: mediaOf(media, row.image_media_id),
  };
}

/** A set design with its three image lists (SetDesignPublic, seed 003). */
export function presentSetDesign(row: SetDesignRow, lists: ImageLists, media: MediaById): SetDesignPublic {
  return {
    ...stamps(row),
    name: row.name,
    description: row.description,
    owner_id: row.owner_id,
    organization_id: row.organization_id,
    background_preset_id: row.background_preset_id,
    base_images: lists.baseImages.filter((image) => image.set_design_id === row.id).map((image) => presentBaseImage(image, media)),
    reference_images: lists.referenceImages
      .filter((image) => image.set_design_id === row.id)
      .map((image) => ({
        ...stamps(image),
        shot_type_id: image.shot_type_id,
        label: image.label,
        image_url: image.image_url,
        image_media: mediaOf(media, image.image_media_id),
      })),
    subject_portraits: lists.portraits
      .filter((portrait) => portrait.set_design_id === row.id)
      .map((portrait) => ({ ...stamps(portrait), subject_id: portrait.subject_id, image_media: mediaOf(media, portrait.image_media_id) })),
  };
}
