import { Type, type Static, type TSchema } from 'typebox';
import { AttachmentFileRow, PreviewFileRow } from './models/index.ts';

/**
 * Previews, thumbnails and comment attachments of the Zou-compatible API (§4.6 create_preview,
 * upload_preview_file, add_preview, publish_preview, set_main_preview, add_attachment_files_to_comment;
 * §4.9 downloads; §6.2 revisions).
 */

/** null first: with type coercion on, a null tried against an integer schema would become 0. */
const NullFirst = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

/** A preview file row as Zou serialises it. */
export const PreviewFile = Type.Object({ ...PreviewFileRow.properties, type: Type.Literal('PreviewFile') });
export type PreviewFile = Static<typeof PreviewFile>;

/** An attachment file row as Zou serialises it. */
export const AttachmentFile = Type.Object({ ...AttachmentFileRow.properties, type: Type.Literal('AttachmentFile') });
export type AttachmentFile = Static<typeof AttachmentFile>;

/** `POST actions/tasks/<task_id>/comments/<comment_id>/add-preview`: the revision, or the next one. */
export const AddPreviewBody = Type.Object(
  { revision: Type.Optional(NullFirst(Type.Integer({ minimum: 0, description: 'omitted: next revision (or the comment\'s own)' }))) },
  { additionalProperties: true },
);
export type AddPreviewBody = Static<typeof AddPreviewBody>;

export const TaskCommentParams = Type.Object({ taskId: Type.String(), commentId: Type.String() });
export const ExtraPreviewParams = Type.Object({ taskId: Type.String(), commentId: Type.String(), previewFileId: Type.String() });
export const IdParam = Type.Object({ id: Type.String() });
/** `<id>.<extension>` path segments of the download routes. */
export const FileNameParam = Type.Object({ file: Type.String({ description: '<id>.<extension>' }) });

export const PreviewUploadQuery = Type.Object({
  normalize: Type.Optional(Type.String({ description: '"false" keeps a movie as uploaded (no transcoding)' })),
});

export const SetMainPreviewBody = Type.Object(
  { frame_number: Type.Optional(NullFirst(Type.Integer({ minimum: 0, description: 'movies only: the frame to use as thumbnail' }))) },
  { additionalProperties: true },
);
export type SetMainPreviewBody = Static<typeof SetMainPreviewBody>;

export const ForceQuery = Type.Object({ force: Type.Optional(Type.String({ description: 'true: also detach the comments and news' })) });

/** `POST pictures/thumbnails/<kind>/<id>` → 201. */
export const ThumbnailPath = Type.Object({ thumbnail_path: Type.String({ description: 'pictures/thumbnails/<kind>/<id>.png' }) });
export type ThumbnailPath = Static<typeof ThumbnailPath>;

/** The entity a main preview was set on (its columns and `type`). */
export const EntityWithMainPreview = Type.Object(
  { id: Type.String(), type: Type.String(), preview_file_id: NullFirst(Type.String()) },
  { additionalProperties: true },
);

export const AttachmentDownloadParams = Type.Object({ id: Type.String(), name: Type.String() });

/** One drawn object of an annotation frame (Kitsu's canvas objects); its `id` names it in updates and deletions. */
const AnnotationObject = Type.Object({ id: Type.String({ minLength: 1 }) }, { additionalProperties: true });
/** A frame of annotations: `{time, drawing: {objects}}`, `time` in seconds into the preview. */
const AnnotationFrame = Type.Object(
  { time: Type.Number(), drawing: Type.Object({ objects: Type.Array(AnnotationObject) }, { additionalProperties: true }) },
  { additionalProperties: true },
);
export type AnnotationFrame = Static<typeof AnnotationFrame>;
const AnnotationDeletion = Type.Object(
  { time: Type.Number(), objects: Type.Array(Type.String(), { description: 'ids of the objects to remove from the frame at `time`' }) },
  { additionalProperties: true },
);

/** `PUT actions/preview-files/<id>/update-annotations`: objects added, replaced (by id) and removed (by id), per frame. */
export const UpdateAnnotationsBody = Type.Object(
  {
    additions: Type.Optional(Type.Array(AnnotationFrame, { description: 'objects added to the frame at `time` (the frame is created when missing)' })),
    updates: Type.Optional(Type.Array(AnnotationFrame, { description: 'objects replacing those of the same id in the frame at `time`' })),
    deletions: Type.Optional(Type.Array(AnnotationDeletion)),
  },
  { additionalProperties: true },
);
export type UpdateAnnotationsBody = Static<typeof UpdateAnnotationsBody>;
