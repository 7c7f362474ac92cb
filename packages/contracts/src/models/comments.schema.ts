import { Type, type Static } from 'typebox';
import { Choice, DateTime, Json, Nullable, Uuid } from './columns.ts';

/** Comments and what hangs off them: attachments, notifications, subscriptions, news. */

export const CommentRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  shotgun_id: Nullable(Type.Integer()),
  object_id: Uuid(),
  object_type: Type.String({ maxLength: 80 }),
  text: Nullable(Type.String()),
  data: Json(),
  replies: Json('list of {id, date, person_id, text, mentions, department_mentions, created_at}'),
  checklist: Json('list of {text, checked}'),
  pinned: Nullable(Type.Boolean()),
  for_client: Type.Boolean(),
  links: Json('list of URLs'),
  task_status_id: Nullable(Uuid()),
  person_id: Uuid(),
  editor_id: Nullable(Uuid()),
  preview_file_id: Nullable(Uuid()),
});
export type Comment = Static<typeof CommentRow>;

export const AttachmentFileRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Nullable(Type.String({ maxLength: 250 })),
  size: Nullable(Type.Integer()),
  extension: Nullable(Type.String({ maxLength: 6 })),
  mimetype: Nullable(Type.String({ maxLength: 255 })),
  comment_id: Nullable(Uuid()),
  reply_id: Nullable(Type.String({ maxLength: 36 })),
  chat_message_id: Nullable(Uuid()),
});
export type AttachmentFile = Static<typeof AttachmentFileRow>;

export const NotificationRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  read: Type.Boolean(),
  change: Type.Boolean(),
  notification_type: Choice(['comment', 'mention', 'assignation', 'reply', 'reply-mention', 'playlist-ready']),
  person_id: Uuid(),
  author_id: Uuid(),
  comment_id: Nullable(Uuid()),
  task_id: Nullable(Uuid()),
  playlist_id: Nullable(Uuid()),
  reply_id: Nullable(Type.String({ maxLength: 36 })),
});
export type Notification = Static<typeof NotificationRow>;

export const SubscriptionRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  person_id: Uuid(),
  task_id: Nullable(Uuid()),
  entity_id: Nullable(Uuid()),
  task_type_id: Nullable(Uuid()),
});
export type Subscription = Static<typeof SubscriptionRow>;

export const NewsRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  change: Type.Boolean(),
  author_id: Uuid(),
  comment_id: Nullable(Uuid()),
  task_id: Uuid(),
  preview_file_id: Nullable(Uuid()),
});
export type News = Static<typeof NewsRow>;

