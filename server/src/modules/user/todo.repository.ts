import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { TodoRow } from '../../../../packages/contracts/src/user.schema.ts';
import { selectColumns, TASK_COLUMNS } from './wire-columns.ts';

export type { TodoRow };

export interface TodoFilter {
  /** Whose assignments. */
  personId: string;
  done: boolean;
  /**
   * Which projects count: the open projects where this person is in the team, or every open project
   * when null (admins asking about someone else).
   */
  teamOf: string | null;
}

/**
 * One statement, whatever the number of tasks: it starts from the person's assignations (index on
 * person_id), joins the names by primary key, reads assignees through the assignations key and the
 * last non-client comment through a LATERAL on the (object_id, created_at) index.
 */
export async function listPersonTasks(db: Executor, filter: TodoFilter): Promise<TodoRow[]> {
  const team: RawBuilder<unknown> =
    filter.teamOf === null
      ? sql``
      : sql`AND EXISTS (SELECT 1 FROM project_person_link ppl WHERE ppl.project_id = t.project_id AND ppl.person_id = ${filter.teamOf})`;
  const order = filter.done ? sql`ORDER BY t.end_date DESC NULLS LAST, tt.name, e.name` : sql`ORDER BY p.name, tt.name, e.name`;
  const result = await sql<TodoRow>`
    SELECT ${selectColumns('t', TASK_COLUMNS)}, 'Task' AS type,
           p.name AS project_name, p.has_avatar AS project_has_avatar,
           e.name AS entity_name, e.description AS entity_description, e.data AS entity_data,
           coalesce(e.preview_file_id::text, '') AS entity_preview_file_id,
           coalesce(e.source_id::text, '') AS entity_source_id,
           et.name AS entity_type_name, e.canceled AS entity_canceled,
           parent.name AS sequence_name,
           coalesce(episode.id::text, '') AS episode_id, episode.name AS episode_name,
           tt.name AS task_type_name, tt.color AS task_type_color, tt.for_entity AS task_type_for_entity,
           ts.name AS task_status_name, ts.color AS task_status_color, ts.short_name AS task_status_short_name,
           t.estimation AS task_estimation, t.duration AS task_duration,
           t.start_date AS task_start_date, t.due_date AS task_due_date,
           ARRAY(SELECT a2.person_id FROM assignations a2 WHERE a2.task_id = t.id ORDER BY a2.person_id) AS assignees,
           coalesce(last_comment.value, '{}'::jsonb) AS last_comment
      FROM assignations a
      JOIN task t ON t.id = a.task_id
      JOIN project p ON p.id = t.project_id
      JOIN project_status ps ON ps.id = p.project_status_id AND ps.name = 'Open'
      JOIN task_status ts ON ts.id = t.task_status_id
      JOIN task_type tt ON tt.id = t.task_type_id
      JOIN entity e ON e.id = t.entity_id
      JOIN entity_type et ON et.id = e.entity_type_id
      LEFT JOIN entity parent ON parent.id = e.parent_id
      -- Episode: a sequence's parent, a shot's grandparent, or an asset's source episode (Zou's rules).
      -- A LATERAL behind OFFSET 0 is planned on its own: as a join on this CASE it made the planner
      -- weigh every join order of the whole statement, 23 ms of planning per call (bench todo op).
      LEFT JOIN LATERAL (
             SELECT ep.id, ep.name FROM entity ep
              WHERE ep.id = CASE
                      WHEN et.name = 'Sequence' THEN e.parent_id
                      WHEN parent.parent_id IS NOT NULL THEN parent.parent_id
                      ELSE e.source_id END
             OFFSET 0) episode ON true
      LEFT JOIN LATERAL (
             SELECT jsonb_build_object('text', c.text, 'date', wire_timestamp(c.created_at), 'person_id', c.person_id) AS value
               FROM comment c
               JOIN person author ON author.id = c.person_id
               LEFT JOIN project_person_link author_link
                      ON author_link.project_id = t.project_id AND author_link.person_id = c.person_id
              WHERE c.object_id = t.id AND coalesce(author_link.role, author.role) <> 'client'
              ORDER BY c.created_at DESC
              LIMIT 1) last_comment ON true
     WHERE a.person_id = ${filter.personId} AND ts.is_done = ${filter.done} ${team}
     ${order}`.execute(db);
  return result.rows;
}
