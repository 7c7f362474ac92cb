import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/** What a playlist reads of previews, entities and tasks; each function is one query for many ids. */

export interface RevisionFileRow {
  id: string;
  revision: number;
  position: number;
  original_name: string | null;
  extension: string | null;
  width: number | null;
  height: number | null;
  duration: number | null;
  status: string;
  validation_status: string;
  created_at: string;
  task_id: string;
  task_type_id: string;
  task_status_id: string;
  entity_id: string;
  annotations?: unknown;
}

/**
 * Every preview file of the entities' tasks, in Zou's order: task types by priority then name, newest
 * revision first, a revision's files by position. Annotations only when asked: they are the heavy part.
 */
export async function revisionFilesOf(db: Executor, entityIds: string[], options: { annotations?: boolean } = {}): Promise<RevisionFileRow[]> {
  if (entityIds.length === 0) return [];
  const annotations = options.annotations ? sql`, pf.annotations` : sql``;
  const result = await sql<RevisionFileRow>`
    SELECT pf.id, pf.revision, pf.position, pf.original_name, pf.extension, pf.width, pf.height, pf.duration, pf.status,
           pf.validation_status, pf.created_at, pf.task_id, t.task_type_id, t.task_status_id, t.entity_id ${annotations}
      FROM preview_file pf
      JOIN task t ON t.id = pf.task_id
      JOIN task_type tt ON tt.id = t.task_type_id
     WHERE t.entity_id = ANY(${entityIds}::uuid[])
     ORDER BY t.entity_id, tt.priority DESC NULLS LAST, tt.name, pf.revision DESC, pf.position, pf.created_at`.execute(db);
  return result.rows;
}

/**
 * The latest preview of each entity: highest revision, its first file, the newest upload breaking ties;
 * only previews of `taskTypeId` when given (a playlist restricted to one task type).
 */
export async function latestPreviewIds(db: Executor, entityIds: string[], taskTypeId: string | null): Promise<Map<string, string>> {
  if (entityIds.length === 0) return new Map();
  const byTaskType = taskTypeId ? sql`AND t.task_type_id = ${taskTypeId}` : sql``;
  const result = await sql<{ entity_id: string; id: string }>`
    SELECT DISTINCT ON (t.entity_id) t.entity_id, pf.id
      FROM preview_file pf JOIN task t ON t.id = pf.task_id
     WHERE t.entity_id = ANY(${entityIds}::uuid[]) ${byTaskType}
     ORDER BY t.entity_id, pf.revision DESC, pf.position, pf.created_at DESC`.execute(db);
  return new Map(result.rows.map((row) => [row.entity_id, row.id]));
}

export interface EntityFacts {
  id: string;
  name: string;
  project_id: string;
  canceled: boolean;
  entity_type_id: string;
  entity_type_name: string;
  is_asset: boolean;
  parent_id: string | null;
  parent_name: string | null;
  /** A shot's sequence's episode, or a sequence's episode. */
  grandparent_id: string | null;
  grandparent_name: string | null;
}

/** The temporal entity types; anything else is an asset type. */
const TEMPORAL_TYPES = ['Shot', 'Sequence', 'Episode', 'Scene', 'Edit', 'Concept'];

export async function entityFactsOf(db: Executor, entityIds: string[]): Promise<Map<string, EntityFacts>> {
  if (entityIds.length === 0) return new Map();
  const result = await sql<EntityFacts>`
    SELECT e.id, e.name, e.project_id, e.canceled, e.entity_type_id, et.name AS entity_type_name,
           NOT (et.name = ANY(${TEMPORAL_TYPES}::text[])) AS is_asset,
           parent.id AS parent_id, parent.name AS parent_name, grand.id AS grandparent_id, grand.name AS grandparent_name
      FROM entity e
      JOIN entity_type et ON et.id = e.entity_type_id
      LEFT JOIN entity parent ON parent.id = e.parent_id
      LEFT JOIN entity grand ON grand.id = parent.parent_id
     WHERE e.id = ANY(${entityIds}::uuid[])`.execute(db);
  return new Map(result.rows.map((row) => [row.id, row]));
}

export interface PreviewOwner {
  id: string;
  entity_id: string;
  project_id: string;
  task_id: string;
  task_type_id: string;
  revision: number;
  position: number;
  status: string;
  extension: string | null;
  is_movie: boolean;
  original_name: string | null;
  data: unknown;
}

/** The previews with the task and entity each belongs to. */
export async function previewOwnersOf(db: Executor, previewIds: string[]): Promise<Map<string, PreviewOwner>> {
  if (previewIds.length === 0) return new Map();
  const result = await sql<PreviewOwner>`
    SELECT pf.id, t.entity_id, t.project_id, pf.task_id, t.task_type_id, pf.revision, pf.position, pf.status, pf.extension,
           pf.is_movie, pf.original_name, pf.data
      FROM preview_file pf JOIN task t ON t.id = pf.task_id
     WHERE pf.id = ANY(${previewIds}::uuid[])`.execute(db);
  return new Map(result.rows.map((row) => [row.id, row]));
}

export interface TaskOfPlaylist {
  id: string;
  project_id: string;
  entity_id: string;
  task_type_id: string;
}

export async function tasksOf(db: Executor, taskIds: string[]): Promise<TaskOfPlaylist[]> {
  if (taskIds.length === 0) return [];
  return db.selectFrom('task').select(['id', 'project_id', 'entity_id', 'task_type_id']).where('id', 'in', taskIds).execute();
}

/** Of these entities, those with a task assigned to the person (what a vendor may reach). */
export async function entitiesAssignedTo(db: Executor, personId: string, entityIds: string[]): Promise<Set<string>> {
  if (entityIds.length === 0) return new Set();
  const result = await sql<{ entity_id: string }>`
    SELECT DISTINCT t.entity_id FROM task t JOIN assignations a ON a.task_id = t.id
     WHERE t.entity_id = ANY(${entityIds}::uuid[]) AND a.person_id = ${personId}`.execute(db);
  return new Set(result.rows.map((row) => row.entity_id));
}
