import {
  AttachmentFileRow, CommentRow, NewsRow, NotificationRow, SubscriptionRow,
} from '../../../../../packages/contracts/src/models/index.ts';
import { admin, any, manager, member, owner } from '../crud.policy.ts';
import { deleteCommentChildren } from '../cascade.repository.ts';
import type { Collection } from '../crud.types.ts';
import { adminPolicy } from './policies.ts';

/** Comments and what hangs off them. Listing is admin-only; feature routes serve the daily views. */

export const comments: Collection = {
  name: 'comments',
  table: 'comment',
  typeName: 'Comment',
  schema: CommentRow,
  project: { via: 'task', column: 'object_id' },
  relations: {
    previews: { link: 'comment_preview_link', own: 'comment_id', other: 'preview_file_id', target: 'preview_file' },
    mentions: { link: 'comment_mentions', own: 'comment_id', other: 'person_id', target: 'person' },
    department_mentions: { link: 'comment_department_mentions', own: 'comment_id', other: 'department_id', target: 'department' },
    acknowledgements: { link: 'comment_acknoledgments', own: 'comment_id', other: 'person_id', target: 'person' },
  },
  protectedOnUpdate: ['mentions', 'department_mentions'],
  // modules/comments edits and deletes comments (task status recompute, notifications).
  servedElsewhere: ['update', 'delete'],
  policy: { list: 'admin', read: member, create: admin, update: any(owner('person_id'), manager), delete: admin },
  hooks: {
    /** Attachments, notifications and news of the comment go with it. */
    async beforeDelete(ctx, current) {
      await deleteCommentChildren(ctx.tx, [String(current.id)]);
    },
  },
};

/** Listing is the admins'; a single attachment is read by whoever may read its comment's task (modules/attachments). */
export const attachmentFiles: Collection = {
  name: 'attachment-files', table: 'attachment_file', typeName: 'AttachmentFile', schema: AttachmentFileRow, policy: adminPolicy,
  servedElsewhere: ['read'],
};

/** The notification's own type column is serialised as `notification_type` (`type` is "Notification"). */
export const notifications: Collection = {
  name: 'notifications',
  table: 'notification',
  typeName: 'Notification',
  schema: NotificationRow,
  columnAliases: { notification_type: 'type' },
  protectedOnUpdate: ['type'],
  project: { via: 'task', column: 'task_id' },
  policy: adminPolicy,
};

export const subscriptions: Collection = {
  name: 'subscriptions', table: 'subscription', typeName: 'Subscription', schema: SubscriptionRow,
  project: { via: 'task', column: 'task_id' }, policy: adminPolicy,
};

export const news: Collection = {
  name: 'news', table: 'news', typeName: 'News', schema: NewsRow, project: { via: 'task', column: 'task_id' }, policy: adminPolicy,
};
