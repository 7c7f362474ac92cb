import type { Executor } from '../../platform/db/database.ts';

/** The preview files of the entity's tasks, by task type name, newest revision first (Zou's order). */
export function entityPreviewFiles(db: Executor, entityId: string) {
  return db
    .selectFrom('preview_file as pf')
    .innerJoin('task as t', 't.id', 'pf.task_id')
    .innerJoin('task_type as tt', 'tt.id', 't.task_type_id')
    .select([
      'pf.id', 'pf.name', 'pf.original_name', 'pf.extension', 'pf.revision', 'pf.position', 'pf.file_size', 'pf.status',
      'pf.validation_status', 'pf.task_id', 'pf.person_id', 'pf.created_at', 'pf.token_in', 'pf.token_out',
    ])
    .where('t.entity_id', '=', entityId)
    .orderBy('tt.name').orderBy('pf.revision', 'desc').orderBy('pf.position')
    .execute();
}

/** The time spent on the entity's tasks, latest day first. */
export function entityTimeSpents(db: Executor, entityId: string) {
  return db
    .selectFrom('time_spent as ts')
    .innerJoin('task as t', 't.id', 'ts.task_id')
    .selectAll('ts')
    .where('t.entity_id', '=', entityId)
    .orderBy('ts.date', 'desc').orderBy('ts.created_at')
    .execute();
}
