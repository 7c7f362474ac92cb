import type { TaskAuditEntry } from '../../../../packages/contracts/src/studio-tasks.schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import { requireTeamOfExistingProject } from './studio-access.policy.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { studioErrors } from './studio-http.ts';
import { findTaskProjectId, taskAuditRows } from './task-audit.repository.ts';

/** Who created (and later changed) a task, and when: readable by the project's team. */
export async function getTaskAuditTrail(actor: Actor, input: { taskId: string }, db: Executor): Promise<TaskAuditEntry[]> {
  const projectId = isUuid(input.taskId) ? await findTaskProjectId(db, input.taskId) : undefined;
  if (!projectId) throw studioErrors.taskNotFound();
  await requireTeamOfExistingProject(db, actor, projectId);
  const rows = await taskAuditRows(db, input.taskId);
  return rows.map((row) => ({
    action: row.action,
    actor: row.actor_id ? { id: row.actor_id, full_name: row.actor_name ?? '' } : null,
    created_at: row.created_at,
    before: row.before,
    after: row.after,
  }));
}
