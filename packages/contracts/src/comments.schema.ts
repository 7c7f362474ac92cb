import { Type, type Static, type TSchema } from 'typebox';
import { TaskStatusRow } from './tasks.schema.ts';

/** Comment shapes of the Zou-compatible API (§2.2 comment, §6.1-6.4, Notes on §4). */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ description: 'UUID' });

const commentColumns = {
  id: Id,
  type: Type.Literal('Comment'),
  created_at: Type.String(),
  updated_at: Type.String(),
  shotgun_id: Nullable(Type.Integer()),
  object_id: Id,
  object_type: Type.String(),
  text: Nullable(Type.String()),
  data: Type.Unknown(),
  replies: Type.Unknown({ description: 'list of {id, date, person_id, text, mentions, department_mentions, created_at}' }),
  checklist: Type.Unknown({ description: 'list of {text, checked}' }),
  pinned: Nullable(Type.Boolean()),
  for_client: Type.Boolean(),
  links: Type.Unknown({ description: 'list of URLs' }),
  task_status_id: Nullable(Id),
  person_id: Id,
  editor_id: Nullable(Id),
  preview_file_id: Nullable(Id),
};

export const CommentRow = Type.Object(commentColumns);
export type CommentRow = Static<typeof CommentRow>;

export const AttachmentFileSummary = Type.Object({
  id: Id,
  name: Nullable(Type.String()),
  extension: Nullable(Type.String()),
  size: Nullable(Type.Integer()),
});

/** The comment "with relations": link tables as id lists (attachment files as ids, or summaries on creation). */
export const CommentWithRelations = Type.Object({
  ...commentColumns,
  previews: Type.Array(Id),
  mentions: Type.Array(Id),
  department_mentions: Type.Array(Id),
  acknowledgements: Type.Array(Id),
  attachment_files: Type.Array(Type.Union([Id, AttachmentFileSummary])),
});
export type CommentWithRelations = Static<typeof CommentWithRelations>;

/** `POST actions/tasks/<id>/comment` → 201: the comment with relations, its status row and its author. */
export const CreatedComment = Type.Object({
  ...CommentWithRelations.properties,
  task_status: TaskStatusRow,
  person: Type.Unknown({ description: 'the author (person safe fields)' }),
});
export type CreatedComment = Static<typeof CreatedComment>;

export const CommentAuthor = Type.Object({
  id: Id,
  first_name: Type.String(),
  last_name: Type.String(),
  full_name: Type.String(),
  has_avatar: Type.Boolean(),
  role: Type.String(),
});

export const CommentPreview = Type.Object({
  id: Id,
  task_id: Nullable(Id),
  revision: Type.Integer(),
  extension: Nullable(Type.String()),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  duration: Nullable(Type.Number()),
  status: Type.String(),
  validation_status: Type.String(),
  original_name: Nullable(Type.String()),
  position: Type.Integer(),
  annotations: Type.Unknown(),
});

/** An item of `GET data/tasks/<id>/comments` (newest first). */
export const TaskComment = Type.Object({
  ...commentColumns,
  person: Nullable(CommentAuthor),
  editor: Type.Optional(Nullable(Type.Omit(CommentAuthor, ['full_name']))),
  task_status: Type.Object({ id: Id, name: Type.String(), short_name: Type.String(), color: Type.String() }),
  previews: Type.Array(CommentPreview),
  mentions: Type.Array(Id),
  department_mentions: Type.Array(Id),
  acknowledgements: Type.Array(Id),
  attachment_files: Type.Array(Type.Object({ ...AttachmentFileSummary.properties, reply_id: Nullable(Type.String()) })),
});
export type TaskComment = Static<typeof TaskComment>;

/**
 * Body of `POST actions/tasks/<id>/comment`. Gazu sends JSON, or multipart form fields when it attaches
 * files (then `checklist` is a JSON string and booleans are `True`/`False`): both land here normalised.
 */
export const CommentCreateBody = Type.Object({
  task_status_id: Type.String({ minLength: 1 }),
  comment: Type.Optional(Nullable(Type.String())),
  person_id: Type.Optional(Nullable(Type.String())),
  created_at: Type.Optional(Nullable(Type.String({ description: 'YYYY-MM-DD HH:MM:SS or YYYY-MM-DDTHH:MM:SS' }))),
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
  id: Id,
  date: Type.String(),
  person_id: Id,
  text: Type.String(),
  mentions: Type.Array(Id),
  department_mentions: Type.Array(Id),
  created_at: Type.String(),
  person: Type.Optional(Type.Unknown()),
});
