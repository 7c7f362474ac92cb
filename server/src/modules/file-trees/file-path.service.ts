import type { Selectable } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { requireEntityAccess, requireProjectMember } from '../../platform/auth/permissions.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { OutputType, Software } from '../../platform/db/schema.ts';
import { AppError, errors } from '../../platform/errors/index.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';
import {
  findEntityPathRow,
  findOutputType,
  findSoftware,
  findTaskPathRow,
  findTaskTypeWithDepartment,
  getOrCreateOutputType,
  getOrCreateSoftware,
  type EntityPathRow,
  type TaskPathRow,
} from './file-tree.repository.ts';
import { MalformedFileTreeError, modeOf, renderFileName, renderFolderPath, tokensOf, type Named, type PathContext } from './file-tree.render.ts';

/**
 * Folder and file names of working and output files (§8.8), from the project's file tree. Used by the
 * path routes (`working-file-path`, `output-file-path`) and by the routes that create file rows.
 */

/** An unusable tree or template: 400 with what was received, as Zou answers. */
export function malformedTree(error: MalformedFileTreeError, receivedData: unknown): AppError {
  return new AppError(400, 'malformed_file_tree', error.message, { body: { message: error.message, received_data: receivedData ?? null } });
}

/** Runs `work`, turning a malformed tree into its 400. */
export async function withTreeErrors<T>(receivedData: unknown, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MalformedFileTreeError) throw malformedTree(error, receivedData);
    throw error;
  }
}

const softwareNamed = (row: Selectable<Software>): Named => ({ id: row.id, name: row.name, short_name: row.short_name });
const outputTypeNamed = (row: Selectable<OutputType>): Named => ({ id: row.id, name: row.name, short_name: row.short_name });

/** Team member of the entity's project, and vendors only on entities they work on. */
export async function requirePathAccess(db: Executor, actor: Actor, projectId: string, entityId: string): Promise<void> {
  const access = await requireProjectMember(db, actor, projectId);
  await requireEntityAccess(db, actor, entityId, access.effectiveRole);
}

export async function loadTaskPathRow(db: Executor, actor: Actor, taskId: string): Promise<TaskPathRow> {
  const row = await findTaskPathRow(db, uuidOr404(taskId));
  if (!row) throw errors.notFound();
  await requirePathAccess(db, actor, row.task.project_id, row.task.entity_id);
  return row;
}

export async function loadEntityPathRow(db: Executor, actor: Actor, entityId: string): Promise<EntityPathRow> {
  const row = await findEntityPathRow(db, uuidOr404(entityId));
  if (!row) throw errors.notFound();
  await requirePathAccess(db, actor, row.entity.project_id, row.entity.id);
  return row;
}

export async function softwareOr404(db: Executor, softwareId: string): Promise<Selectable<Software>> {
  const software = await findSoftware(db, uuidOr404(softwareId));
  if (!software) throw errors.notFound();
  return software;
}

export async function outputTypeOr404(db: Executor, outputTypeId: string): Promise<Selectable<OutputType>> {
  const outputType = await findOutputType(db, uuidOr404(outputTypeId));
  if (!outputType) throw errors.notFound();
  return outputType;
}

export async function taskTypeOr404(db: Executor, taskTypeId: string) {
  const taskType = await findTaskTypeWithDepartment(db, uuidOr404(taskTypeId));
  if (!taskType) throw errors.notFound();
  return taskType;
}

/** Templates of a mode that name a token: fetch (or create, as Zou does) its default only then. */
function modeUses(tree: unknown, mode: string, token: string): boolean {
  const templates = modeOf(tree, mode);
  return [...Object.values(templates.folder_path), ...Object.values(templates.file_name)].some((template) => tokensOf(template).includes(token));
}

export interface WorkingPathOptions {
  mode: string;
  name: string;
  revision: number;
  sep: string;
  software: Selectable<Software> | undefined;
}

/** Folder and file name of a task's working file. */
export async function renderWorkingPath(db: Executor, row: TaskPathRow, options: WorkingPathOptions) {
  const tree = row.project.file_tree;
  let software = options.software;
  // Zou's fallback when a template wants a software and none was given.
  if (!software && modeUses(tree, options.mode, 'Software')) software = await getOrCreateSoftware(db, '3dsmax', 'max', '.max');
  let outputType: Selectable<OutputType> | undefined;
  if (modeUses(tree, options.mode, 'OutputType')) outputType = await getOrCreateOutputType(db, 'Geometry');
  const context: PathContext = {
    project: row.project,
    entity: row.entity,
    entityType: row.entityType,
    sequence: row.sequence,
    episode: row.episode,
    task: row.task,
    taskType: row.taskType,
    department: row.department,
    software: software ? softwareNamed(software) : null,
    outputType: outputType ? outputTypeNamed(outputType) : null,
    name: options.name,
    revision: options.revision,
    representation: '',
  };
  return {
    folder: renderFolderPath(tree, options.mode, context, options.sep),
    fileName: renderFileName(tree, options.mode, context),
  };
}

export interface OutputPathOptions {
  mode: string;
  name: string;
  revision: number;
  representation: string;
  nbElements: number;
  sep: string;
  outputType: Selectable<OutputType>;
  taskType: { id: string; name: string; short_name: string | null; department_id: string | null; department_name: string | null };
}

/** Folder and file name of an entity's output file. */
export async function renderOutputPath(db: Executor, row: EntityPathRow, options: OutputPathOptions) {
  const tree = row.project.file_tree;
  let software: Selectable<Software> | undefined;
  if (modeUses(tree, options.mode, 'Software')) software = await getOrCreateSoftware(db, '3dsmax', 'max', '.max');
  const { taskType } = options;
  const context: PathContext = {
    project: row.project,
    entity: row.entity,
    entityType: row.entityType,
    sequence: row.sequence,
    episode: row.episode,
    task: null,
    taskType: { id: taskType.id, name: taskType.name, short_name: taskType.short_name },
    department: taskType.department_id && taskType.department_name !== null ? { id: taskType.department_id, name: taskType.department_name } : null,
    software: software ? softwareNamed(software) : null,
    outputType: outputTypeNamed(options.outputType),
    name: options.name,
    revision: options.revision,
    representation: options.representation,
  };
  return {
    folder: renderFolderPath(tree, options.mode, context, options.sep),
    fileName: renderFileName(tree, options.mode, context, options.nbElements),
  };
}
