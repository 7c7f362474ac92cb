import { sql, type Selectable } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Json, Task, TaskStatus } from '../../platform/db/schema.ts';
import { entityKindOf, type EntityKind } from '../breakdown/entity-kind.ts';

/** A task with what permission checks and the comment flow need about its entity and type. */
export interface TaskContext {
  task: Selectable<Task>;
  entityKind: EntityKind;
  entityName: string;
  entityParentId: string | null;
  entityCreatedBy: string | null;
  entityData: Json | null;
  taskTypeName: string;
  taskTypeDepartmentId: string | null;
  assigneeIds: string[];
}

function contextQuery(db: Executor) {
  return db
    .selectFrom('task as t')
    .innerJoin('entity as e', 'e.id', 't.entity_id')
    .innerJoin('entity_type as et', 'et.id', 'e.entity_type_id')
    .innerJoin('task_type as tt', 'tt.id', 't.task_type_id')
    .selectAll('t')
    .select([
      'et.name as entity_type_name',
      'e.name as entity_name',
      'e.parent_id as entity_parent_id',
      'e.created_by as entity_created_by',
      'e.data as entity_data',
      'tt.name as task_type_name',
      'tt.department_id as task_type_department_id',
      sql<string[]>`coalesce((SELECT array_agg(a.person_id ORDER BY a.person_id) FROM assignations a WHERE a.task_id = t.id), '{}')`.as(
        'assignee_ids',
      ),
    ]);
}

type ContextRow = Awaited<ReturnType<ReturnType<typeof contextQuery>['executeTakeFirstOrThrow']>>;

function toContext(row: ContextRow): TaskContext {
  const { entity_type_name, entity_name, entity_parent_id, entity_created_by, entity_data, task_type_name, task_type_department_id, assignee_ids, ...task } = row;
  return {
    task,
    entityKind: entityKindOf(entity_type_name),
    entityName: entity_name,
    entityParentId: entity_parent_id,
    entityCreatedBy: entity_created_by,
    entityData: entity_data,
    taskTypeName: task_type_name,
    taskTypeDepartmentId: task_type_department_id,
    assigneeIds: assignee_ids,
  };
}

/** One query; with `lock` the task row stays locked until the transaction ends (status changes). */
export async function findTaskContext(db: Executor, taskId: string, options: { lock?: boolean } = {}): Promise<TaskContext | undefined> {
  let query = contextQuery(db).where('t.id', '=', taskId);
  if (options.lock) query = query.forUpdate(['t']);
  const row = await query.executeTakeFirst();
  return row ? toContext(row) : undefined;
}

export async function findTaskContexts(db: Executor, taskIds: string[]): Promise<TaskContext[]> {
  if (taskIds.length === 0) return [];
  const rows = await contextQuery(db).where('t.id', 'in', taskIds).execute();
  return rows.map(toContext);
}

/** Locks task rows in id order, so that two transactions locking the same tasks cannot deadlock. */
export async function lockTasks(tx: Tx, taskIds: string[]): Promise<void> {
  if (taskIds.length === 0) return;
  await tx.selectFrom('task').select('id').where('id', 'in', taskIds).orderBy('id').forUpdate().execute();
}

export async function findTaskStatus(db: Executor, statusId: string): Promise<Selectable<TaskStatus> | undefined> {
  return db.selectFrom('task_status').selectAll().where('id', '=', statusId).executeTakeFirst();
}

/**
 * The status a task starts in, and falls back to when it has no comment: the project's own default
 * custom status when it has one (seed 001), else the global `is_default` one — Todo ("Not Started")
 * for tasks, Neutral for concepts.
 */
export async function findDefaultStatus(db: Executor, forConcept: boolean, projectId: string): Promise<Selectable<TaskStatus>> {
  const row = await db
    .selectFrom('task_status')
    .selectAll()
    .where('is_default', '=', true)
    .where('for_concept', '=', forConcept)
    .where((eb) => eb.or([eb('project_id', 'is', null), eb('project_id', '=', projectId)]))
    .orderBy(sql`project_id IS NULL`)
    .orderBy('created_at')
    .executeTakeFirst();
  if (row) return row;
  // A studio that removed its concept default falls back to the task default (and vice versa).
  return db
    .selectFrom('task_status')
    .selectAll()
    .where('is_default', '=', true)
    .where('project_id', 'is', null)
    .orderBy('created_at')
    .executeTakeFirstOrThrow();
}

export async function personDepartmentIds(db: Executor, personId: string): Promise<string[]> {
  const rows = await db.selectFrom('department_link').select('department_id').where('person_id', '=', personId).execute();
  return rows.map((row) => row.department_id);
}

/** Task rows with their assignee ids, in one query. */
export async function findTasksWithAssignees(db: Executor, taskIds: string[]) {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom('task as t')
    .selectAll('t')
    .select(
      sql<string[]>`coalesce((SELECT array_agg(a.person_id ORDER BY a.person_id) FROM assignations a WHERE a.task_id = t.id), '{}')`.as('assignees'),
    )
    .where('t.id', 'in', taskIds)
    .execute();
}
