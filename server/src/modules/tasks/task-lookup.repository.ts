import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { TEMPORAL_KINDS } from '../breakdown/entity-kind.ts';

/**
 * Read paths of the task lookups. Each list is one query whatever its size: names come from joins and
 * assignees from a correlated array, never from a query per row.
 */

export interface EntityRef {
  id: string;
  project_id: string;
  entity_type_name: string;
  parent_id: string | null;
}

export async function findEntityRef(db: Executor, entityId: string): Promise<EntityRef | undefined> {
  return db
    .selectFrom('entity as e')
    .innerJoin('entity_type as et', 'et.id', 'e.entity_type_id')
    .select(['e.id', 'e.project_id', 'et.name as entity_type_name', 'e.parent_id'])
    .where('e.id', '=', entityId)
    .executeTakeFirst();
}

/** Which tasks a lookup returns. */
export type TaskScope =
  | { kind: 'entity'; entityId: string }
  | { kind: 'shots-of-sequence'; sequenceId: string }
  | { kind: 'shots-of-episode'; episodeId: string }
  | { kind: 'assets-of-episode'; episodeId: string };

const assigneesArray = sql<string[]>`coalesce((SELECT array_agg(a.person_id ORDER BY a.person_id) FROM assignations a WHERE a.task_id = t.id), '{}')`;
const ASSET_KIND_EXCLUSION = [...TEMPORAL_KINDS];

export async function findDetailedTasks(
  db: Executor,
  scope: TaskScope,
  options: { relations: boolean; onlyAssignedTo?: string },
) {
  let query = db
    .selectFrom('task as t')
    .innerJoin('project as p', 'p.id', 't.project_id')
    .innerJoin('task_type as tt', 'tt.id', 't.task_type_id')
    .innerJoin('task_status as ts', 'ts.id', 't.task_status_id')
    .innerJoin('entity as e', 'e.id', 't.entity_id')
    .innerJoin('entity_type as et', 'et.id', 'e.entity_type_id')
    .selectAll('t')
    .select([
      'p.name as project_name',
      'tt.name as task_type_name',
      'ts.name as task_status_name',
      'et.name as entity_type_name',
      'e.name as entity_name',
    ])
    .$if(options.relations, (qb) => qb.select(assigneesArray.as('assignees')));

  switch (scope.kind) {
    case 'entity':
      query = query.where('t.entity_id', '=', scope.entityId);
      break;
    case 'shots-of-sequence':
      query = query.where('e.parent_id', '=', scope.sequenceId).where('et.name', '=', 'Shot');
      break;
    case 'shots-of-episode':
      query = query
        .where('et.name', '=', 'Shot')
        .where((eb) => eb('e.parent_id', 'in', eb.selectFrom('entity as seq').select('seq.id').where('seq.parent_id', '=', scope.episodeId)));
      break;
    case 'assets-of-episode':
      query = query.where('e.source_id', '=', scope.episodeId).where('et.name', 'not in', ASSET_KIND_EXCLUSION);
      break;
  }
  if (options.onlyAssignedTo) query = query.where(assignedTo(options.onlyAssignedTo));
  return query.orderBy('t.name').orderBy('p.name').orderBy('tt.name').orderBy('et.name').orderBy('e.name').execute();
}

const assignedTo = (personId: string): Expression<SqlBool> =>
  sql<SqlBool>`EXISTS (SELECT 1 FROM assignations a WHERE a.task_id = t.id AND a.person_id = ${personId})`;

/** Task types having a task on the entity, on the shots of a sequence, or on the shots of an episode. */
export async function findTaskTypesWithTasks(
  db: Executor,
  scope: { kind: 'entity'; entityId: string } | { kind: 'sequence'; sequenceId: string } | { kind: 'episode'; episodeId: string },
) {
  let tasks = db.selectFrom('task as t').innerJoin('entity as e', 'e.id', 't.entity_id').select('t.task_type_id');
  if (scope.kind === 'entity') tasks = tasks.where('t.entity_id', '=', scope.entityId);
  if (scope.kind === 'sequence') tasks = tasks.where('e.parent_id', '=', scope.sequenceId);
  if (scope.kind === 'episode') {
    tasks = tasks.where((eb) =>
      eb('e.parent_id', 'in', eb.selectFrom('entity as seq').select('seq.id').where('seq.parent_id', '=', scope.episodeId)),
    );
  }
  return db
    .selectFrom('task_type')
    .selectAll()
    .where('id', 'in', tasks)
    .orderBy('priority')
    .orderBy('name')
    .execute();
}

export async function findTasksForEntityAndType(db: Executor, entityId: string, taskTypeId: string, onlyAssignedTo?: string) {
  let query = db
    .selectFrom('task as t')
    .selectAll('t')
    .where('t.entity_id', '=', entityId)
    .where('t.task_type_id', '=', taskTypeId);
  if (onlyAssignedTo) query = query.where(assignedTo(onlyAssignedTo));
  return query.orderBy('t.name').execute();
}

export interface ProjectTaskFilter {
  projectId: string;
  taskTypeId?: string;
  episodeId?: string;
  onlyAssignedTo?: string;
}

function projectTasksQuery(db: Executor, filter: ProjectTaskFilter) {
  let query = db.selectFrom('task as t').where('t.project_id', '=', filter.projectId);
  if (filter.taskTypeId) query = query.where('t.task_type_id', '=', filter.taskTypeId);
  if (filter.episodeId) {
    const episodeId = filter.episodeId;
    query = query.where((eb) =>
      eb(
        't.entity_id',
        'in',
        eb
          .selectFrom('entity as e')
          .innerJoin('entity as seq', 'seq.id', 'e.parent_id')
          .select('e.id')
          .where('seq.parent_id', '=', episodeId),
      ),
    );
  }
  if (filter.onlyAssignedTo) query = query.where(assignedTo(filter.onlyAssignedTo));
  return query;
}

/** The project's tasks with assignees, most recently updated first; `page` windows them (§8.4). */
export async function findProjectTasks(db: Executor, filter: ProjectTaskFilter, window?: { limit: number; offset: number }) {
  let query = projectTasksQuery(db, filter)
    .selectAll('t')
    .select(assigneesArray.as('assignees'))
    .orderBy('t.updated_at', 'desc')
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id');
  if (window) query = query.limit(window.limit).offset(window.offset);
  return query.execute();
}

export async function countProjectTasks(db: Executor, filter: ProjectTaskFilter): Promise<number> {
  const row = await projectTasksQuery(db, filter).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  return Number(row.total);
}
