import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';

/** A task_status row as the studio endpoints need it. */
export interface StatusRow {
  id: string;
  name: string;
  short_name: string;
  color: string;
  sort_order: number;
  is_default: boolean;
  system_key: string | null;
  project_id: string | null;
  is_done: boolean;
  is_artist_allowed: boolean;
  is_client_allowed: boolean;
  is_feedback_request: boolean;
  is_retake: boolean;
}

/** The flags a studio sets on its own statuses (what they mean for permissions and progress). */
export type StatusFlags = Pick<StatusRow, 'is_done' | 'is_artist_allowed' | 'is_client_allowed' | 'is_feedback_request' | 'is_retake'>;

const STATUS_COLUMNS = [
  'id', 'name', 'short_name', 'color', 'sort_order', 'is_default', 'system_key', 'project_id',
  'is_done', 'is_artist_allowed', 'is_client_allowed', 'is_feedback_request', 'is_retake',
] as const;

/**
 * Locks the project row for a status mutation: every mutation of a project's statuses takes it first,
 * so two of them never interleave (the last writer wins as a whole). False when there is no project.
 */
export async function lockProjectForStatusChange(tx: Tx, projectId: string): Promise<boolean> {
  const row = await tx.selectFrom('project').select('id').where('id', '=', projectId).forUpdate().executeTakeFirst();
  return row !== undefined;
}

export function listCustomStatuses(db: Executor, projectId: string): Promise<StatusRow[]> {
  return db
    .selectFrom('task_status')
    .select(STATUS_COLUMNS)
    .where('project_id', '=', projectId)
    .orderBy('sort_order')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function listSystemStatuses(db: Executor): Promise<StatusRow[]> {
  return db
    .selectFrom('task_status')
    .select(STATUS_COLUMNS)
    .where('system_key', 'is not', null)
    .orderBy('sort_order')
    .execute();
}

export function findSystemStatus(db: Executor, systemKey: string): Promise<StatusRow | undefined> {
  return db.selectFrom('task_status').select(STATUS_COLUMNS).where('system_key', '=', systemKey).executeTakeFirst();
}

export function findStatusById(db: Executor, statusId: string): Promise<StatusRow | undefined> {
  return db.selectFrom('task_status').select(STATUS_COLUMNS).where('id', '=', statusId).executeTakeFirst();
}

export function findCustomStatus(db: Executor, projectId: string, statusId: string): Promise<StatusRow | undefined> {
  return db
    .selectFrom('task_status')
    .select(STATUS_COLUMNS)
    .where('project_id', '=', projectId)
    .where('id', '=', statusId)
    .executeTakeFirst();
}

/**
 * Short names already taken where a custom status of the project could clash (its own and Zou's global
 * ones), lower-cased; `exceptId` leaves out the status being renamed.
 */
export async function takenShortNames(db: Executor, projectId: string, exceptId?: string): Promise<Set<string>> {
  let query = db
    .selectFrom('task_status')
    .select(sql<string>`lower(short_name)`.as('short_name'))
    .where((eb) => eb.or([eb('project_id', '=', projectId), eb('project_id', 'is', null)]));
  if (exceptId) query = query.where('id', '!=', exceptId);
  const rows = await query.execute();
  return new Set(rows.map((row) => row.short_name));
}

export interface NewCustomStatus {
  projectId: string;
  name: string;
  shortName: string;
  color: string;
  isDefault: boolean;
  order: number;
  flags: StatusFlags;
}

export function insertCustomStatus(tx: Tx, status: NewCustomStatus): Promise<StatusRow> {
  return tx
    .insertInto('task_status')
    .values({
      project_id: status.projectId,
      name: status.name,
      short_name: status.shortName,
      color: status.color,
      is_default: status.isDefault,
      sort_order: status.order,
      ...status.flags,
    })
    .returning(STATUS_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Gazu reads a project's statuses through its status links: a custom status is linked to its project. */
export async function linkStatusToProject(tx: Tx, projectId: string, statusId: string, priority: number): Promise<void> {
  await tx
    .insertInto('project_task_status_link')
    .values({ project_id: projectId, task_status_id: statusId, priority })
    .onConflict((oc) => oc.columns(['project_id', 'task_status_id']).doUpdateSet({ priority }))
    .execute();
}

export async function clearCustomDefault(tx: Tx, projectId: string): Promise<void> {
  await tx.updateTable('task_status').set({ is_default: false }).where('project_id', '=', projectId).where('is_default', '=', true).execute();
}

export function updateCustomStatus(
  tx: Tx,
  statusId: string,
  patch: Partial<Pick<StatusRow, 'name' | 'short_name' | 'color' | 'is_default'> & StatusFlags>,
): Promise<StatusRow> {
  return tx.updateTable('task_status').set(patch).where('id', '=', statusId).returning(STATUS_COLUMNS).executeTakeFirstOrThrow();
}

export async function deleteStatus(tx: Tx, statusId: string): Promise<void> {
  await tx.deleteFrom('project_task_status_link').where('task_status_id', '=', statusId).execute();
  await tx.deleteFrom('task_status').where('id', '=', statusId).execute();
}

export async function countStatusUsage(db: Executor, statusId: string): Promise<{ tasks: number; comments: number }> {
  const row = await sql<{ tasks: number; comments: number }>`
    SELECT (SELECT count(*)::int FROM task WHERE task_status_id = ${statusId}) AS tasks,
           (SELECT count(*)::int FROM comment WHERE task_status_id = ${statusId}) AS comments`.execute(db);
  return row.rows[0] ?? { tasks: 0, comments: 0 };
}

/** Moves every task (and comment history) from one status to another; returns the tasks moved. */
export async function reassignStatus(tx: Tx, fromId: string, toId: string): Promise<Array<{ id: string; project_id: string }>> {
  await tx.updateTable('comment').set({ task_status_id: toId }).where('task_status_id', '=', fromId).execute();
  return tx.updateTable('task').set({ task_status_id: toId }).where('task_status_id', '=', fromId).returning(['id', 'project_id']).execute();
}

/**
 * Sets order 0..n-1 following `orderedIds` in one statement, and the matching status-link priorities
 * (1..n) so that Kitsu's boards show the same order.
 */
export async function setCustomOrder(tx: Tx, projectId: string, orderedIds: string[]): Promise<void> {
  await sql`
    UPDATE task_status ts SET sort_order = o.position - 1
      FROM unnest(${orderedIds}::uuid[]) WITH ORDINALITY AS o(id, position)
     WHERE ts.id = o.id AND ts.project_id = ${projectId}`.execute(tx);
  await sql`
    UPDATE project_task_status_link l SET priority = o.position
      FROM unnest(${orderedIds}::uuid[]) WITH ORDINALITY AS o(id, position)
     WHERE l.task_status_id = o.id AND l.project_id = ${projectId}`.execute(tx);
}

/**
 * The status new tasks of each project start in: the project's custom default when it has one,
 * else the system status Not Started.
 */
export async function defaultStatusesOf(db: Executor, projectIds: string[]): Promise<Map<string, StatusRow>> {
  const result = new Map<string, StatusRow>();
  if (projectIds.length === 0) return result;
  const rows = await db
    .selectFrom('task_status')
    .select(STATUS_COLUMNS)
    .where((eb) => eb.or([eb.and([eb('project_id', 'in', projectIds), eb('is_default', '=', true)]), eb('system_key', '=', 'not_started')]))
    .execute();
  const fallback = rows.find((row) => row.system_key === 'not_started');
  for (const projectId of projectIds) {
    const row = rows.find((candidate) => candidate.project_id === projectId) ?? fallback;
    if (row) result.set(projectId, row);
  }
  return result;
}
