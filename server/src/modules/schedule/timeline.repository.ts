import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Timeline } from '../../../../packages/contracts/src/schedule.schema.ts';
import { TEMPORAL_KINDS } from '../breakdown/entity-kind.ts';

export interface TimelineFilter {
  projectId: string;
  taskTypeId?: string;
  sequenceId?: string;
  episodeId?: string;
  assetTypeId?: string;
  /** Vendors: only their tasks. */
  assignedTo: string | null;
  /** Clients: no tasks at all. */
  hideTasks: boolean;
}

export type TimelineData = Omit<Timeline, 'project_id' | 'groups'>;

/**
 * The project's dates, its task date ranges (with the breakdown names a Gantt view groups by) and its
 * milestones, in one statement. Sequence: a shot's or scene's parent, or the sequence itself.
 * Episode: the sequence's parent, the episode itself, or an asset's source episode. Asset type: the
 * entity type of an asset. Tasks come in start order (planned, else real, else due date).
 */
export async function loadTimeline(db: Executor, filter: TimelineFilter): Promise<TimelineData | undefined> {
  const kinds = sql.join(TEMPORAL_KINDS.map((kind) => sql.lit(kind)));
  const where: RawBuilder<unknown>[] = [sql`true`];
  if (filter.taskTypeId !== undefined) where.push(sql`x.task_type_id = ${filter.taskTypeId}`);
  if (filter.sequenceId !== undefined) where.push(sql`x.sequence_id = ${filter.sequenceId}`);
  if (filter.episodeId !== undefined) where.push(sql`x.episode_id = ${filter.episodeId}`);
  if (filter.assetTypeId !== undefined) where.push(sql`x.asset_type_id = ${filter.assetTypeId}`);
  if (filter.hideTasks) where.push(sql`false`);
  const assigned = filter.assignedTo === null
    ? sql``
    : sql`AND EXISTS (SELECT 1 FROM assignations va WHERE va.task_id = t.id AND va.person_id = ${filter.assignedTo})`;
  const milestoneType = filter.taskTypeId === undefined
    ? sql``
    : sql`AND (m.task_type_id = ${filter.taskTypeId} OR m.task_type_id IS NULL)`;
  const result = await sql<TimelineData>`
    WITH x AS (
      SELECT t.id AS task_id, t.name AS task_name, t.entity_id, e.name AS entity_name, et.name AS entity_type_name,
             CASE WHEN et.name IN ('Shot', 'Scene') THEN e.parent_id WHEN et.name = 'Sequence' THEN e.id END AS sequence_id,
             CASE WHEN et.name IN ('Shot', 'Scene') THEN parent.name WHEN et.name = 'Sequence' THEN e.name END AS sequence_name,
             episode.id AS episode_id, episode.name AS episode_name,
             CASE WHEN et.name NOT IN (${kinds}) THEN et.id END AS asset_type_id,
             CASE WHEN et.name NOT IN (${kinds}) THEN et.name END AS asset_type_name,
             t.task_type_id, tt.name AS task_type_name, tt.color AS task_type_color, tt.priority AS task_type_priority,
             t.task_status_id, ts.short_name AS task_status_short_name, ts.color AS task_status_color, ts.is_done,
             ARRAY(SELECT a.person_id FROM assignations a WHERE a.task_id = t.id ORDER BY a.person_id) AS assignees,
             t.start_date, t.due_date, t.real_start_date, t.end_date, t.estimation, t.duration
        FROM task t
        JOIN task_type tt ON tt.id = t.task_type_id
        JOIN task_status ts ON ts.id = t.task_status_id
        JOIN entity e ON e.id = t.entity_id
        JOIN entity_type et ON et.id = e.entity_type_id
        LEFT JOIN entity parent ON parent.id = e.parent_id
        LEFT JOIN entity episode ON episode.id = CASE
               WHEN et.name IN ('Shot', 'Scene') THEN parent.parent_id WHEN et.name = 'Sequence' THEN e.parent_id
               WHEN et.name = 'Episode' THEN e.id WHEN et.name NOT IN (${kinds}) THEN e.source_id END
       WHERE t.project_id = ${filter.projectId} AND NOT e.canceled ${assigned}
    )
    SELECT p.start_date AS project_start_date, p.end_date AS project_end_date,
           (SELECT coalesce(jsonb_agg(jsonb_build_object(
                     'task_id', x.task_id, 'task_name', x.task_name, 'entity_id', x.entity_id, 'entity_name', x.entity_name,
                     'entity_type_name', x.entity_type_name, 'sequence_id', x.sequence_id, 'sequence_name', x.sequence_name,
                     'episode_id', x.episode_id, 'episode_name', x.episode_name, 'asset_type_id', x.asset_type_id,
                     'asset_type_name', x.asset_type_name, 'task_type_id', x.task_type_id, 'task_type_name', x.task_type_name,
                     'task_type_color', x.task_type_color, 'task_status_id', x.task_status_id,
                     'task_status_short_name', x.task_status_short_name, 'task_status_color', x.task_status_color,
                     'is_done', x.is_done, 'assignees', x.assignees,
                     'start_date', wire_timestamp(x.start_date), 'due_date', wire_timestamp(x.due_date),
                     'real_start_date', wire_timestamp(x.real_start_date), 'end_date', wire_timestamp(x.end_date),
                     'estimation', x.estimation, 'duration', x.duration)
                   ORDER BY coalesce(x.start_date, x.real_start_date, x.due_date) NULLS LAST, x.task_type_priority,
                            x.task_type_name, x.entity_name, x.task_id), '[]'::jsonb)
              FROM x WHERE ${sql.join(where, sql` AND `)}) AS tasks,
           (SELECT coalesce(jsonb_agg(jsonb_build_object('id', m.id, 'name', m.name, 'date', m.date, 'task_type_id', m.task_type_id)
                     ORDER BY m.date NULLS LAST, m.name), '[]'::jsonb)
              FROM milestone m WHERE m.project_id = p.id ${milestoneType}) AS milestones
      FROM project p
     WHERE p.id = ${filter.projectId}`.execute(db);
  return result.rows[0];
}
