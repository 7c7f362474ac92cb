import type { Executor, Tx } from '../../platform/db/database.ts';

export async function findAssignee(db: Executor, personId: string) {
  return db.selectFrom('person').select(['id', 'is_bot']).where('id', '=', personId).executeTakeFirst();
}

/** Projects where bots may be assigned tasks (`is_bot_collaboration_enabled`). */
export async function findBotProjects(db: Executor, projectIds: string[]): Promise<Set<string>> {
  if (projectIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('project')
    .select('id')
    .where('id', 'in', [...new Set(projectIds)])
    .where('is_bot_collaboration_enabled', '=', true)
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** Adds the person to the tasks in one statement; returns the tasks he was not assigned to yet. */
export async function addAssignations(tx: Tx, taskIds: string[], personId: string): Promise<string[]> {
  const rows = await tx
    .insertInto('assignations')
    .values(taskIds.map((taskId) => ({ task_id: taskId, person_id: personId })))
    .onConflict((oc) => oc.columns(['task_id', 'person_id']).doNothing())
    .returning('task_id')
    .execute();
  return rows.map((row) => row.task_id);
}

export async function setAssigner(tx: Tx, taskIds: string[], assignerId: string): Promise<void> {
  await tx.updateTable('task').set({ assigner_id: assignerId }).where('id', 'in', taskIds).execute();
}

/** Assigning someone makes him a member of the project team (§5.1). */
export async function addToProjectTeams(tx: Tx, projectIds: string[], personId: string): Promise<void> {
  if (projectIds.length === 0) return;
  await tx
    .insertInto('project_person_link')
    .values(projectIds.map((projectId) => ({ project_id: projectId, person_id: personId })))
    .onConflict((oc) => oc.columns(['project_id', 'person_id']).doNothing())
    .execute();
}

/** Removes one person (or every assignee when `personId` is null) from the tasks. */
export async function removeAssignations(tx: Tx, taskIds: string[], personId: string | null) {
  let query = tx.deleteFrom('assignations').where('task_id', 'in', taskIds);
  if (personId) query = query.where('person_id', '=', personId);
  return query.returning(['task_id', 'person_id']).execute();
}
