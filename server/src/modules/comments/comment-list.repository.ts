import { sql, type Selectable } from 'kysely';
import type { TaskComment } from '../../../../packages/contracts/src/comments.schema.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { Comment } from '../../platform/db/schema.ts';

export type TaskCommentRow = Selectable<Comment> & {
  person_first_name: string;
  person_last_name: string;
  person_has_avatar: boolean;
  person_role: string;
  /** The author's role in the task's project (per-project override, else global). */
  person_project_role: string;
  editor_first_name: string | null;
  editor_last_name: string | null;
  editor_has_avatar: boolean | null;
  editor_role: string | null;
  status_name: string;
  status_short_name: string;
  status_color: string;
  previews: TaskComment['previews'];
  mentions: string[];
  department_mentions: string[];
  acknowledgements: string[];
  attachment_files: TaskComment['attachment_files'];
};

/**
 * The comments of a task, newest first, with author, editor, status and every link list, in one
 * query (correlated aggregates, no query per comment). `hideClientAuthors` leaves out comments whose
 * author is a client of the project; `hideRejectedPreviews` is the client view of previews.
 */
export async function findTaskComments(
  db: Executor,
  taskId: string,
  options: { projectId: string; hideClientAuthors: boolean; hideRejectedPreviews: boolean },
): Promise<TaskCommentRow[]> {
  const result = await sql<TaskCommentRow>`
    SELECT c.*,
           p.first_name AS person_first_name, p.last_name AS person_last_name, p.has_avatar AS person_has_avatar,
           p.role AS person_role, coalesce(ppl.role, p.role) AS person_project_role,
           ed.first_name AS editor_first_name, ed.last_name AS editor_last_name, ed.has_avatar AS editor_has_avatar, ed.role AS editor_role,
           ts.name AS status_name, ts.short_name AS status_short_name, ts.color AS status_color,
           coalesce((SELECT jsonb_agg(jsonb_build_object(
                       'id', pf.id, 'task_id', pf.task_id, 'revision', pf.revision, 'extension', pf.extension,
                       'width', pf.width, 'height', pf.height, 'duration', pf.duration, 'status', pf.status,
                       'validation_status', pf.validation_status, 'original_name', pf.original_name,
                       'position', pf.position, 'annotations', pf.annotations) ORDER BY pf.revision, pf.position)
                       FROM comment_preview_link l JOIN preview_file pf ON pf.id = l.preview_file_id
                      WHERE l.comment_id = c.id AND (NOT ${options.hideRejectedPreviews} OR pf.validation_status <> 'rejected')), '[]'::jsonb) AS previews,
           coalesce((SELECT array_agg(m.person_id ORDER BY m.person_id) FROM comment_mentions m WHERE m.comment_id = c.id), '{}') AS mentions,
           coalesce((SELECT array_agg(d.department_id ORDER BY d.department_id) FROM comment_department_mentions d WHERE d.comment_id = c.id), '{}') AS department_mentions,
           coalesce((SELECT array_agg(a.person_id ORDER BY a.person_id) FROM comment_acknoledgments a WHERE a.comment_id = c.id), '{}') AS acknowledgements,
           coalesce((SELECT jsonb_agg(jsonb_build_object('id', f.id, 'name', f.name, 'extension', f.extension, 'size', f.size, 'reply_id', f.reply_id)
                       ORDER BY f.created_at) FROM attachment_file f WHERE f.comment_id = c.id), '[]'::jsonb) AS attachment_files
      FROM comment c
      JOIN person p ON p.id = c.person_id
      JOIN task_status ts ON ts.id = c.task_status_id
      LEFT JOIN person ed ON ed.id = c.editor_id
      LEFT JOIN project_person_link ppl ON ppl.person_id = c.person_id AND ppl.project_id = ${options.projectId}
     WHERE c.object_id = ${taskId}
       AND (NOT ${options.hideClientAuthors} OR coalesce(ppl.role, p.role) <> 'client')
     ORDER BY c.created_at DESC, c.id`.execute(db);
  return result.rows;
}
