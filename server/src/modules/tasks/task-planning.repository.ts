import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { TaskPlan } from '../../../../packages/contracts/src/task-planning.schema.ts';

/** The planning columns of a task, as the bulk planning route reads and writes them. */
export type PlanColumns = Omit<TaskPlan, 'id'>;

/** Writes one task's planning fields (only those given). */
export async function updateTaskPlanning(tx: Tx, taskId: string, fields: PlanColumns): Promise<void> {
  if (Object.keys(fields).length === 0) return;
  await tx.updateTable('task').set({ ...fields, updated_at: sql<string>`utc_now()` }).where('id', '=', taskId).execute();
}
