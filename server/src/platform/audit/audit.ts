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

/** Appends audit rows in the caller's transaction: the trail commits or rolls back with the change. */
export async function recordAudit(executor: Executor, records: AuditRecord | AuditRecord[]): Promise<void> {
  const list = Array.isArray(records) ? records : [records];
  if (list.length === 0) return;
  await executor
    .insertInto('audit_event')
    .values(
      list.map((record) => ({
        actor_id: record.actorId,
        action: record.action,
        object_type: record.objectType,
        object_id: record.objectId,
        project_id: record.projectId ?? null,
        before: record.before === undefined ? null : JSON.stringify(record.before),
        after: record.after === undefined ? null : JSON.stringify(record.after),
      })),
    )
    .execute();
}
