import type { TaskComment } from '@/lib/api-types';
import type { CommentPreview, PreviewFile } from '@/features/previews/preview-model';

/** A preview as the thread lists it: an uploaded, ready PNG unless told otherwise. */
export function preview(id: string, revision: number, changes: Partial<CommentPreview> = {}): CommentPreview {
  return {
    id, task_id: 't1', revision, position: 1, extension: 'png', width: 640, height: 360, duration: null, status: 'ready',
    validation_status: 'neutral', original_name: `layout_v${revision}`, annotations: [], ...changes,
  };
}

/** The whole row of a preview, as `GET data/preview-files/<id>` answers. */
export function previewRow(id: string, revision: number, changes: Partial<PreviewFile> = {}): PreviewFile {
  return {
    ...preview(id, revision), type: 'PreviewFile', created_at: '2025-01-01T10:00:00', updated_at: '2025-01-01T10:00:00', name: 'abcdefghijklm',
    description: null, path: null, source: null, file_size: 1000, data: {}, token_in: null, token_out: null, is_movie: false, url: null,
    uploaded_movie_url: null, uploaded_movie_name: null, shotgun_id: null, person_id: 'me', source_file_id: null, ...changes,
  };
}

/** A comment of the thread carrying these previews (the fields the previews read). */
export function commentWith(id: string, previews: CommentPreview[]): TaskComment {
  return { id, previews } as unknown as TaskComment;
}
