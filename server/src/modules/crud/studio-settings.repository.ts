import type { Tx } from '../../platform/db/database.ts';

/** Unsets the default preview background, except on `keepId`: at most one is the default. */
export async function clearDefaultBackground(tx: Tx, keepId: string | null): Promise<void> {
  let query = tx.updateTable('preview_background_file').set({ is_default: false }).where('is_default', '=', true);
  if (keepId) query = query.where('id', '!=', keepId);
  await query.execute();
}

/** Whether a production uses the status automation (its settings hold it). */
export async function statusAutomationInUse(tx: Tx, id: string): Promise<boolean> {
  const link = await tx.selectFrom('project_status_automation_link').select('project_id').where('status_automation_id', '=', id).executeTakeFirst();
  return link !== undefined;
}
