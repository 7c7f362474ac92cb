import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { WorkingFile } from '../../platform/db/schema.ts';

export async function findWorkingFile(db: Executor, id: string, options: { lock?: boolean } = {}): Promise<Selectable<WorkingFile> | undefined> {
  let query = db.selectFrom('working_file').selectAll().where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The revision after the last one of the task's working files of that name (1 for the first). */
export async function nextWorkingRevision(db: Executor, taskId: string, name: string): Promise<number> {
  const row = await db
    .selectFrom('working_file')
    .select((eb) => eb.fn.max('revision').as('last'))
    .where('task_id', '=', taskId)
    .where('name', '=', name)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export interface NewWorkingFile {
  name: string;
  description: string;
  comment: string;
  revision: number;
  path: string;
  task_id: string;
  entity_id: string;
  person_id: string;
  software_id: string;
}

/** Inserts unless that (name, task, entity, revision) exists: then undefined. */
export async function insertWorkingFile(db: Executor, values: NewWorkingFile): Promise<Selectable<WorkingFile> | undefined> {
  return db
    .insertInto('working_file')
    .values(values)
    .onConflict((oc) => oc.columns(['name', 'task_id', 'entity_id', 'revision']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** A task's working files, newest revision first. */
export async function listTaskWorkingFiles(db: Executor, taskId: string): Promise<Selectable<WorkingFile>[]> {
  return db
    .selectFrom('working_file')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('revision', '>=', 0)
    .orderBy('revision', 'desc')
    .orderBy('name')
    .execute();
}

/** The last revision of each of the task's working file names. */
export async function listLastWorkingFiles(db: Executor, taskId: string): Promise<Selectable<WorkingFile>[]> {
  return db
    .selectFrom('working_file as w')
    .selectAll('w')
    .where('w.task_id', '=', taskId)
    .where(({ eb, selectFrom }) =>
      eb(
        'w.revision',
        '=',
        selectFrom('working_file as o').select((o) => o.fn.max('o.revision').as('m')).where('o.task_id', '=', taskId).whereRef('o.name', '=', 'w.name'),
      ))
    .orderBy('w.name')
    .execute();
}

export async function listEntityWorkingFiles(db: Executor, entityId: string, filters: { taskId?: string; name?: string }): Promise<Selectable<WorkingFile>[]> {
  let query = db.selectFrom('working_file').selectAll().where('entity_id', '=', entityId).where('revision', '>=', 0);
  if (filters.taskId) query = query.where('task_id', '=', filters.taskId);
  if (filters.name) query = query.where('name', '=', filters.name);
  return query.orderBy('revision', 'desc').orderBy('name').execute();
}

export async function updateWorkingFile(db: Executor, id: string, values: { comment?: string; size?: number }): Promise<Selectable<WorkingFile>> {
  return db.updateTable('working_file').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Touches the row: `updated_at` becomes now (the modification date Gazu reports). */
export async function touchWorkingFile(db: Executor, id: string): Promise<Selectable<WorkingFile>> {
  return db.updateTable('working_file').set({ updated_at: sql<string>`utc_now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Assigns the person to the task unless he is already; true when he was added. */
export async function assignIfMissing(db: Executor, taskId: string, personId: string): Promise<boolean> {
  const inserted = await db
    .insertInto('assignations')
    .values({ task_id: taskId, person_id: personId })
    .onConflict((oc) => oc.doNothing())
    .returning('person_id')
    .execute();
  return inserted.length > 0;
}
