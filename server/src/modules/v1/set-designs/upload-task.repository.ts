import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.ts';
import type { UploadTaskStatus } from '../../../../../packages/contracts/src/set-designs/upload-tasks.schema.ts';

export interface UploadTaskRow {
  id: string;
  created_at: string;
  owner_id: string;
  set_design_id: string;
  subject_id: string;
  status: UploadTaskStatus;
  progress: number;
  total_items: number;
  processed_items: number;
  images_processed: number;
  images_skipped: number;
  error_message: string | null;
  started_at: string | null;
  completed_at: string | null;
  result_data: Record<string, unknown> | null;
  archive_key: string;
}

const columns = [
  'id', 'created_at', 'owner_id', 'set_design_id', 'subject_id', sql<UploadTaskStatus>`status`.as('status'), 'progress', 'total_items',
  'processed_items', 'images_processed', 'images_skipped', 'error_message', 'started_at', 'completed_at',
  sql<Record<string, unknown> | null>`result_data`.as('result_data'), 'archive_key',
] as const;

export async function insertUploadTask(
  db: Executor,
  values: { id: string; owner_id: string; set_design_id: string; subject_id: string; archive_key: string },
): Promise<UploadTaskRow> {
  return db.insertInto('set_design_upload_task').values(values).returning(columns).executeTakeFirstOrThrow();
}

export async function findUploadTask(db: Executor, id: string): Promise<UploadTaskRow | undefined> {
  return db.selectFrom('set_design_upload_task').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function latestUploadTask(db: Executor, setDesignId: string, subjectId: string): Promise<UploadTaskRow | undefined> {
  return db
    .selectFrom('set_design_upload_task')
    .select(columns)
    .where('set_design_id', '=', setDesignId)
    .where('subject_id', '=', subjectId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * PENDING -> PROCESSING, or PROCESSING again when the job is retried after its worker died. Counters
 * start over: the archive is read from the start. COMPLETED and FAILED tasks are never taken back.
 */
export async function startUploadTask(db: Executor, id: string): Promise<UploadTaskRow | undefined> {
  return db
    .updateTable('set_design_upload_task')
    .set({
      status: 'PROCESSING',
      started_at: sql<string>`coalesce(started_at, utc_now())`,
      progress: 0,
      total_items: 0,
      processed_items: 0,
      images_processed: 0,
      images_skipped: 0,
    })
    .where('id', '=', id)
    .where('status', 'in', ['PENDING', 'PROCESSING'])
    .returning(columns)
    .executeTakeFirst();
}

export interface UploadProgress {
  total_items: number;
  processed_items: number;
  images_processed: number;
  images_skipped: number;
  progress: number;
}

/** Moves the counters while PROCESSING; false when the task is no longer processing (or gone). */
export async function recordUploadProgress(db: Executor, id: string, progress: UploadProgress): Promise<boolean> {
  const result = await db
    .updateTable('set_design_upload_task')
    .set(progress)
    .where('id', '=', id)
    .where('status', '=', 'PROCESSING')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** PROCESSING -> COMPLETED or FAILED, once: the status guard makes a second finish a no-op. */
export async function finishUploadTask(
  db: Executor,
  id: string,
  outcome: { status: 'COMPLETED' | 'FAILED'; error_message: string | null; result_data: Record<string, unknown>; progress?: UploadProgress },
): Promise<boolean> {
  const result = await db
    .updateTable('set_design_upload_task')
    .set({
      ...(outcome.progress ?? {}),
      status: outcome.status,
      error_message: outcome.error_message,
      result_data: JSON.stringify(outcome.result_data),
      completed_at: sql<string>`utc_now()`,
    })
    .where('id', '=', id)
    .where('status', 'in', ['PENDING', 'PROCESSING'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
