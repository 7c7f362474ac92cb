import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { AssetTypeRow, EntityRow, TaskRow, TaskTypeRow } from '../../../../packages/contracts/src/user.schema.ts';
import { TEMPORAL_KINDS } from '../breakdown/entity-kind.ts';
import { ASSET_TYPE_COLUMNS, ENTITY_COLUMNS, selectColumns, TASK_COLUMNS, TASK_TYPE_COLUMNS } from './wire-columns.ts';

/**
 * The "user scope" reads of gazu.user (§4.8): breakdown rows restricted to what the caller has tasks
 * assigned on, in open projects (Zou's `build_assignee_filter` + `build_open_project_filter`).
 */

type Row = EntityRow;
export type ScopedKind = 'Asset' | 'Shot' | 'Sequence' | 'Scene' | 'Episode';

const kinds = () => sql.join(TEMPORAL_KINDS.map((kind) => sql.lit(kind)));

const openProject = (projectColumn: RawBuilder<unknown>) => sql`EXISTS (
  SELECT 1 FROM project op JOIN project_status ops ON ops.id = op.project_status_id
   WHERE op.id = ${projectColumn} AND ops.name = 'Open')`;

/** "The caller has a task on this entity" — through the task_entity and assignations keys. */
const assignedOn = (entityColumn: RawBuilder<unknown>, personId: string) => sql`EXISTS (
  SELECT 1 FROM task at JOIN assignations aa ON aa.task_id = at.id
   WHERE at.entity_id = ${entityColumn} AND aa.person_id = ${personId})`;

/** Does the entity exist with that kind? (typed getters answer 404 for another kind) */
export async function entityOfKindExists(db: Executor, entityId: string, kind: ScopedKind): Promise<boolean> {
  const kindMatch = kind === 'Asset' ? sql`et.name NOT IN (${kinds()})` : sql`et.name = ${kind}`;
  const result = await sql<{ one: number }>`
    SELECT 1 AS one FROM entity e JOIN entity_type et ON et.id = e.entity_type_id
     WHERE e.id = ${entityId} AND ${kindMatch}`.execute(db);
  return result.rows.length > 0;
}

export async function assetTypeExists(db: Executor, assetTypeId: string): Promise<boolean> {
  const result = await sql<{ one: number }>`
    SELECT 1 AS one FROM entity_type et WHERE et.id = ${assetTypeId} AND et.name NOT IN (${kinds()})`.execute(db);
  return result.rows.length > 0;
}

export async function projectExists(db: Executor, projectId: string): Promise<boolean> {
  return (await db.selectFrom('project').select('id').where('id', '=', projectId).executeTakeFirst()) !== undefined;
}

export async function assetTypesForProject(db: Executor, personId: string, projectId: string): Promise<AssetTypeRow[]> {
  const result = await sql<AssetTypeRow>`
    SELECT ${selectColumns('et', ASSET_TYPE_COLUMNS)}, 'AssetType' AS type
      FROM entity_type et
     WHERE et.name NOT IN (${kinds()})
       AND EXISTS (SELECT 1 FROM entity e WHERE e.entity_type_id = et.id AND e.project_id = ${projectId}
                      AND ${assignedOn(sql`e.id`, personId)})
       AND ${openProject(sql`${projectId}::uuid`)}
     ORDER BY et.name`.execute(db);
  return result.rows;
}

/** Entities of one kind matching `where` on which the caller has a task, in open projects. */
async function assignedEntities(db: Executor, type: ScopedKind, where: RawBuilder<unknown>): Promise<Row[]> {
  const result = await sql<Row>`
    SELECT ${selectColumns('e', ENTITY_COLUMNS)}, ${type}::text AS type
      FROM entity e JOIN entity_type et ON et.id = e.entity_type_id
     WHERE ${where} AND ${openProject(sql`e.project_id`)}
     ORDER BY e.name`.execute(db);
  return result.rows;
}

export function assetsForAssetType(db: Executor, personId: string, projectId: string, assetTypeId: string): Promise<Row[]> {
  return assignedEntities(db, 'Asset',
    sql`e.project_id = ${projectId} AND e.entity_type_id = ${assetTypeId} AND ${assignedOn(sql`e.id`, personId)}`);
}

/** Sequences of the project with a shot the caller has a task on. */
export function sequencesForProject(db: Executor, personId: string, projectId: string): Promise<Row[]> {
  return assignedEntities(db, 'Sequence', sql`e.project_id = ${projectId} AND et.name = 'Sequence' AND EXISTS (
    SELECT 1 FROM entity shot JOIN entity_type st ON st.id = shot.entity_type_id AND st.name = 'Shot'
     WHERE shot.parent_id = e.id AND ${assignedOn(sql`shot.id`, personId)})`);
}

/** Episodes of the project with a shot (through its sequence) the caller has a task on. */
export function episodesForProject(db: Executor, personId: string, projectId: string): Promise<Row[]> {
  return assignedEntities(db, 'Episode', sql`e.project_id = ${projectId} AND et.name = 'Episode' AND EXISTS (
    SELECT 1 FROM entity seq JOIN entity shot ON shot.parent_id = seq.id
      JOIN entity_type st ON st.id = shot.entity_type_id AND st.name = 'Shot'
     WHERE seq.parent_id = e.id AND ${assignedOn(sql`shot.id`, personId)})`);
}

/** Shots (or scenes) of a sequence the caller has a task on. */
export function childrenOfSequence(db: Executor, personId: string, sequenceId: string, kind: 'Shot' | 'Scene'): Promise<Row[]> {
  return assignedEntities(db, kind,
    sql`e.parent_id = ${sequenceId} AND et.name = ${kind} AND ${assignedOn(sql`e.id`, personId)}`);
}

/** The caller's tasks on an entity, in open projects. */
export async function tasksForEntity(db: Executor, personId: string, entityId: string): Promise<TaskRow[]> {
  const result = await sql<TaskRow>`
    SELECT ${selectColumns('t', TASK_COLUMNS)}, 'Task' AS type
      FROM task t JOIN assignations a ON a.task_id = t.id AND a.person_id = ${personId}
     WHERE t.entity_id = ${entityId} AND ${openProject(sql`t.project_id`)}
     ORDER BY t.created_at`.execute(db);
  return result.rows;
}

/** Task types of the caller's tasks on an entity, in open projects. */
export async function taskTypesForEntity(db: Executor, personId: string, entityId: string): Promise<TaskTypeRow[]> {
  const result = await sql<TaskTypeRow>`
    SELECT ${selectColumns('tt', TASK_TYPE_COLUMNS)}, 'TaskType' AS type
      FROM task_type tt
     WHERE EXISTS (SELECT 1 FROM task t JOIN assignations a ON a.task_id = t.id AND a.person_id = ${personId}
                    WHERE t.entity_id = ${entityId} AND t.task_type_id = tt.id AND ${openProject(sql`t.project_id`)})
     ORDER BY tt.priority, tt.name`.execute(db);
  return result.rows;
}
