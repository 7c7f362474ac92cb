import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { FileStatus, OutputFile, OutputType } from '../../platform/db/schema.ts';

export interface OutputFileFilter {
  outputTypeId?: string;
  taskTypeId?: string;
  representation?: string;
  name?: string;
  fileStatusId?: string;
}

/** The revision after the last one of that entity, output type, task type and name (1 for the first). */
export async function nextOutputRevision(db: Executor, key: { entityId: string; outputTypeId: string; taskTypeId: string; name: string }): Promise<number> {
  const row = await db
    .selectFrom('output_file')
    .select((eb) => eb.fn.max('revision').as('last'))
    .where('entity_id', '=', key.entityId)
    .where('asset_instance_id', 'is', null)
    .where('output_type_id', '=', key.outputTypeId)
    .where('task_type_id', '=', key.taskTypeId)
    .where('name', '=', key.name)
    .where('revision', '>', 0)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export interface NewOutputFile {
  name: string;
  comment: string;
  extension: string;
  representation: string;
  revision: number;
  nb_elements: number;
  entity_id: string;
  person_id: string;
  source_file_id: string | null;
  output_type_id: string;
  task_type_id: string;
  file_status_id: string;
  path: string;
}

/**
 * Inserts the output file unless the same revision of the same output exists (then undefined). The
 * unique index treats its null columns (asset instance, temporal entity) as distinct and cannot say
 * so; the lookup runs under a transaction-scoped advisory lock on the output's key instead, so two
 * concurrent creations of one revision cannot both insert.
 */
export async function insertOutputFile(db: Executor, values: NewOutputFile): Promise<Selectable<OutputFile> | undefined> {
  const key = `${values.entity_id}|${values.output_type_id}|${values.task_type_id}|${values.name}|${values.representation}|${values.revision}`;
  await sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`.execute(db);
  const existing = await db
    .selectFrom('output_file')
    .select('id')
    .where('entity_id', '=', values.entity_id)
    .where('asset_instance_id', 'is', null)
    .where('temporal_entity_id', 'is', null)
    .where('output_type_id', '=', values.output_type_id)
    .where('task_type_id', '=', values.task_type_id)
    .where('name', '=', values.name)
    .where('representation', '=', values.representation)
    .where('revision', '=', values.revision)
    .executeTakeFirst();
  if (existing) return undefined;
  return db.insertInto('output_file').values(values).returningAll().executeTakeFirstOrThrow();
}

/** An entity's output files (not those of asset instances), newest revision first. */
export async function listEntityOutputFiles(db: Executor, entityId: string, filter: OutputFileFilter): Promise<Selectable<OutputFile>[]> {
  let query = db.selectFrom('output_file').selectAll().where('entity_id', '=', entityId).where('asset_instance_id', 'is', null)
    .where('temporal_entity_id', 'is', null).where('revision', '>=', 0);
  if (filter.outputTypeId) query = query.where('output_type_id', '=', filter.outputTypeId);
  if (filter.taskTypeId) query = query.where('task_type_id', '=', filter.taskTypeId);
  if (filter.representation) query = query.where('representation', '=', filter.representation);
  if (filter.name) query = query.where('name', '=', filter.name);
  if (filter.fileStatusId) query = query.where('file_status_id', '=', filter.fileStatusId);
  return query.orderBy('revision', 'desc').orderBy('created_at', 'desc').execute();
}

/** The last revision of each output (task type, output type, name, representation) of an entity. */
export async function listLastEntityOutputFiles(db: Executor, entityId: string, filter: OutputFileFilter): Promise<Selectable<OutputFile>[]> {
  const files = await listEntityOutputFiles(db, entityId, filter);
  const last = new Map<string, Selectable<OutputFile>>();
  for (const file of files) {
    const key = [file.task_type_id, file.output_type_id, file.name, file.representation, filter.fileStatusId ? file.file_status_id : ''].join('|');
    if (!last.has(key)) last.set(key, file);
  }
  return [...last.values()];
}

export async function listProjectOutputFiles(db: Executor, projectId: string, filter: OutputFileFilter): Promise<Selectable<OutputFile>[]> {
  let query = db
    .selectFrom('output_file as o')
    .innerJoin('entity as e', 'e.id', 'o.entity_id')
    .selectAll('o')
    .where('e.project_id', '=', projectId)
    .where('o.asset_instance_id', 'is', null)
    .where('o.temporal_entity_id', 'is', null)
    .where('o.revision', '>=', 0);
  if (filter.outputTypeId) query = query.where('o.output_type_id', '=', filter.outputTypeId);
  if (filter.taskTypeId) query = query.where('o.task_type_id', '=', filter.taskTypeId);
  if (filter.representation) query = query.where('o.representation', '=', filter.representation);
  if (filter.name) query = query.where('o.name', '=', filter.name);
  if (filter.fileStatusId) query = query.where('o.file_status_id', '=', filter.fileStatusId);
  return query.orderBy('o.created_at', 'desc').execute();
}

/** The output types an entity has files of, by name. */
export async function listEntityOutputTypes(db: Executor, entityId: string): Promise<Selectable<OutputType>[]> {
  return db
    .selectFrom('output_type as ot')
    .selectAll('ot')
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('output_file as o').select('o.id').whereRef('o.output_type_id', '=', 'ot.id').where('o.entity_id', '=', entityId)))
    .orderBy('ot.name')
    .execute();
}

/** Zou's default status of new output files ("To review"), created when missing. */
export async function defaultFileStatus(db: Executor): Promise<Selectable<FileStatus>> {
  await db.insertInto('file_status').values({ name: 'To review', color: '#FFFFFF' }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return db.selectFrom('file_status').selectAll().where('name', '=', 'To review').executeTakeFirstOrThrow();
}

export async function findFileStatus(db: Executor, id: string) {
  return db.selectFrom('file_status').select('id').where('id', '=', id).executeTakeFirst();
}

export async function findPersonId(db: Executor, id: string) {
  return db.selectFrom('person').select('id').where('id', '=', id).executeTakeFirst();
}
