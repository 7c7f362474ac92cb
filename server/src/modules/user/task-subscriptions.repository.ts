import type { Executor, Tx } from '../../platform/db/database.ts';

const COLUMNS = ['id', 'created_at', 'updated_at', 'person_id', 'task_id', 'entity_id', 'task_type_id'] as const;

export function findTaskSubscription(db: Executor, personId: string, taskId: string) {
  return db.selectFrom('subscription').select(COLUMNS).where('person_id', '=', personId).where('task_id', '=', taskId).executeTakeFirst();
}

/** The watch, created unless it exists (the partial unique index on person and task keeps one). */
export async function insertTaskSubscription(tx: Tx, personId: string, taskId: string) {
  const created = await tx
    .insertInto('subscription')
    .values({ person_id: personId, task_id: taskId })
    .onConflict((oc) => oc.columns(['person_id', 'task_id']).where('task_id', 'is not', null).doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
  return { created: created !== undefined, row: created ?? (await findTaskSubscription(tx, personId, taskId))! };
}

export function deleteTaskSubscription(tx: Tx, personId: string, taskId: string) {
  return tx.deleteFrom('subscription').where('person_id', '=', personId).where('task_id', '=', taskId).returning(COLUMNS).executeTakeFirst();
}
