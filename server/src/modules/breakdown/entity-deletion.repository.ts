import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { entityKindOf, type EntityKind } from './entity-kind.ts';

/**
 * Set-based deletion of entities and everything hanging from them (§2.1: nothing cascades by
 * itself in Zou, the service deletes children explicitly). Every statement works on id arrays, so
 * deleting a sequence of 500 shots costs the same dozen statements as deleting one shot.
 */

export interface DeletedEntity {
  id: string;
  kind: EntityKind;
  project_id: string;
}

export interface DeletedTask {
  id: string;
  entity_id: string;
  task_type_id: string;
  project_id: string;
}

export async function entityHasTasks(db: Executor, entityId: string): Promise<boolean> {
  const row = await db.selectFrom('task').select('id').where('entity_id', '=', entityId).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function entityHasChildren(db: Executor, entityId: string): Promise<boolean> {
  const row = await db.selectFrom('entity').select('id').where('parent_id', '=', entityId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * The entity and, for a forced removal of a sequence or an episode, what hangs from it: child
 * entities at any depth (sequences, shots, scenes) and, for an episode, the assets it is the
 * source of (Zou's remove_episode).
 */
export async function collectSubtree(db: Executor, rootId: string, withDescendants: boolean): Promise<DeletedEntity[]> {
  const result = await sql<{ id: string; project_id: string; type_name: string }>`
    WITH RECURSIVE tree(id) AS (
      SELECT ${rootId}::uuid
      UNION
      SELECT e.id FROM entity e JOIN tree ON ${withDescendants} AND (e.parent_id = tree.id OR e.source_id = ${rootId}::uuid)
    )
    SELECT e.id, e.project_id, et.name AS type_name
      FROM tree JOIN entity e ON e.id = tree.id JOIN entity_type et ON et.id = e.entity_type_id`.execute(db);
  return result.rows.map((row) => ({ id: row.id, project_id: row.project_id, kind: entityKindOf(row.type_name) }));
}

/**
 * Deletes the entities and their tasks with the tasks' comments (and their notifications, news,
 * attachments), subscriptions, time spents, previews, working/output files and assignations, the
 * entities' casting links and schedule items. Entities pointing at a deleted one through parent or
 * source are detached, and casting counts of entities that lost links are recomputed.
 */
export async function deleteEntitiesCascade(db: Executor, entityIds: string[]): Promise<DeletedTask[]> {
  const ids = sql`${entityIds}::uuid[]`;
  const tasks = (
    await sql<DeletedTask>`SELECT id, entity_id, task_type_id, project_id FROM task WHERE entity_id = ANY(${ids})`.execute(db)
  ).rows;
  const taskIds = sql`${tasks.map((task) => task.id)}::uuid[]`;
  const commentIds = sql`(SELECT id FROM comment WHERE object_id = ANY(${taskIds}))`;

  await sql`DELETE FROM notification WHERE task_id = ANY(${taskIds}) OR comment_id IN ${commentIds}`.execute(db);
  await sql`DELETE FROM news WHERE task_id = ANY(${taskIds}) OR comment_id IN ${commentIds}`.execute(db);
  await sql`DELETE FROM attachment_file WHERE comment_id IN ${commentIds}`.execute(db);
  await sql`DELETE FROM comment WHERE object_id = ANY(${taskIds})`.execute(db);
  await sql`DELETE FROM subscription WHERE task_id = ANY(${taskIds}) OR entity_id = ANY(${ids})`.execute(db);
  await sql`DELETE FROM time_spent WHERE task_id = ANY(${taskIds})`.execute(db);
  await sql`DELETE FROM output_file
             WHERE entity_id = ANY(${ids}) OR temporal_entity_id = ANY(${ids})
                OR source_file_id IN (SELECT id FROM working_file WHERE task_id = ANY(${taskIds}) OR entity_id = ANY(${ids}))`.execute(db);
  await sql`DELETE FROM working_file WHERE task_id = ANY(${taskIds}) OR entity_id = ANY(${ids})`.execute(db);
  await sql`DELETE FROM preview_file WHERE task_id = ANY(${taskIds})`.execute(db);
  await sql`DELETE FROM task WHERE id = ANY(${taskIds})`.execute(db);

  const touched = await sql<{ id: string }>`
    DELETE FROM entity_link WHERE entity_in_id = ANY(${ids}) OR entity_out_id = ANY(${ids})
    RETURNING entity_in_id AS id`.execute(db);
  await sql`DELETE FROM schedule_item WHERE object_id = ANY(${ids})`.execute(db);
  await sql`UPDATE entity SET parent_id = NULL WHERE parent_id = ANY(${ids}) AND NOT id = ANY(${ids})`.execute(db);
  await sql`UPDATE entity SET source_id = NULL WHERE source_id = ANY(${ids}) AND NOT id = ANY(${ids})`.execute(db);
  await sql`DELETE FROM entity WHERE id = ANY(${ids})`.execute(db);

  const recount = [...new Set(touched.rows.map((row) => row.id))].filter((id) => !entityIds.includes(id));
  if (recount.length > 0) {
    await sql`UPDATE entity e SET nb_entities_out = (SELECT count(*) FROM entity_link l WHERE l.entity_in_id = e.id)
               WHERE e.id = ANY(${recount}::uuid[])`.execute(db);
  }
  return tasks;
}

/** Soft delete: the entity stays, flagged canceled (§8.9). */
export async function cancelEntity(db: Executor, entityId: string): Promise<void> {
  await db.updateTable('entity').set({ canceled: true }).where('id', '=', entityId).execute();
}
