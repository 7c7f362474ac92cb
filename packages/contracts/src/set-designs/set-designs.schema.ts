import { Type, type Static } from 'typebox';
import { DateTime, Nullable, NullableArray, PageOf, Uuid } from './common.schema.ts';
import { ImageInput, MediaResourcePublic } from './media.schema.ts';

/** Set designs, word for word from seed 003 (a FastAPI service; field order and titles kept). */

export const SetBaseImageCreate = Type.Object(
  {
    subject_id: Uuid,
    shot_type_id: Uuid,
    image: Type.Optional(ImageInput),
  },
  { title: 'SetBaseImageCreate' },
);
export type SetBaseImageCreate = Static<typeof SetBaseImageCreate>;

export const SetReferenceImageCreate = Type.Object(
  {
    shot_type_id: Uuid,
    label: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
    image: Type.Optional(ImageInput),
  },
  { title: 'SetReferenceImageCreate' },
);
export type SetReferenceImageCreate = Static<typeof SetReferenceImageCreate>;

export const SubjectPortraitCreate = Type.Object(
  { subject_id: Uuid, image: Type.Optional(ImageInput) },
  { title: 'SubjectPortraitCreate' },
);
export type SubjectPortraitCreate = Static<typeof SubjectPortraitCreate>;

export const SetDesignCreate = Type.Object(
  {
    name: Type.String({ maxLength: 255 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 1024 }))),
    background_preset_id: Type.Optional(Nullable(Uuid)),
    owner_id: Type.Optional(Nullable(Uuid)),
    organization_id: Type.Optional(Nullable(Type.String({ format: 'uuid', description: 'Organization this set design belongs to' }))),
    base_images: Type.Optional(Type.Array(SetBaseImageCreate)),
    reference_images: Type.Optional(Type.Array(SetReferenceImageCreate)),
    subject_portraits: Type.Optional(Type.Array(SubjectPortraitCreate)),
  },
  { title: 'SetDesignCreate' },
);
export type SetDesignCreate = Static<typeof SetDesignCreate>;

export const SetDesignUpdate = Type.Object(
  {
    name: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
    description: Type.Optional(Nullable(Type.String())),
    background_preset_id: Type.Optional(Nullable(Uuid)),
    owner_id: Type.Optional(Nullable(Uuid)),
    organization_id: Type.Optional(Nullable(Type.String({ format: 'uuid', description: 'Organization to transfer this set design to' }))),
    base_images: Type.Optional(NullableArray(SetBaseImageCreate, { description: 'Full-replace base images list. None = no change.' })),
    reference_images: Type.Optional(
      NullableArray(SetReferenceImageCreate, { description: 'Full-replace reference images list. None = no change.' }),
    ),
    subject_portraits: Type.Optional(
      NullableArray(SubjectPortraitCreate, { description: 'Full-replace subject portraits list. None = no change.' }),
    ),
  },
  { title: 'SetDesignUpdate' },
);
export type SetDesignUpdate = Static<typeof SetDesignUpdate>;

const timestamps = { id: Uuid, created_at: DateTime, updated_at: DateTime };

export const SetBaseImagePublic = Type.Object(
  {
    ...timestamps,
    subject_id: Uuid,
    shot_type_id: Uuid,
    image_url: Nullable(Type.String()),
    image_media: Nullable(MediaResourcePublic),
  },
  { title: 'SetBaseImagePublic' },
);

export const SetReferenceImagePublic = Type.Object(
  {
    ...timestamps,
    shot_type_id: Uuid,
    label: Nullable(Type.String()),
    image_url: Nullable(Type.String()),
    image_media: Nullable(MediaResourcePublic),
  },
  { title: 'SetReferenceImagePublic' },
);

export const SubjectPortraitPublic = Type.Object(
  { ...timestamps, subject_id: Uuid, image_media: Nullable(MediaResourcePublic) },
  { title: 'SubjectPortraitPublic' },
);

export const SetDesignPublic = Type.Object(
  {
    ...timestamps,
    name: Type.String(),
    description: Nullable(Type.String()),
    owner_id: Uuid,
    organization_id: Nullable(Uuid),
    background_preset_id: Nullable(Uuid),
    base_images: Type.Array(SetBaseImagePublic, { default: [] }),
    reference_images: Type.Array(SetReferenceImagePublic, { default: [] }),
    subject_portraits: Type.Array(SubjectPortraitPublic, { default: [] }),
  },
  { title: 'SetDesignPublic' },
);
export type SetDesignPublic = Static<typeof SetDesignPublic>;
export const SetDesignsPublic = PageOf(SetDesignPublic, 'SetDesignsPublic');

export const SetDesignListQuery = Type.Object({
  skip: Type.Integer({ minimum: 0, default: 0 }),
  limit: Type.Integer({ minimum: 0, maximum: 1000, default: 100 }),
  organization_id: Type.Optional(Nullable(Uuid)),
  owner_id: Type.Optional(Nullable(Uuid)),
});

export const FindBaseImageQuery = Type.Object({
  organization_id: Type.Optional(Nullable(Uuid)),
  subject_id: Type.String({ format: 'uuid', description: 'Subject ID to match' }),
  shot_type_id: Type.String({ format: 'uuid', description: 'Shot type ID to match' }),
});

export const SetDesignCompletionRequest = Type.Object(
  { subject_ids: Type.Array(Uuid), shot_type_ids: Type.Array(Uuid) },
  { title: 'SetDesignCompletionRequest' },
);
export type SetDesignCompletionRequest = Static<typeof SetDesignCompletionRequest>;

export const SetDesignNotificationPublic = Type.Object(
  {
    id: Uuid,
    created_at: DateTime,
    set_design_id: Uuid,
    requested_by: Nullable(Uuid),
    kind: Type.String(),
    message: Type.String(),
    data: Type.Record(Type.String(), Type.Unknown()),
    read_at: Nullable(DateTime),
  },
  { title: 'SetDesignNotificationPublic' },
);
export const SetDesignNotificationsPublic = PageOf(SetDesignNotificationPublic, 'SetDesignNotificationsPublic');
