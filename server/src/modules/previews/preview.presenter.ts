import type { PreviewFile } from '../../../../packages/contracts/src/previews.schema.ts';
import type { PreviewRow } from './preview.repository.ts';

/** Zou's preview file columns and `type`; an upload answer built from it carries no `message` key. */
export function presentPreviewFile(row: PreviewRow): PreviewFile {
  return {
    id: row.id,
    type: 'PreviewFile',
    created_at: row.created_at,
    updated_at: row.updated_at,
    name: row.name,
    original_name: row.original_name,
    revision: row.revision,
    position: row.position,
    extension: row.extension,
    description: row.description,
    path: row.path,
    source: row.source,
    file_size: row.file_size,
    status: row.status as PreviewFile['status'],
    validation_status: row.validation_status as PreviewFile['validation_status'],
    annotations: row.annotations,
    width: row.width,
    height: row.height,
    duration: row.duration,
    data: row.data,
    token_in: row.token_in,
    token_out: row.token_out,
    is_movie: row.is_movie,
    url: row.url,
    uploaded_movie_url: row.uploaded_movie_url,
    uploaded_movie_name: row.uploaded_movie_name,
    shotgun_id: row.shotgun_id,
    task_id: row.task_id,
    person_id: row.person_id,
    source_file_id: row.source_file_id,
  };
}
