import type { Selectable } from 'kysely';
import type { CommentRow, CommentWithRelations } from '../../../../packages/contracts/src/comments.schema.ts';
import type { Comment } from '../../platform/db/schema.ts';
import type { CommentRelations } from './comment.repository.ts';

/** Zou's comment columns plus `type`; nothing else of the row reaches the wire. */
export function presentComment(row: Selectable<Comment>): CommentRow {
  return {
    id: row.id,
    type: 'Comment',
    created_at: row.created_at,
    updated_at: row.updated_at,
    shotgun_id: row.shotgun_id,
    object_id: row.object_id,
    object_type: row.object_type,
    text: row.text,
    data: row.data,
    replies: row.replies,
    checklist: row.checklist,
    pinned: row.pinned,
    for_client: row.for_client,
    links: row.links,
    task_status_id: row.task_status_id,
    person_id: row.person_id,
    editor_id: row.editor_id,
    preview_file_id: row.preview_file_id,
  };
}

/**
 * The comment "with relations". Zou lists attachment files as ids, except in the creation response
 * where they are `{id, name, extension, size}` summaries.
 */
export function presentCommentWithRelations(
  row: Selectable<Comment>,
  relations: CommentRelations,
  options: { attachmentSummaries?: boolean } = {},
): CommentWithRelations {
  return {
    ...presentComment(row),
    previews: relations.previews,
    mentions: relations.mentions,
    department_mentions: relations.department_mentions,
    acknowledgements: relations.acknowledgements,
    attachment_files: options.attachmentSummaries
      ? relations.attachment_files
      : relations.attachment_files.map((file) => file.id),
  };
}
