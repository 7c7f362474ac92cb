import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Json } from '../../platform/db/schema.ts';

export interface TaskAuditRow {
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  created_at: string;
  before: Json | null;
  after: Json | null;
}

export async function findTaskProjectId(db: Executor, taskId: string): Promise<string | undefined> {
  const row = await db.selectFrom('task').select('project_id').where('id', '=', taskId).executeTakeFirst();
  return row?.project_id;
}

/** The audit trail of one task, oldest first, with the name of each actor. */
export function taskAuditRows(db: Executor, taskId: string): Promise<TaskAuditRow[]> {
  return db
    .selectFrom('audit_event as a')
    .leftJoin('person as p', 'p.id', 'a.actor_id')
    .select([
      'a.action',
      'a.actor_id',
      sql<string | null>`trim(p.first_name || ' ' || p.last_name)`.as('actor_name'),
      'a.created_at',
      'a.before',
      'a.after',
    ])
    .where('a.object_type', '=', 'task')
    .where('a.object_id', '=', taskId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}
