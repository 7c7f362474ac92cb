import type { MediaResourcePublic } from '../../../../../packages/contracts/src/set-designs/media.schema.ts';
import { wireDateTime } from '../organizations/v1-wire.ts';
import type { MediaRow } from './media.repository.ts';

/** Where the API serves a media resource's bytes. */
export const mediaFileUrl = (id: string) => `/api/v1/media/${id}/file`;

/** Whitelisted fields: storage keys and the uploader stay inside. */
export function presentMedia(row: MediaRow): MediaResourcePublic {
  return {
    id: row.id,
    created_at: wireDateTime(row.created_at),
    url: mediaFileUrl(row.id),
    thumbnail_url: row.thumbnail_key ? `/api/v1/media/${row.id}/thumbnail` : null,
    resource_type: row.resource_type as MediaResourcePublic['resource_type'],
    content_hash: row.content_hash,
    extension: row.extension,
    file_size: row.file_size,
    width: row.width,
    height: row.height,
    aspect_ratio: row.aspect_ratio,
    orientation: row.orientation,
    dominant_color: row.dominant_color,
    color_profile: row.color_profile,
    duration: row.duration,
    alt_text: row.alt_text,
    caption: row.caption,
    protected: row.protected,
  };
}
