import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Json, ProjectTaskStatusLink, ProjectTaskTypeLink } from '../../platform/db/schema.ts';

export type TaskTypeLinkRecord = Selectable<ProjectTaskTypeLink>;
export type TaskStatusLinkRecord = Selectable<ProjectTaskStatusLink>;

const TYPE_LINK_COLUMNS = ['id', 'created_at', 'updated_at', 'project_id', 'task_type_id', 'priority'] as const;
const STATUS_LINK_COLUMNS = ['id', 'created_at', 'updated_at', 'project_id', 'task_status_id', 'priority', 'roles_for_board'] as const;

/** Links a task type to a project with a priority, or updates the priority of the existing link. */
export async function upsertTaskTypeLink(
  db: Executor, projectId: string, taskTypeId: string, priority: number | null,
): Promise<{ link: TaskTypeLinkRecord; previous: number | null | undefined }> {
  const previous = await db.selectFrom('project_task_type_link').select('priority')
    .where('project_id', '=', projectId).where('task_type_id', '=', taskTypeId).forUpdate().executeTakeFirst();
  const link = await db
    .insertInto('project_task_type_link')
    .values({ project_id: projectId, task_type_id: taskTypeId, priority })
    .onConflict((c) => c.columns(['project_id', 'task_type_id']).doUpdateSet({ priority }))
    .returning(TYPE_LINK_COLUMNS)
    .executeTakeFirstOrThrow();
  return { link, previous: previous ? previous.priority : undefined };
}

/** Links a task status to a project, or updates the priority (and board roles when given). */
export async function upsertTaskStatusLink(
  db: Executor, projectId: string, taskStatusId: string, priority: number | null, rolesForBoard: string[] | undefined,
): Promise<{ link: TaskStatusLinkRecord; previous: Pick<TaskStatusLinkRecord, 'priority' | 'roles_for_board'> | undefined }> {
  const previous = await db.selectFrom('project_task_status_link').select(['priority', 'roles_for_board'])
    .where('project_id', '=', projectId).where('task_status_id', '=', taskStatusId).forUpdate().executeTakeFirst();
  const roles = rolesForBoard === undefined ? undefined : (JSON.stringify(rolesForBoard) as unknown as Json);
  const link = await db
    .insertInto('project_task_status_link')
    .values({ project_id: projectId, task_status_id: taskStatusId, priority, ...(roles !== undefined ? { roles_for_board: roles } : {}) })
    .onConflict((c) =>
      c.columns(['project_id', 'task_status_id']).doUpdateSet({ priority, ...(roles !== undefined ? { roles_for_board: roles } : {}) }),
    )
    .returning(STATUS_LINK_COLUMNS)
    .executeTakeFirstOrThrow();
  return { link, previous };
}

/** Priority = position (from 1) in the given order; only existing links change. One statement. */
export async function reorderTaskTypeLinks(db: Executor, projectId: string, taskTypeIds: string[]): Promise<TaskTypeLinkRecord[]> {
  const result = await sql<TaskTypeLinkRecord>`
    UPDATE project_task_type_link l SET priority = x.ord
      FROM unnest(${taskTypeIds}::uuid[]) WITH ORDINALITY AS x(task_type_id, ord)
     WHERE l.project_id = ${projectId} AND l.task_type_id = x.task_type_id
    RETURNING l.id, l.created_at, l.updated_at, l.project_id, l.task_type_id, l.priority`.execute(db);
  return [...result.rows].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
}

export async function reorderTaskStatusLinks(db: Executor, projectId: string, taskStatusIds: string[]): Promise<TaskStatusLinkRecord[]> {
  const result = await sql<TaskStatusLinkRecord>`
    UPDATE project_task_status_link l SET priority = x.ord
      FROM unnest(${taskStatusIds}::uuid[]) WITH ORDINALITY AS x(task_status_id, ord)
     WHERE l.project_id = ${projectId} AND l.task_status_id = x.task_status_id
    RETURNING l.id, l.created_at, l.updated_at, l.project_id, l.task_status_id, l.priority, l.roles_for_board`.execute(db);
  return [...result.rows].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
}

export async function taskTypeExists(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('task_type').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function taskStatusExists(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('task_status').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
