import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Uuid } from './common.schema.ts';

export const MediaResourceType = Type.Union(
  [Type.Literal('image'), Type.Literal('video'), Type.Literal('audio'), Type.Literal('document')],
  { title: 'MediaResourceType' },
);

/** A stored file, served back at `url`; `content_hash` is its sha256 (the same bytes are stored once). */
export const MediaResourcePublic = Type.Object(
  {
    id: Uuid,
    created_at: DateTime,
    url: Type.String(),
    thumbnail_url: Nullable(Type.String()),
    resource_type: MediaResourceType,
    content_hash: Type.String(),
    extension: Type.String(),
    file_size: Type.Integer(),
    width: Nullable(Type.Integer()),
    height: Nullable(Type.Integer()),
    aspect_ratio: Nullable(Type.Number()),
    orientation: Nullable(Type.String()),
    dominant_color: Nullable(Type.String()),
    color_profile: Nullable(Type.String()),
    duration: Nullable(Type.Number()),
    alt_text: Nullable(Type.String()),
    caption: Nullable(Type.String()),
    protected: Type.Boolean(),
  },
  { title: 'MediaResourcePublic' },
);
export type MediaResourcePublic = Static<typeof MediaResourcePublic>;

/**
 * An image by reference: an existing `media_resource_id`, or a `url` to download. Measured values
 * (width, height, dominant_color...) are computed by the server; the client's are ignored.
 */
export const MediaInput = Type.Object(
  {
    media_resource_id: Type.Optional(Nullable(Uuid)),
    url: Type.Optional(Nullable(Type.String({ maxLength: 2048 }))),
    alt_text: Type.Optional(Nullable(Type.String())),
    caption: Type.Optional(Nullable(Type.String())),
    protected: Type.Optional(Type.Boolean()),
    color_profile: Type.Optional(Nullable(Type.String())),
    dominant_color: Type.Optional(Nullable(Type.String())),
    duration: Type.Optional(Nullable(Type.Number())),
    height: Type.Optional(Nullable(Type.Integer())),
    width: Type.Optional(Nullable(Type.Integer())),
  },
  { title: 'MediaInput' },
);
export type MediaInput = Static<typeof MediaInput>;

/** "URL or MediaInput" (seed 003), or null for no image. */
export const ImageInput = Nullable(Type.Union([Type.String({ maxLength: 2048 }), MediaInput]));
export type ImageInput = Static<typeof ImageInput>;

export const MediaUploadQuery = Type.Object({
  alt_text: Type.Optional(Type.String()),
  caption: Type.Optional(Type.String()),
});
