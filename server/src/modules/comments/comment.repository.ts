import { sql, type Selectable, type Updateable } from 'kysely';
import type { Static } from 'typebox';
import type { AttachmentFileSummary } from '../../../../packages/contracts/src/comments.schema.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Comment } from '../../platform/db/schema.ts';

export interface NewComment {
  object_id: string;
  task_status_id: string;
  person_id: string;
  text: string;
  checklist: unknown[];
  links: unknown[];
  for_client: boolean;
  /** A backdate given by a manager (`YYYY-MM-DDTHH:MM:SS`); null means now. */
  created_at: string | null;
}

/**
 * Inserts a comment. Without a backdate it is stamped with the wall clock (not the transaction start),
 * taken after the task lock: comments serialised by that lock get increasing dates.
 */
export async function insertComment(tx: Tx, comment: NewComment): Promise<Selectable<Comment>> {
  return tx
    .insertInto('comment')
    .values({
      object_id: comment.object_id,
      object_type: 'Task',
      task_status_id: comment.task_status_id,
      person_id: comment.person_id,
      text: comment.text,
      checklist: JSON.stringify(comment.checklist),
      links: JSON.stringify(comment.links),
      for_client: comment.for_client,
      created_at: comment.created_at ?? sql<string>`(clock_timestamp() AT TIME ZONE 'utc')`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findComment(db: Executor, commentId: string, options: { lock?: boolean } = {}) {
  let query = db.selectFrom('comment').selectAll().where('id', '=', commentId);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function updateCommentRow(tx: Tx, commentId: string, values: Updateable<Comment>): Promise<Selectable<Comment>> {
  return tx.updateTable('comment').set(values).where('id', '=', commentId).returningAll().executeTakeFirstOrThrow();
}

/** Who can be mentioned: the project team (by full name) and every department (by name). */
export async function findMentionables(db: Executor, projectId: string) {
  const [team, departments] = await Promise.all([
    db
      .selectFrom('project_person_link as ppl')
      .innerJoin('person as p', 'p.id', 'ppl.person_id')
      .select(['p.id', 'p.first_name', 'p.last_name'])
      .where('ppl.project_id', '=', projectId)
      .execute(),
    db.selectFrom('department').select(['id', 'name']).execute(),
  ]);
  return { team, departments };
}

/** Replaces the comment's person and department mentions. */
export async function setMentions(tx: Tx, commentId: string, personIds: string[], departmentIds: string[]): Promise<void> {
  await tx.deleteFrom('comment_mentions').where('comment_id', '=', commentId).execute();
  await tx.deleteFrom('comment_department_mentions').where('comment_id', '=', commentId).execute();
  await insertMentions(tx, commentId, personIds, departmentIds);
}

/** The mentions of a comment that has none yet (a new one): inserts only. */
export async function insertMentions(tx: Tx, commentId: string, personIds: string[], departmentIds: string[]): Promise<void> {
  if (personIds.length > 0) {
    await tx.insertInto('comment_mentions').values(personIds.map((person_id) => ({ comment_id: commentId, person_id }))).execute();
  }
  if (departmentIds.length > 0) {
    await tx
      .insertInto('comment_department_mentions')
      .values(departmentIds.map((department_id) => ({ comment_id: commentId, department_id })))
      .execute();
  }
}

export interface CommentRelations {
  previews: string[];
  mentions: string[];
  department_mentions: string[];
  acknowledgements: string[];
  attachment_files: Array<Static<typeof AttachmentFileSummary>>;
}

/** The comment's link tables, in one query. */
export async function findCommentRelations(db: Executor, commentId: string): Promise<CommentRelations> {
  const result = await sql<CommentRelations>`
    SELECT coalesce((SELECT array_agg(l.preview_file_id ORDER BY l.preview_file_id) FROM comment_preview_link l WHERE l.comment_id = c.id), '{}') AS previews,
           coalesce((SELECT array_agg(m.person_id ORDER BY m.person_id) FROM comment_mentions m WHERE m.comment_id = c.id), '{}') AS mentions,
           coalesce((SELECT array_agg(d.department_id ORDER BY d.department_id) FROM comment_department_mentions d WHERE d.comment_id = c.id), '{}') AS department_mentions,
           coalesce((SELECT array_agg(a.person_id ORDER BY a.person_id) FROM comment_acknoledgments a WHERE a.comment_id = c.id), '{}') AS acknowledgements,
           coalesce((SELECT jsonb_agg(jsonb_build_object('id', f.id, 'name', f.name, 'extension', f.extension, 'size', f.size) ORDER BY f.created_at)
                       FROM attachment_file f WHERE f.comment_id = c.id), '[]'::jsonb) AS attachment_files
      FROM comment c WHERE c.id = ${commentId}`.execute(db);
  return result.rows[0] ?? { previews: [], mentions: [], department_mentions: [], acknowledgements: [], attachment_files: [] };
}

/**
 * Whether the person was mentioned on the task, by name or through one of his departments, in a
 * comment or in a reply (what lets a non-actor answer in the conversation, §6.1).
 */
export async function isMentionedOnTask(db: Executor, taskId: string, personId: string, departmentIds: string[]): Promise<boolean> {
  const departments = departmentIds.length > 0 ? departmentIds : ['00000000-0000-0000-0000-000000000000'];
  const result = await sql<{ mentioned: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM comment c
       WHERE c.object_id = ${taskId}
         AND (EXISTS (SELECT 1 FROM comment_mentions m WHERE m.comment_id = c.id AND m.person_id = ${personId})
              OR EXISTS (SELECT 1 FROM comment_department_mentions d WHERE d.comment_id = c.id AND d.department_id = ANY(${departments}::uuid[]))
              OR EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.replies) = 'array' THEN c.replies ELSE '[]'::jsonb END) r
                          WHERE r->'mentions' ? ${personId}
                             OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(r->'department_mentions') = 'array' THEN r->'department_mentions' ELSE '[]'::jsonb END) dm
                                         WHERE dm = ANY(${departments}::text[]))))) AS mentioned`.execute(db);
  return result.rows[0]?.mentioned ?? false;
}

export async function hasPreview(db: Executor, comment: Selectable<Comment>): Promise<boolean> {
  if (comment.preview_file_id) return true;
  const row = await db.selectFrom('comment_preview_link').select('preview_file_id').where('comment_id', '=', comment.id).executeTakeFirst();
  return row !== undefined;
}

/** Toggles the person in the comment's acknowledgements; tells which way it went. */
export async function toggleAcknowledgement(tx: Tx, commentId: string, personId: string): Promise<'acknowledge' | 'unacknowledge'> {
  const removed = await tx
    .deleteFrom('comment_acknoledgments')
    .where('comment_id', '=', commentId)
    .where('person_id', '=', personId)
    .returning('person_id')
    .execute();
  if (removed.length > 0) return 'unacknowledge';
  await tx
    .insertInto('comment_acknoledgments')
    .values({ comment_id: commentId, person_id: personId })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return 'acknowledge';
}

/**
 * Deletes a comment with what hangs on it: notifications, news, its previews (and the references
 * to them) and attachments. Mentions and acknowledgements go with the row (ON DELETE CASCADE).
 */
export async function deleteCommentCascade(tx: Tx, comment: Selectable<Comment>): Promise<void> {
  const linked = await tx.selectFrom('comment_preview_link').select('preview_file_id').where('comment_id', '=', comment.id).execute();
  const previewIds = [...new Set([...linked.map((row) => row.preview_file_id), ...(comment.preview_file_id ? [comment.preview_file_id] : [])])];
  await tx.deleteFrom('notification').where('comment_id', '=', comment.id).execute();
  await tx.deleteFrom('news').where('comment_id', '=', comment.id).execute();
  await tx.deleteFrom('attachment_file').where('comment_id', '=', comment.id).execute();
  await tx.deleteFrom('comment').where('id', '=', comment.id).execute();
  if (previewIds.length > 0) {
    await tx.updateTable('task').set({ last_preview_file_id: null }).where('last_preview_file_id', 'in', previewIds).execute();
    await tx.updateTable('entity').set({ preview_file_id: null }).where('preview_file_id', 'in', previewIds).execute();
    await tx.updateTable('news').set({ preview_file_id: null }).where('preview_file_id', 'in', previewIds).execute();
    await tx.deleteFrom('preview_file').where('id', 'in', previewIds).execute();
  }
}

export async function moveCommentRow(tx: Tx, commentId: string, targetTaskId: string): Promise<void> {
  await tx.updateTable('comment').set({ object_id: targetTaskId }).where('id', '=', commentId).execute();
}

/** The author as the creation response shows him (safe fields are whitelisted by the presenter), in one query. */
export async function findAuthor(db: Executor, personId: string) {
  const row = await db
    .selectFrom('person as p')
    .selectAll('p')
    .select(sql<string[]>`ARRAY(SELECT dl.department_id FROM department_link dl WHERE dl.person_id = p.id)`.as('author_department_ids'))
    .where('p.id', '=', personId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { author_department_ids: departmentIds, ...person } = row;
  return { person, departmentIds };
}

export async function findProjectRetakeSettings(db: Executor, projectId: string) {
  return db.selectFrom('project').select(['max_retakes', 'is_clients_isolated']).where('id', '=', projectId).executeTakeFirstOrThrow();
}

/** Sibling tasks of the same entity with their type names (targets of #hashtags). */
export async function findSiblingTasks(db: Executor, entityId: string, exceptTaskId: string) {
  return db
    .selectFrom('task as t')
    .innerJoin('task_type as tt', 'tt.id', 't.task_type_id')
    .select(['t.id', 't.task_type_id', 'tt.name as task_type_name'])
    .where('t.entity_id', '=', entityId)
    .where('t.id', '<>', exceptTaskId)
    .execute();
}
