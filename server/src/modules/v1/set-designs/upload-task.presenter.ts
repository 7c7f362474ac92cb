import type { SetDesignBaseImagesUploadTaskPublic } from '../../../../../packages/contracts/src/set-designs/upload-tasks.schema.ts';
import { wireDateTime } from '../organizations/v1-wire.ts';
import type { UploadTaskRow } from './upload-task.repository.ts';

/** Whitelisted: the archive's storage key stays inside. */
export function presentUploadTask(row: UploadTaskRow): SetDesignBaseImagesUploadTaskPublic {
  return {
    id: row.id,
    owner_id: row.owner_id,
    set_design_id: row.set_design_id,
    subject_id: row.subject_id,
    status: row.status,
    progress: row.progress,
    total_items: row.total_items,
    processed_items: row.processed_items,
    images_processed: row.images_processed,
    images_skipped: row.images_skipped,
    error_message: row.error_message,
    created_at: wireDateTime(row.created_at),
    started_at: wireDateTime(row.started_at),
    completed_at: wireDateTime(row.completed_at),
    result_data: row.result_data,
  };
}
