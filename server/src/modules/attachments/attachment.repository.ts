import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { AttachmentFile } from '../../platform/db/schema.ts';

export type AttachmentRow = Selectable<AttachmentFile>;

/** A file received for a comment: its server id (also its storage key's), name, size and type. */
export interface NewAttachment {
  id: string;
  filename: string;
  size: number;
  mimetype: string;
}

/** Zou's type guesses for files sent without a useful Content-Type. */
const TYPES: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', pdf: 'application/pdf',
  mp4: 'video/mp4', mov: 'video/quicktime', txt: 'text/plain', zip: 'application/zip',
};

function describe(file: NewAttachment) {
  const base = (file.filename.split(/[\\/]/).pop() ?? '').replace(/\p{Cc}/gu, '').trim() || 'file';
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 ? base.slice(dot + 1).toLowerCase().slice(0, 6) : '';
  const declared = file.mimetype.split(';')[0]?.trim().toLowerCase() ?? '';
  const generic = declared === '' || declared === 'application/octet-stream' || declared === 'text/plain';
  const mimetype = (generic ? TYPES[extension] : undefined) ?? (declared || 'application/octet-stream');
  return { name: base.slice(0, 250), extension, mimetype: mimetype.slice(0, 255) };
}

/**
 * Adds attachment rows to a comment, one per received file, ids given by the caller (the storage keys
 * were made from them). A name already used on the comment gets a random `-xxxxxxxx` suffix, as in Zou.
 * The comment row must be locked by the caller.
 */
export async function insertAttachments(tx: Tx, commentId: string, files: readonly NewAttachment[]): Promise<AttachmentRow[]> {
  if (files.length === 0) return [];
  const taken = new Set((await tx.selectFrom('attachment_file').select('name').where('comment_id', '=', commentId).execute()).map((row) => row.name));
  const rows: AttachmentRow[] = [];
  for (const file of files) {
    const described = describe(file);
    let name = described.name;
    if (taken.has(name)) {
      const suffix = randomBytes(4).toString('hex');
      const dot = name.lastIndexOf('.');
      name = dot > 0 ? `${name.slice(0, dot)}-${suffix}${name.slice(dot)}` : `${name}-${suffix}`;
    }
    taken.add(name);
    rows.push(
      await tx
        .insertInto('attachment_file')
        .values({ id: file.id, comment_id: commentId, name, size: file.size, extension: described.extension, mimetype: described.mimetype })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }
  return rows;
}

export async function findAttachment(db: Executor, id: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachment_file').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCommentAttachments(db: Executor, commentId: string): Promise<AttachmentRow[]> {
  return db.selectFrom('attachment_file').selectAll().where('comment_id', '=', commentId).orderBy('created_at').orderBy('name').execute();
}

/**
 * The attachments of every comment on a task, or on every task of a project, in one statement: the
 * owner row is left-joined so that an unknown owner gives no row at all (undefined), and a known one
 * without attachments a row of nulls (an empty list).
 */
export async function listOwnerAttachments(db: Executor, owner: { taskId: string } | { projectId: string }): Promise<AttachmentRow[] | undefined> {
  const base = 'taskId' in owner
    ? db.selectFrom('task as t').where('t.id', '=', owner.taskId)
    : db.selectFrom('project as p').leftJoin('task as t', 't.project_id', 'p.id').where('p.id', '=', owner.projectId);
  const rows = await base
    .leftJoin('comment as c', 'c.object_id', 't.id')
    .leftJoin('attachment_file as a', 'a.comment_id', 'c.id')
    .selectAll('a')
    .orderBy('a.created_at')
    .orderBy('a.name')
    .orderBy('a.id')
    .execute();
  if (rows.length === 0) return undefined;
  return rows.filter((row): row is AttachmentRow => row.id !== null);
}
