import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { TEMPORAL_KINDS } from '../breakdown/entity-kind.ts';
import type { StudioKind } from './studio-tasks.repository.ts';

export interface TemplateRow {
  for_entity: StudioKind;
  id: string;
  name: string;
  short_name: string | null;
}

export function listTemplates(db: Executor, projectId: string): Promise<TemplateRow[]> {
  return db
    .selectFrom('project_task_template as ptt')
    .innerJoin('task_type as tt', 'tt.id', 'ptt.task_type_id')
    .select([sql<StudioKind>`ptt.for_entity`.as('for_entity'), 'tt.id', 'tt.name', 'tt.short_name'])
    .where('ptt.project_id', '=', projectId)
    .orderBy('ptt.for_entity')
    .orderBy('ptt.position')
    .execute();
}

/** Replaces a project's template for one kind by `taskTypeIds`, in that order. */
export async function replaceTemplate(tx: Tx, projectId: string, kind: StudioKind, taskTypeIds: string[]): Promise<void> {
  await tx.deleteFrom('project_task_template').where('project_id', '=', projectId).where('for_entity', '=', kind).execute();
  if (taskTypeIds.length === 0) return;
  await tx
    .insertInto('project_task_template')
    .values(taskTypeIds.map((taskTypeId, position) => ({ project_id: projectId, for_entity: kind, task_type_id: taskTypeId, position })))
    .execute();
}

export interface TemplatedPair {
  entity_id: string;
  entity_name: string;
  project_id: string;
  task_type_id: string;
  task_type_name: string;
}

/** For each given shot/asset, the (non-archived) task types its project's template lists for its kind. */
export async function templatedPairs(db: Executor, entityIds: string[]): Promise<TemplatedPair[]> {
  if (entityIds.length === 0) return [];
  const result = await sql<TemplatedPair>`
    SELECT e.id AS entity_id, e.name AS entity_name, e.project_id, tt.id AS task_type_id, tt.name AS task_type_name
      FROM entity e
      JOIN entity_type et ON et.id = e.entity_type_id
      JOIN project_task_template ptt ON ptt.project_id = e.project_id
       AND ptt.for_entity = CASE WHEN et.name IN (${sql.join([...TEMPORAL_KINDS])}) THEN et.name ELSE 'Asset' END
      JOIN task_type tt ON tt.id = ptt.task_type_id AND NOT tt.archived
     WHERE e.id = ANY(${entityIds}::uuid[])
     ORDER BY e.id, ptt.position`.execute(db);
  return result.rows;
}
