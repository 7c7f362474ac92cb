import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { TimelineMilestone, TimelineTask } from '../../../../packages/contracts/src/schedule.schema.ts';
import { TEMPORAL_KINDS } from '../breakdown/entity-kind.ts';

export interface TimelineFilter {
  projectId: string;
  taskTypeId?: string;
  sequenceId?: string;
  episodeId?: string;
  assetTypeId?: string;
  /** Vendors: only their tasks. */
  assignedTo: string | null;
}

/**
 * Task date ranges of a project with the breakdown names a Gantt view groups by, in one statement.
 * Sequence: a shot's or scene's parent, or the sequence itself. Episode: the sequence's parent, the
 * episode itself, or an asset's source episode. Asset type: the entity type of an asset.
 */
export async function listTimelineTasks(db: Executor, filter: TimelineFilter): Promise<TimelineTask[]> {
  const kinds = sql.join(TEMPORAL_KINDS.map((kind) => sql.lit(kind)));
  const where: RawBuilder<unknown>[] = [];
  if (filter.taskTypeId !== undefined) where.push(sql`x.task_type_id = ${filter.taskTypeId}`);
  if (filter.sequenceId !== undefined) where.push(sql`x.sequence_id = ${filter.sequenceId}`);
  if (filter.episodeId !== undefined) where.push(sql`x.episode_id = ${filter.episodeId}`);
  if (filter.assetTypeId !== undefined) where.push(sql`x.asset_type_id = ${filter.assetTypeId}`);
  const assigned = filter.assignedTo === null
    ? sql``
    : sql`AND EXISTS (SELECT 1 FROM assignations va WHERE va.task_id = t.id AND va.person_id = ${filter.assignedTo})`;
  const result = await sql<TimelineTask & { task_type_priority: number | null }>`
    SELECT x.* FROM (
      SELECT t.id AS task_id, t.name AS task_name, t.entity_id, e.name AS entity_name, et.name AS entity_type_name,
             CASE WHEN et.name IN ('Shot', 'Scene') THEN e.parent_id WHEN et.name = 'Sequence' THEN e.id END AS sequence_id,
             CASE WHEN et.name IN ('Shot', 'Scene') THEN parent.name WHEN et.name = 'Sequence' THEN e.name END AS sequence_name,
             CASE WHEN et.name IN ('Shot', 'Scene') THEN parent.parent_id WHEN et.name = 'Sequence' THEN e.parent_id
                  WHEN et.name = 'Episode' THEN e.id WHEN et.name NOT IN (${kinds}) THEN e.source_id END AS episode_id,
             episode.name AS episode_name,
             CASE WHEN et.name NOT IN (${kinds}) THEN et.id END AS asset_type_id,
             CASE WHEN et.name NOT IN (${kinds}) THEN et.name END AS asset_type_name,
             t.task_type_id, tt.name AS task_type_name, tt.color AS task_type_color,
             t.task_status_id, ts.short_name AS task_status_short_name, ts.color AS task_status_color, ts.is_done,
             ARRAY(SELECT a.person_id FROM assignations a WHERE a.task_id = t.id ORDER BY a.person_id) AS assignees,
             t.start_date, t.due_date, t.real_start_date, t.end_date, t.estimation, t.duration,
             tt.priority AS task_type_priority
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
    ) x
    ${where.length > 0 ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
    ORDER BY coalesce(x.start_date, x.real_start_date, x.due_date) NULLS LAST, x.task_type_priority, x.task_type_name, x.entity_name, x.task_id`.execute(db);
  return result.rows.map(({ task_type_priority: _priority, ...task }) => task);
}

export async function listMilestones(db: Executor, projectId: string, taskTypeId?: string): Promise<TimelineMilestone[]> {
  let query = db.selectFrom('milestone').select(['id', 'name', 'date', 'task_type_id']).where('project_id', '=', projectId);
  if (taskTypeId !== undefined) query = query.where((eb) => eb.or([eb('task_type_id', '=', taskTypeId), eb('task_type_id', 'is', null)]));
  return query.orderBy('date').orderBy('name').execute();
}

export async function projectDates(db: Executor, projectId: string) {
  return db.selectFrom('project').select(['start_date', 'end_date']).where('id', '=', projectId).executeTakeFirst();
}
