import { sql, type Selectable, type Updateable } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Json, PreviewFile } from '../../platform/db/schema.ts';

export type PreviewRow = Selectable<PreviewFile>;

export async function findPreview(db: Executor, id: string, options: { lock?: boolean } = {}): Promise<PreviewRow | undefined> {
  let query = db.selectFrom('preview_file').selectAll().where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The comment's previews, first revision and position first. */
export async function findCommentPreviews(db: Executor, commentId: string): Promise<PreviewRow[]> {
  return db
    .selectFrom('preview_file as p')
    .innerJoin('comment_preview_link as l', 'l.preview_file_id', 'p.id')
    .selectAll('p')
    .where('l.comment_id', '=', commentId)
    .orderBy('p.revision')
    .orderBy('p.position')
    .orderBy('p.created_at')
    .execute();
}

export async function lastTaskRevision(db: Executor, taskId: string): Promise<number> {
  const row = await db.selectFrom('preview_file').select((eb) => eb.fn.max('revision').as('last')).where('task_id', '=', taskId).executeTakeFirst();
  return Number(row?.last ?? 0);
}

export async function countRevisionFiles(db: Executor, taskId: string, revision: number): Promise<number> {
  const row = await db
    .selectFrom('preview_file')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('task_id', '=', taskId)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function revisionTaken(db: Executor, taskId: string, revision: number): Promise<boolean> {
  const row = await db
    .selectFrom('preview_file')
    .select('id')
    .where('task_id', '=', taskId)
    .where('revision', '=', revision)
    .where('position', '=', 1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertPreview(
  tx: Tx,
  values: { name: string; revision: number; position: number; task_id: string; person_id: string },
): Promise<PreviewRow> {
  return tx
    .insertInto('preview_file')
    .values({ ...values, source: 'webgui', extension: 'mp4', status: 'processing' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Links the preview to the comment, and points the comment's news at it. */
export async function attachPreviewToComment(tx: Tx, commentId: string, previewFileId: string): Promise<void> {
  await tx.insertInto('comment_preview_link').values({ comment_id: commentId, preview_file_id: previewFileId }).onConflict((oc) => oc.doNothing()).execute();
  await tx.updateTable('news').set({ preview_file_id: previewFileId }).where('comment_id', '=', commentId).execute();
}

/** The comment a preview belongs to (link table, or the legacy column). */
export async function findPreviewComment(db: Executor, previewFileId: string): Promise<{ id: string } | undefined> {
  const linked = await db.selectFrom('comment_preview_link').select('comment_id as id').where('preview_file_id', '=', previewFileId).executeTakeFirst();
  if (linked) return linked;
  return db.selectFrom('comment').select('id').where('preview_file_id', '=', previewFileId).executeTakeFirst();
}

/**
 * Claims a preview for its one upload: `original_name` goes from null to "" (uploading). Undefined
 * when it was uploaded already (or is being uploaded).
 */
export async function claimUpload(db: Executor, id: string): Promise<PreviewRow | undefined> {
  return db.updateTable('preview_file').set({ original_name: '' }).where('id', '=', id).where('original_name', 'is', null).returningAll().executeTakeFirst();
}

/** Gives a failed upload back: the preview may be uploaded again. */
export async function releaseUpload(db: Executor, id: string): Promise<void> {
  await db.updateTable('preview_file').set({ original_name: null }).where('id', '=', id).where('original_name', '=', '').execute();
}

/** Updates the preview's columns; `data` keys are merged into its `data` object. */
export async function updatePreview(
  db: Executor,
  id: string,
  values: Omit<Updateable<PreviewFile>, 'data'>,
  data?: Record<string, unknown>,
): Promise<PreviewRow | undefined> {
  return db
    .updateTable('preview_file')
    .set({ ...values, ...(data ? { data: mergedData(data) } : {}) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Merges keys into the preview's `data` (a JSON object). */
export function mergedData(extra: Record<string, unknown>) {
  return sql<Json>`coalesce(CASE WHEN jsonb_typeof(data) = 'object' THEN data END, '{}'::jsonb) || ${JSON.stringify(extra)}::jsonb`;
}

export async function projectPreviewSettings(db: Executor, projectId: string) {
  return db
    .selectFrom('project')
    .select(['is_set_preview_automated', 'is_single_preview_per_revision'])
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow();
}

export async function setTaskLastPreview(tx: Tx, taskId: string, previewFileId: string): Promise<void> {
  await tx.updateTable('task').set({ last_preview_file_id: previewFileId }).where('id', '=', taskId).execute();
}

/** Sets the entity's main preview; the entity row with its type name. */
export async function setEntityMainPreview(tx: Tx, entityId: string, previewFileId: string) {
  const entity = await tx.updateTable('entity').set({ preview_file_id: previewFileId }).where('id', '=', entityId).returningAll().executeTakeFirst();
  if (!entity) return undefined;
  const type = await tx.selectFrom('entity_type').select('name').where('id', '=', entity.entity_type_id).executeTakeFirstOrThrow();
  return { entity, typeName: type.name };
}

/** Clears what points at the previews (main previews, last previews, news, comments) and deletes them. */
export async function deletePreviews(tx: Tx, previewIds: string[]): Promise<void> {
  if (previewIds.length === 0) return;
  await tx.updateTable('entity').set({ preview_file_id: null }).where('preview_file_id', 'in', previewIds).execute();
  await tx.updateTable('task').set({ last_preview_file_id: null }).where('last_preview_file_id', 'in', previewIds).execute();
  await tx.updateTable('news').set({ preview_file_id: null }).where('preview_file_id', 'in', previewIds).execute();
  await tx.updateTable('comment').set({ preview_file_id: null }).where('preview_file_id', 'in', previewIds).execute();
  await tx.deleteFrom('preview_file').where('id', 'in', previewIds).execute();
}

/** Whether anything but the main previews and last previews points at the preview (comments, news, playlists). */
export async function previewIsReferenced(db: Executor, previewFileId: string): Promise<boolean> {
  const row = await sql<{ referenced: boolean }>`
    SELECT EXISTS (SELECT 1 FROM comment_preview_link WHERE preview_file_id = ${previewFileId})
        OR EXISTS (SELECT 1 FROM comment WHERE preview_file_id = ${previewFileId})
        OR EXISTS (SELECT 1 FROM news WHERE preview_file_id = ${previewFileId}) AS referenced`.execute(db);
  return row.rows[0]?.referenced ?? false;
}

/** Replaces the preview's annotation list (sent as JSON text: a bare array would become a PostgreSQL array). */
export async function setPreviewAnnotations(tx: Tx, id: string, annotations: unknown[]): Promise<PreviewRow | undefined> {
  return tx
    .updateTable('preview_file')
    .set({ annotations: sql<Json>`${JSON.stringify(annotations)}::jsonb` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Every preview file of a task, newest revision first (then by position within a revision). */
export async function findTaskPreviews(db: Executor, taskId: string): Promise<PreviewRow[]> {
  return db.selectFrom('preview_file').selectAll().where('task_id', '=', taskId).orderBy('revision', 'desc').orderBy('position').execute();
}
