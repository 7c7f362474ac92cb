import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

export interface AuditRecord {
  actorId: string | null;
  /** What happened, e.g. "create", "update", "delete", "move-comment". */
  action: string;
  /** The table or domain object, e.g. "task", "comment". */
  objectType: string;
  objectId: string | null;
  projectId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends audit rows in the caller's transaction: the trail commits or rolls back with the change.
 * The rows travel as one JSON array expanded by jsonb_to_recordset: one parameter however many rows
 * (a bulk creation audits thousands of tasks; as a VALUES list that was 7 parameters per row to build,
 * send and bind).
 */
export async function recordAudit(executor: Executor, records: AuditRecord | AuditRecord[]): Promise<void> {
  const list = Array.isArray(records) ? records : [records];
  if (list.length === 0) return;
  const rows = list.map((record) => ({
    actor_id: record.actorId,
    action: record.action,
    object_type: record.objectType,
    object_id: record.objectId,
    project_id: record.projectId ?? null,
    before: record.before === undefined ? null : record.before,
    after: record.after === undefined ? null : record.after,
  }));
  await sql`
    INSERT INTO audit_event (actor_id, action, object_type, object_id, project_id, before, after)
    SELECT r.actor_id, r.action, r.object_type, r.object_id, r.project_id, r.before, r.after
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
           AS r(actor_id uuid, action varchar, object_type varchar, object_id uuid, project_id uuid, before jsonb, after jsonb)`.execute(executor);
}
