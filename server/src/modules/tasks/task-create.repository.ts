import { sql, type Selectable } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Task } from '../../platform/db/schema.ts';
import { TEMPORAL_KINDS, type EntityKind } from '../breakdown/entity-kind.ts';

export interface EntityForTasks {
  id: string;
  name: string;
  project_id: string;
  entity_type_id: string;
  entity_type_name: string;
}

export async function findEntitiesForTasks(db: Executor, entityIds: string[]): Promise<EntityForTasks[]> {
  if (entityIds.length === 0) return [];
  return db
    .selectFrom('entity as e')
    .innerJoin('entity_type as et', 'et.id', 'e.entity_type_id')
    .select(['e.id', 'e.name', 'e.project_id', 'e.entity_type_id', 'et.name as entity_type_name'])
    .where('e.id', 'in', entityIds)
    .orderBy('e.name')
    .execute();
}

export interface ProjectEntityFilter {
  projectId: string;
  kind: EntityKind;
  sequenceId?: string;
  episodeId?: string;
  entityTypeId?: string;
}

/** Every entity of a kind in a project (the bulk creation without an id list), narrowed by the query args. */
export async function findProjectEntitiesOfKind(db: Executor, filter: ProjectEntityFilter): Promise<EntityForTasks[]> {
  let query = db
    .selectFrom('entity as e')
    .innerJoin('entity_type as et', 'et.id', 'e.entity_type_id')
    .select(['e.id', 'e.name', 'e.project_id', 'e.entity_type_id', 'et.name as entity_type_name'])
    .where('e.project_id', '=', filter.projectId);
  query = filter.kind === 'Asset' ? query.where('et.name', 'not in', [...TEMPORAL_KINDS]) : query.where('et.name', '=', filter.kind);
  if (filter.sequenceId) query = query.where('e.parent_id', '=', filter.sequenceId);
  if (filter.entityTypeId) query = query.where('e.entity_type_id', '=', filter.entityTypeId);
  if (filter.episodeId) {
    const episodeId = filter.episodeId;
    query =
      filter.kind === 'Asset'
        ? query.where('e.source_id', '=', episodeId)
        : filter.kind === 'Sequence' || filter.kind === 'Episode'
          // A sequence's parent is its episode (an episode has none: the filter leaves no episode, as Zou).
          ? query.where('e.parent_id', '=', episodeId)
          : query.where((eb) => eb('e.parent_id', 'in', eb.selectFrom('entity as seq').select('seq.id').where('seq.parent_id', '=', episodeId)));
  }
  return query.orderBy('e.name').execute();
}

export async function findTaskTypes(db: Executor, taskTypeIds: string[]) {
  if (taskTypeIds.length === 0) return [];
  return db.selectFrom('task_type').selectAll().where('id', 'in', taskTypeIds).execute();
}

export async function findProjectTaskTypeIds(db: Executor, projectId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('project_task_type_link').select('task_type_id').where('project_id', '=', projectId).execute();
  return new Set(rows.map((row) => row.task_type_id));
}

/** The asset type's workflow; an empty set means "every asset task type". */
export async function findWorkflowTaskTypeIds(db: Executor, entityTypeId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('entity_type_task_type_link')
    .select('task_type_id')
    .where('entity_type_id', '=', entityTypeId)
    .execute();
  return new Set(rows.map((row) => row.task_type_id));
}

export interface NewTask {
  project_id: string;
  task_type_id: string;
  task_status_id: string;
  entity_id: string;
}

/**
 * Inserts tasks named "main" in one statement. Existing ones are skipped by the unique index
 * (name, project, task type, entity), so concurrent or repeated calls stay idempotent. The rows travel
 * as four arrays (unnest): a constant number of parameters for thousands of tasks.
 */
export async function insertTasksSkippingExisting(tx: Tx, tasks: NewTask[], actorId: string): Promise<Array<Selectable<Task>>> {
  if (tasks.length === 0) return [];
  const column = <K extends keyof NewTask>(key: K) => tasks.map((task) => task[key]);
  const result = await sql<Selectable<Task>>`
    INSERT INTO task (project_id, task_type_id, task_status_id, entity_id, name, assigner_id, created_by)
    SELECT n.project_id, n.task_type_id, n.task_status_id, n.entity_id, 'main', ${actorId}::uuid, ${actorId}::uuid
      FROM unnest(${column('project_id')}::uuid[], ${column('task_type_id')}::uuid[], ${column('task_status_id')}::uuid[],
                  ${column('entity_id')}::uuid[]) WITH ORDINALITY AS n(project_id, task_type_id, task_status_id, entity_id, position)
     ORDER BY n.position
    ON CONFLICT (name, project_id, task_type_id, entity_id) DO NOTHING
    RETURNING *`.execute(tx);
  return result.rows;
}

/** The id of the asset type (a non-temporal entity type) of that name, if any. */
export async function findAssetTypeIdByName(db: Executor, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('entity_type').select('id').where('name', '=', name).where('name', 'not in', [...TEMPORAL_KINDS]).executeTakeFirst();
  return row?.id;
}
