import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { ScheduleRisk } from '../../../../packages/contracts/src/schedule.schema.ts';

/**
 * The project's tasks at risk, in one statement. Candidates are the tasks whose status is not done, on
 * entities that are not canceled (optionally only those assigned to `assignedTo`). Each candidate gets
 * its reasons from a LATERAL union: overdue (due date passed), over estimate (duration > estimation > 0)
 * and one predecessor_late per predecessor ending after its due date. `lateness` (seconds) orders them.
 */
export async function listScheduleRisks(db: Executor, projectId: string, assignedTo: string | null): Promise<ScheduleRisk[]> {
  const assigned = assignedTo === null
    ? sql``
    : sql`AND EXISTS (SELECT 1 FROM assignations va WHERE va.task_id = t.id AND va.person_id = ${assignedTo})`;
  const result = await sql<ScheduleRisk>`
    WITH candidate AS (
      SELECT t.id, t.name, t.entity_id, e.name AS entity_name, t.task_type_id, tt.name AS task_type_name,
             t.task_status_id, ts.short_name AS task_status_short_name, t.due_date, t.estimation, t.duration
        FROM task t
        JOIN task_status ts ON ts.id = t.task_status_id
        JOIN task_type tt ON tt.id = t.task_type_id
        JOIN entity e ON e.id = t.entity_id
       WHERE t.project_id = ${projectId} AND NOT ts.is_done AND NOT e.canceled ${assigned}
    )
    SELECT c.id AS task_id, c.name AS task_name, c.entity_id, c.entity_name, c.task_type_id, c.task_type_name,
           c.task_status_id, c.task_status_short_name,
           ARRAY(SELECT a.person_id FROM assignations a WHERE a.task_id = c.id ORDER BY a.person_id) AS assignees,
           c.due_date, c.estimation, c.duration, risk.reasons
      FROM candidate c
      CROSS JOIN LATERAL (
        SELECT jsonb_agg(r.reason ORDER BY r.lateness DESC NULLS LAST) AS reasons,
               max(r.lateness) AS lateness, max(r.overrun) AS overrun
          FROM (
            SELECT jsonb_build_object('kind', 'overdue', 'due_date', wire_timestamp(c.due_date),
                     'days_late', round((extract(epoch FROM utc_now() - c.due_date) / 86400)::numeric, 2)) AS reason,
                   extract(epoch FROM utc_now() - c.due_date) AS lateness, NULL::float8 AS overrun
             WHERE c.due_date < utc_now()
            UNION ALL
            SELECT jsonb_build_object('kind', 'over_estimate', 'estimation', c.estimation, 'duration', c.duration,
                     'overrun', c.duration - c.estimation),
                   NULL, c.duration - c.estimation
             WHERE c.estimation > 0 AND c.duration > c.estimation
            UNION ALL
            SELECT jsonb_build_object('kind', 'predecessor_late', 'predecessor_task_id', p.id, 'predecessor_task_name', p.name,
                     'predecessor_entity_name', pe.name, 'predecessor_task_type_name', ptt.name,
                     'predecessor_end', wire_timestamp(pred.ends_at), 'due_date', wire_timestamp(c.due_date),
                     'days_late', round((extract(epoch FROM pred.ends_at - c.due_date) / 86400)::numeric, 2)),
                   extract(epoch FROM pred.ends_at - c.due_date), NULL
              FROM task_dependency d
              JOIN task p ON p.id = d.depends_on_task_id
              JOIN task_status pts ON pts.id = p.task_status_id
              JOIN task_type ptt ON ptt.id = p.task_type_id
              JOIN entity pe ON pe.id = p.entity_id
              CROSS JOIN LATERAL (
                SELECT CASE WHEN pts.is_done THEN coalesce(p.end_date, p.done_date) ELSE p.due_date END AS ends_at) pred
             WHERE d.task_id = c.id AND c.due_date IS NOT NULL AND pred.ends_at > c.due_date
          ) r
      ) risk
     WHERE risk.reasons IS NOT NULL
     ORDER BY risk.lateness DESC NULLS LAST, risk.overrun DESC NULLS LAST, c.due_date NULLS LAST, c.id`.execute(db);
  return result.rows;
}
