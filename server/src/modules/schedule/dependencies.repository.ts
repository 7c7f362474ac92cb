import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { TaskDependency } from '../../../../packages/contracts/src/schedule.schema.ts';

/** A task's predecessors with what a dependency list shows of them, oldest link first. */
export async function listPredecessors(db: Executor, taskId: string, dependsOnTaskId?: string): Promise<TaskDependency[]> {
  const one = dependsOnTaskId === undefined ? sql`` : sql`AND d.depends_on_task_id = ${dependsOnTaskId}`;
  const result = await sql<TaskDependency>`
    SELECT d.id, 'TaskDependency' AS type, d.created_at, d.updated_at, d.project_id, d.task_id, d.depends_on_task_id, d.created_by,
           p.name AS depends_on_task_name, pe.name AS depends_on_entity_name, ptt.name AS depends_on_task_type_name,
           pts.short_name AS depends_on_task_status_short_name, p.due_date AS depends_on_due_date, p.end_date AS depends_on_end_date
      FROM task_dependency d
      JOIN task p ON p.id = d.depends_on_task_id
      JOIN entity pe ON pe.id = p.entity_id
      JOIN task_type ptt ON ptt.id = p.task_type_id
      JOIN task_status pts ON pts.id = p.task_status_id
     WHERE d.task_id = ${taskId} ${one}
     ORDER BY d.created_at, d.id`.execute(db);
  return result.rows;
}

/** Serialises dependency changes of one project, so that two concurrent links cannot close a cycle. */
export async function lockProjectDependencies(tx: Tx, projectId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`task_dependency:${projectId}`}, 0))`.execute(tx);
}

/** Would `taskId` → `dependsOnTaskId` close a cycle, i.e. does the predecessor already (transitively) depend on the task? */
export async function wouldCycle(tx: Tx, taskId: string, dependsOnTaskId: string): Promise<boolean> {
  const result = await sql<{ cycle: boolean }>`
    WITH RECURSIVE upstream(id) AS (
      SELECT d.depends_on_task_id FROM task_dependency d WHERE d.task_id = ${dependsOnTaskId}
      UNION
      SELECT d.depends_on_task_id FROM task_dependency d JOIN upstream u ON d.task_id = u.id
    )
    SELECT EXISTS (SELECT 1 FROM upstream WHERE id = ${taskId}) AS cycle`.execute(tx);
  return result.rows[0]?.cycle ?? false;
}

export async function insertDependency(
  tx: Tx,
  link: { projectId: string; taskId: string; dependsOnTaskId: string; createdBy: string },
): Promise<{ id: string }> {
  return tx
    .insertInto('task_dependency')
    .values({ project_id: link.projectId, task_id: link.taskId, depends_on_task_id: link.dependsOnTaskId, created_by: link.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function deleteDependency(tx: Tx, taskId: string, dependsOnTaskId: string) {
  return tx
    .deleteFrom('task_dependency')
    .where('task_id', '=', taskId)
    .where('depends_on_task_id', '=', dependsOnTaskId)
    .returning(['id', 'project_id', 'task_id', 'depends_on_task_id'])
    .executeTakeFirst();
}
