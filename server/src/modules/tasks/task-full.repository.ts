import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/** Secrets are dropped in SQL already; presenters whitelist what remains. */
const PERSON_JSON = sql.raw(`(to_jsonb(pe) - 'password' - 'jti' - 'totp_secret' - 'email_otp_secret' - 'otp_recovery_codes' - 'fido_credentials')
  || jsonb_build_object('departments', coalesce((SELECT jsonb_agg(dl.department_id) FROM department_link dl WHERE dl.person_id = pe.id), '[]'::jsonb))`);

export interface FullTaskRow {
  task: Record<string, unknown>;
  assignee_ids: string[];
  entity: Record<string, unknown>;
  entity_type: Record<string, unknown>;
  project: Record<string, unknown>;
  task_status: Record<string, unknown>;
  task_type: Record<string, unknown>;
  persons: Array<Record<string, unknown>>;
  assigner: Record<string, unknown> | null;
  is_subscribed: boolean;
  parent: Record<string, unknown> | null;
  parent_type_name: string | null;
  grandparent: Record<string, unknown> | null;
}

/**
 * `data/tasks/<id>/full` in one query: the task, its entity (with parent and grandparent for the
 * sequence/episode), project, status, type, assignees, assigner and the caller's subscription.
 */
export async function findFullTask(db: Executor, taskId: string, callerId: string): Promise<FullTaskRow | undefined> {
  const result = await sql<FullTaskRow>`
    SELECT to_jsonb(t) AS task,
           coalesce((SELECT array_agg(a.person_id ORDER BY a.person_id) FROM assignations a WHERE a.task_id = t.id), '{}') AS assignee_ids,
           to_jsonb(e) AS entity,
           to_jsonb(et) AS entity_type,
           to_jsonb(p) AS project,
           to_jsonb(ts) AS task_status,
           to_jsonb(tt) AS task_type,
           coalesce((SELECT jsonb_agg(${PERSON_JSON} ORDER BY pe.last_name, pe.first_name)
                       FROM assignations a JOIN person pe ON pe.id = a.person_id WHERE a.task_id = t.id), '[]'::jsonb) AS persons,
           (SELECT ${PERSON_JSON} FROM person pe WHERE pe.id = t.assigner_id) AS assigner,
           EXISTS (SELECT 1 FROM subscription s WHERE s.task_id = t.id AND s.person_id = ${callerId}) AS is_subscribed,
           to_jsonb(par) AS parent,
           par_type.name AS parent_type_name,
           to_jsonb(gp) AS grandparent
      FROM task t
      JOIN entity e ON e.id = t.entity_id
      JOIN entity_type et ON et.id = e.entity_type_id
      JOIN project p ON p.id = t.project_id
      JOIN task_status ts ON ts.id = t.task_status_id
      JOIN task_type tt ON tt.id = t.task_type_id
      LEFT JOIN entity par ON par.id = e.parent_id
      LEFT JOIN entity_type par_type ON par_type.id = par.entity_type_id
      LEFT JOIN entity gp ON gp.id = par.parent_id
     WHERE t.id = ${taskId}`.execute(db);
  return result.rows[0];
}
