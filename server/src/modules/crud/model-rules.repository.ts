import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';

/** Lookups behind the model rules of the special collections (persons, projects, tasks...). */

/** Active people counted against the user limit (bots and guests are not, §8.9). */
export async function countActiveUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('person')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('active', '=', true)
    .where('is_bot', '=', false)
    .where('is_guest', '=', false)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function projectStatusIdByName(db: Executor, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('project_status').select('id').where('name', '=', name).executeTakeFirst();
  return row?.id;
}

export async function projectIsOpen(db: Executor, projectId: string): Promise<boolean> {
  const row = await db
    .selectFrom('project as p')
    .innerJoin('project_status as ps', 'ps.id', 'p.project_status_id')
    .select('ps.name')
    .where('p.id', '=', projectId)
    .executeTakeFirst();
  return row?.name === 'Open';
}

/** An entity's project and the name of its type (its kind). */
export async function entityWithType(db: Executor, entityId: string): Promise<{ project_id: string; type_name: string } | undefined> {
  return db
    .selectFrom('entity as e')
    .innerJoin('entity_type as et', 'et.id', 'e.entity_type_id')
    .select(['e.project_id', 'et.name as type_name'])
    .where('e.id', '=', entityId)
    .executeTakeFirst();
}

export async function taskTypeForEntity(db: Executor, taskTypeId: string): Promise<string | undefined> {
  const row = await db.selectFrom('task_type').select('for_entity').where('id', '=', taskTypeId).executeTakeFirst();
  return row?.for_entity;
}

/**
 * The status a new task starts in: the project's own default custom status when it has one, else the
 * studio's default (the concept one for concepts) — the rule the task creation routes follow too.
 */
export async function defaultTaskStatusId(db: Executor, forConcept: boolean, projectId: string | null): Promise<string | undefined> {
  const row = await db
    .selectFrom('task_status')
    .select('id')
    .where('is_default', '=', true)
    .where('for_concept', '=', forConcept)
    .where((eb) => (projectId ? eb.or([eb('project_id', 'is', null), eb('project_id', '=', projectId)]) : eb('project_id', 'is', null)))
    .orderBy(sql`project_id IS NULL`)
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/**
 * Drops the default flag from the previous default: among studio statuses of the same family
 * (tasks or concepts), or among the project's own statuses (one default each, §2.2).
 */
export async function clearDefaultTaskStatus(tx: Tx, scope: { forConcept: boolean; projectId: string | null }, exceptId: string | null): Promise<void> {
  let query = tx.updateTable('task_status').set({ is_default: false }).where('is_default', '=', true);
  query = scope.projectId
    ? query.where('project_id', '=', scope.projectId)
    : query.where('project_id', 'is', null).where('for_concept', '=', scope.forConcept);
  if (exceptId) query = query.where('id', '!=', exceptId);
  await query.execute();
}

export async function taskTypeNameTaken(db: Executor, name: string, exceptId: string | null): Promise<boolean> {
  let query = db.selectFrom('task_type').select('id').where(sql<boolean>`lower(name) = lower(${name})`);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

export async function entityHasTasks(db: Executor, entityId: string): Promise<boolean> {
  return (await db.selectFrom('task').select('id').where('entity_id', '=', entityId).limit(1).executeTakeFirst()) !== undefined;
}

export async function cancelEntity(tx: Tx, entityId: string): Promise<void> {
  await tx.updateTable('entity').set({ canceled: true }).where('id', '=', entityId).execute();
}

/** Another day off of the person overlapping [date, endDate]. */
export async function dayOffOverlaps(db: Executor, personId: string, date: string, endDate: string, exceptId: string | null): Promise<boolean> {
  let query = db
    .selectFrom('day_off')
    .select('id')
    .where('person_id', '=', personId)
    .where('date', '<=', endDate)
    .where('end_date', '>=', date);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/** A day off replaces the time logged in its period (Zou). */
export async function deleteTimeSpentsInPeriod(tx: Tx, personId: string, date: string, endDate: string): Promise<void> {
  await tx.deleteFrom('time_spent').where('person_id', '=', personId).where('date', '>=', date).where('date', '<=', endDate).execute();
}

/** The first episode of a tv show ("E01"), created when the project has none yet; returns its id when created. */
export async function ensureFirstEpisode(tx: Tx, projectId: string, createdBy: string): Promise<string | undefined> {
  const type =
    (await tx.selectFrom('entity_type').select('id').where('name', '=', 'Episode').executeTakeFirst()) ??
    (await tx.insertInto('entity_type').values({ name: 'Episode' }).returning('id').executeTakeFirstOrThrow());
  const existing = await tx.selectFrom('entity').select('id').where('project_id', '=', projectId).where('entity_type_id', '=', type.id).limit(1).executeTakeFirst();
  if (existing) return undefined;
  const episode = await tx
    .insertInto('entity')
    .values({ name: 'E01', project_id: projectId, entity_type_id: type.id, created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return episode.id;
}
