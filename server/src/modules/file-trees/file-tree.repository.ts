import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Json, OutputType, Software } from '../../platform/db/schema.ts';
import { entityKindOf, type EntityKind } from '../breakdown/entity-kind.ts';
import type { Named } from './file-tree.render.ts';

/** An entity with what its paths are made of: project (and its tree), type, sequence and episode. */
export interface EntityPathRow {
  entity: Named & { kind: EntityKind; project_id: string };
  entityType: Named;
  project: Named & { file_tree: Json | null };
  sequence: Named | null;
  episode: Named | null;
}

interface RawEntityPathRow {
  id: string;
  name: string;
  project_id: string;
  type_id: string;
  type_name: string;
  type_short_name: string | null;
  project_name: string;
  project_code: string | null;
  file_tree: Json | null;
  parent_id: string | null;
  parent_name: string | null;
  parent_type: string | null;
  grand_id: string | null;
  grand_name: string | null;
  grand_type: string | null;
}

const named = (id: string | null, name: string | null): Named | null => (id && name !== null ? { id, name } : null);

function toEntityPathRow(row: RawEntityPathRow): EntityPathRow {
  const kind = entityKindOf(row.type_name);
  const self: Named = { id: row.id, name: row.name };
  const parent = named(row.parent_id, row.parent_name);
  const grand = named(row.grand_id, row.grand_name);
  let sequence: Named | null = null;
  let episode: Named | null = null;
  if (kind === 'Shot' || kind === 'Scene') {
    sequence = row.parent_type === 'Sequence' ? parent : null;
    episode = row.grand_type === 'Episode' ? grand : null;
  } else if (kind === 'Sequence') {
    sequence = self;
    episode = row.parent_type === 'Episode' ? parent : null;
  } else if (kind === 'Episode') {
    episode = self;
  }
  return {
    entity: { ...self, kind, project_id: row.project_id },
    entityType: { id: row.type_id, name: row.type_name, short_name: row.type_short_name },
    project: { id: row.project_id, name: row.project_name, short_name: row.project_code, file_tree: row.file_tree },
    sequence,
    episode,
  };
}

export async function findEntityPathRow(db: Executor, entityId: string): Promise<EntityPathRow | undefined> {
  const result = await sql<RawEntityPathRow>`
    SELECT e.id, e.name, e.project_id, et.id AS type_id, et.name AS type_name, et.short_name AS type_short_name,
           p.name AS project_name, p.code AS project_code, p.file_tree,
           par.id AS parent_id, par.name AS parent_name, pet.name AS parent_type,
           gp.id AS grand_id, gp.name AS grand_name, gpet.name AS grand_type
      FROM entity e
      JOIN entity_type et ON et.id = e.entity_type_id
      JOIN project p ON p.id = e.project_id
      LEFT JOIN entity par ON par.id = e.parent_id
      LEFT JOIN entity_type pet ON pet.id = par.entity_type_id
      LEFT JOIN entity gp ON gp.id = par.parent_id
      LEFT JOIN entity_type gpet ON gpet.id = gp.entity_type_id
     WHERE e.id = ${entityId}`.execute(db);
  const row = result.rows[0];
  return row ? toEntityPathRow(row) : undefined;
}

/** A task with its type (and department) and its entity's path row. */
export interface TaskPathRow extends EntityPathRow {
  task: Named & { entity_id: string; project_id: string; task_type_id: string };
  taskType: Named & { department_id: string | null };
  department: Named | null;
}

export async function findTaskPathRow(db: Executor, taskId: string): Promise<TaskPathRow | undefined> {
  const task = await db
    .selectFrom('task as t')
    .innerJoin('task_type as tt', 'tt.id', 't.task_type_id')
    .leftJoin('department as d', 'd.id', 'tt.department_id')
    .select(['t.id', 't.name', 't.entity_id', 't.project_id', 't.task_type_id', 'tt.name as tt_name', 'tt.short_name as tt_short_name',
      'tt.department_id', 'd.name as department_name'])
    .where('t.id', '=', taskId)
    .executeTakeFirst();
  if (!task) return undefined;
  const entity = await findEntityPathRow(db, task.entity_id);
  if (!entity) return undefined;
  return {
    ...entity,
    task: { id: task.id, name: task.name, entity_id: task.entity_id, project_id: task.project_id, task_type_id: task.task_type_id },
    taskType: { id: task.task_type_id, name: task.tt_name, short_name: task.tt_short_name, department_id: task.department_id },
    department: task.department_id && task.department_name !== null ? { id: task.department_id, name: task.department_name } : null,
  };
}

export async function findTaskTypeWithDepartment(db: Executor, taskTypeId: string) {
  return db
    .selectFrom('task_type as tt')
    .leftJoin('department as d', 'd.id', 'tt.department_id')
    .select(['tt.id', 'tt.name', 'tt.short_name', 'tt.department_id', 'd.name as department_name'])
    .where('tt.id', '=', taskTypeId)
    .executeTakeFirst();
}

export async function findSoftware(db: Executor, id: string): Promise<Selectable<Software> | undefined> {
  return db.selectFrom('software').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOutputType(db: Executor, id: string): Promise<Selectable<OutputType> | undefined> {
  return db.selectFrom('output_type').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Zou's get-or-create by unique name: concurrent callers end up with the same row. */
export async function getOrCreateSoftware(db: Executor, name: string, shortName: string, fileExtension: string): Promise<Selectable<Software>> {
  await db.insertInto('software').values({ name, short_name: shortName, file_extension: fileExtension }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return db.selectFrom('software').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
}

export async function getOrCreateOutputType(db: Executor, name: string, shortName = ''): Promise<Selectable<OutputType>> {
  await db.insertInto('output_type').values({ name, short_name: shortName }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return db.selectFrom('output_type').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
}

export async function setProjectFileTree(db: Executor, projectId: string, tree: unknown) {
  return db.updateTable('project').set({ file_tree: JSON.stringify(tree) }).where('id', '=', projectId).returningAll().executeTakeFirst();
}

export async function findProjectTree(db: Executor, projectId: string) {
  return db.selectFrom('project').select(['id', 'name', 'code', 'file_tree']).where('id', '=', projectId).executeTakeFirst();
}

/** Escapes LIKE wildcards, then lets a space of the path match a space or an underscore of the name. */
export function pathNamePattern(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/ /g, '_');
}

/** Rows named like a path element (case-insensitive, ` ` matching ` ` or `_`), for guessing. */
export async function findEntityByPathName(
  db: Executor,
  criteria: { projectId: string; name: string; typeName?: string; typeId?: string; parentId?: string | null },
): Promise<{ id: string } | undefined> {
  let query = db
    .selectFrom('entity as e')
    .innerJoin('entity_type as et', 'et.id', 'e.entity_type_id')
    .select('e.id')
    .where('e.project_id', '=', criteria.projectId)
    .where(sql<boolean>`e.name ILIKE ${pathNamePattern(criteria.name)}`);
  if (criteria.typeName) query = query.where('et.name', '=', criteria.typeName);
  if (criteria.typeId) query = query.where('e.entity_type_id', '=', criteria.typeId);
  if (criteria.parentId) query = query.where('e.parent_id', '=', criteria.parentId);
  return query.orderBy('e.created_at').limit(1).executeTakeFirst();
}

export async function findByPathName(
  db: Executor,
  table: 'entity_type' | 'task_type' | 'department' | 'output_type' | 'project',
  name: string,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom(table)
    .select('id')
    .where(sql<boolean>`name ILIKE ${pathNamePattern(name)}`)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}

export async function findTaskByPathName(
  db: Executor,
  criteria: { projectId: string; taskTypeId: string; entityId: string; name: string },
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('task')
    .select('id')
    .where('project_id', '=', criteria.projectId)
    .where('task_type_id', '=', criteria.taskTypeId)
    .where('entity_id', '=', criteria.entityId)
    .where(sql<boolean>`name ILIKE ${pathNamePattern(criteria.name)}`)
    .limit(1)
    .executeTakeFirst();
}
