import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';

/** The project news feed row of a comment; dated like the comment itself. */
export async function insertNews(tx: Tx, news: { commentId: string; taskId: string; authorId: string; change: boolean }): Promise<string> {
  const row = await tx
    .insertInto('news')
    .values({
      change: news.change,
      author_id: news.authorId,
      comment_id: news.commentId,
      task_id: news.taskId,
      preview_file_id: null,
      created_at: sql<string>`(SELECT c.created_at FROM comment c WHERE c.id = ${news.commentId})`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteNewsOfComment(tx: Tx, commentId: string): Promise<void> {
  await tx.deleteFrom('news').where('comment_id', '=', commentId).execute();
}
