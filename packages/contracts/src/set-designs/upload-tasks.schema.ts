import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Uuid } from './common.schema.ts';

export const UploadTaskStatus = Type.Union(
  [Type.Literal('PENDING'), Type.Literal('PROCESSING'), Type.Literal('COMPLETED'), Type.Literal('FAILED')],
  { title: 'TaskStatus-Output' },
);
export type UploadTaskStatus = Static<typeof UploadTaskStatus>;

/** A ZIP of base images being processed; poll it until COMPLETED or FAILED. */
export const SetDesignBaseImagesUploadTaskPublic = Type.Object(
  {
    id: Uuid,
    owner_id: Uuid,
    set_design_id: Uuid,
    subject_id: Uuid,
    status: UploadTaskStatus,
    progress: Type.Integer(),
    total_items: Type.Integer(),
    processed_items: Type.Integer(),
    images_processed: Type.Integer(),
    images_skipped: Type.Integer(),
    error_message: Nullable(Type.String()),
    created_at: DateTime,
    started_at: Nullable(DateTime),
    completed_at: Nullable(DateTime),
    result_data: Nullable(Type.Record(Type.String(), Type.Unknown())),
  },
  { title: 'SetDesignBaseImagesUploadTaskPublic' },
);
export type SetDesignBaseImagesUploadTaskPublic = Static<typeof SetDesignBaseImagesUploadTaskPublic>;

export const UploadParams = Type.Object({ set_design_id: Uuid });
export const UploadQuery = Type.Object({
  organization_id: Type.Optional(Nullable(Uuid)),
  subject_id: Type.String({ format: 'uuid', description: 'Subject ID for the base images' }),
});
export const UploadTaskParams = Type.Object({ task_id: Uuid });
