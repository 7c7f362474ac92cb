import { Type, type Static, type TSchema } from 'typebox';
import * as Model from './models/index.ts';
import { Nullable, Uuid } from './models/index.ts';
import * as Rows from './rows.schema.ts';

/** Comment shapes of the Zou-compatible API (§2.2 comment, §6.1-6.4, Notes on §4). */

/**
 * Nullable request fields stay `anyOf [T, null]`: under type coercion a null is then read as "",
 * which the services expect. Responses use the models' `Nullable`.
 */
const OrNull = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const CommentRow = Rows.CommentRow;
export type CommentRow = Static<typeof CommentRow>;

export const AttachmentFileSummary = Type.Pick(Model.AttachmentFileRow, ['id', 'name', 'extension', 'size']);

/** The comment "with relations": link tables as id lists (attachment files as ids, or summaries on creation). */
export const CommentWithRelations = Type.Object({
  ...CommentRow.properties,
  previews: Type.Array(Uuid()),
  mentions: Type.Array(Uuid()),
  department_mentions: Type.Array(Uuid()),
  acknowledgements: Type.Array(Uuid()),
  attachment_files: Type.Array(Type.Union([Uuid(), AttachmentFileSummary])),
});
export type CommentWithRelations = Static<typeof CommentWithRelations>;

/** `POST actions/tasks/<id>/comment` → 201: the comment with relations, its status row and its author. */
export const CreatedComment = Type.Object({
  ...CommentWithRelations.properties,
  task_status: Rows.TaskStatusRow,
  person: Type.Unknown({ description: 'the author (person safe fields)' }),
});
export type CreatedComment = Static<typeof CreatedComment>;

export const CommentAuthor = Type.Pick(Rows.PersonRow, ['id', 'first_name', 'last_name', 'full_name', 'has_avatar', 'role']);

export const CommentPreview = Type.Pick(Model.PreviewFileRow, [
  'id', 'task_id', 'revision', 'extension', 'width', 'height', 'duration', 'status', 'validation_status',
  'original_name', 'position', 'annotations',
]);

/** An item of `GET data/tasks/<id>/comments` (newest first). */
export const TaskComment = Type.Object({
  ...CommentRow.properties,
  person: Nullable(CommentAuthor),
  editor: Type.Optional(Nullable(Type.Omit(CommentAuthor, ['full_name']))),
  task_status: Type.Pick(Model.TaskStatusRow, ['id', 'name', 'short_name', 'color']),
  previews: Type.Array(CommentPreview),
  mentions: Type.Array(Uuid()),
  department_mentions: Type.Array(Uuid()),
  acknowledgements: Type.Array(Uuid()),
  attachment_files: Type.Array(Type.Pick(Model.AttachmentFileRow, ['id', 'name', 'extension', 'size', 'reply_id'])),
});
export type TaskComment = Static<typeof TaskComment>;

/**
 * Body of `POST actions/tasks/<id>/comment`. Gazu sends JSON, or multipart form fields when it attaches
 * files (then `checklist` is a JSON string and booleans are `True`/`False`): both land here normalised.
 */
export const CommentCreateBody = Type.Object({
  task_status_id: Type.String({ minLength: 1 }),
  comment: Type.Optional(OrNull(Type.String())),
  person_id: Type.Optional(OrNull(Type.String())),
  created_at: Type.Optional(OrNull(Type.String({ description: 'YYYY-MM-DD HH:MM:SS or YYYY-MM-DDTHH:MM:SS' }))),
  checklist: Type.Optional(Type.Unknown({ description: 'list of {text, checked}, or its JSON text' })),
  links: Type.Optional(Type.Unknown({ description: 'list of URLs, or its JSON text' })),
  for_client: Type.Optional(Type.Unknown({ description: 'boolean (or "True"/"False")' })),
});
export type CommentCreateBody = Static<typeof CommentCreateBody>;

/** null first: with type coercion on, a null tried against a boolean or string schema would become false or "". */
const NullFirst = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

/** Body of `PUT data/comments/<id>`: Gazu PUTs back a whole comment; keys that are not columns are ignored. */
export const CommentUpdateBody = Type.Object(
  {
    text: Type.Optional(NullFirst(Type.String())),
    checklist: Type.Optional(Type.Unknown()),
    pinned: Type.Optional(NullFirst(Type.Boolean())),
    for_client: Type.Optional(Type.Boolean()),
    links: Type.Optional(Type.Unknown()),
    data: Type.Optional(Type.Unknown()),
    task_status_id: Type.Optional(Type.String()),
    person_id: Type.Optional(Type.String()),
    object_id: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);
export type CommentUpdateBody = Static<typeof CommentUpdateBody>;

export const MoveCommentBody = Type.Object({ target_task_id: Type.String({ minLength: 1 }) });

export const TaskIdParam = Type.Object({ taskId: Type.String() });
export const TaskCommentParams = Type.Object({ taskId: Type.String(), commentId: Type.String() });
export const CommentIdParam = Type.Object({ id: Type.String() });

export const ReplyBody = Type.Object({ text: Type.Optional(Type.Union([Type.Null(), Type.String()])) });
export const ReplyParams = Type.Object({ taskId: Type.String(), commentId: Type.String(), replyId: Type.String() });

/** A reply, stored in the comment's `replies` list; the creation response embeds its author. */
export const Reply = Type.Object({
  id: Uuid(),
  date: Type.String(),
  person_id: Uuid(),
  text: Type.String(),
  mentions: Type.Array(Uuid()),
  department_mentions: Type.Array(Uuid()),
  created_at: Type.String(),
  person: Type.Optional(Type.Unknown()),
});
