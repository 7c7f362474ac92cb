import type { Actor } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import {
  breakdownRowsQuery,
  findDescriptorColumns,
  findExportProject,
  findTaskTypeColumns,
  type BreakdownExportRow,
  type BreakdownFilter,
  type DescriptorColumn,
  type ExportProject,
  type TaskTypeColumn,
} from './breakdown-exports.repository.ts';
import { castingHasEpisodeColumn, castingRowsQuery, type CastingMode } from './casting-export.repository.ts';
import type { CsvCell } from './csv-format.ts';
import { mapRows, streamRows, type CsvExport } from './export-stream.ts';
import { requireProjectExporter } from './exports.policy.ts';
import { taskRowsQuery } from './studio-exports.repository.ts';
import { taskHeader, taskRow } from './studio-exports.service.ts';

type Deps = Pick<AppDeps, 'db'>;

/** Query keys the project exports read; Gazu and the web app send `episode_id` and `assigned_to`. */
export interface ProjectExportQuery {
  episode_id?: string;
  assigned_to?: string;
  is_shot_casting?: string;
}

/** `episode_id`: an episode id narrows the export; `all` (or nothing) keeps every episode. */
function episodeFilter(value: string | undefined): string | undefined {
  if (value === undefined || value === '' || value === 'all') return undefined;
  if (!isUuid(value)) throw errors.badRequest(`Invalid UUID value: ${value}`, null);
  return value.toLowerCase();
}

/** Zou reads `assigned_to` as a flag: whatever its value, the caller's own assignments. */
const assignedFilter = (actor: Actor, value: string | undefined) => (value === undefined ? undefined : actor.id);

async function exportedProject(deps: Deps, actor: Actor, projectId: string): Promise<ExportProject> {
  await requireProjectExporter(deps.db, actor, projectId);
  const project = await findExportProject(deps.db, projectId);
  if (!project) throw errors.notFound();
  return project;
}

/** CSV "Time Spent": days of 8 hours with two decimals, as Zou computes it. */
const timeSpent = (minutes: number) => (minutes > 0 ? minutes / 8 / 60 : 0).toFixed(2);

function metadataCell(data: unknown, descriptor: DescriptorColumn): CsvCell {
  const value = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>)[descriptor.field_name] : undefined;
  if (descriptor.data_type === 'boolean') return value === true || String(value ?? '').toLowerCase() === 'true' ? 'true' : 'false';
  return dataCell(value);
}

function dataCell(value: unknown): CsvCell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

const dataValue = (data: unknown, key: string): CsvCell =>
  dataCell(data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>)[key] : undefined);

/** Per task type present: `<TaskType>` (status short name) and `Assignations` (comma-separated full names). */
function taskCells(row: BreakdownExportRow, columns: TaskTypeColumn[]): CsvCell[] {
  const byType = new Map(row.tasks.map((task) => [task.task_type_id, task]));
  return columns.flatMap((column) => {
    const task = byType.get(column.id);
    return task ? [task.status, task.assignees] : ['', ''];
  });
}

const taskHeaders = (columns: TaskTypeColumn[]): string[] => columns.flatMap((column) => [column.name, 'Assignations']);

interface BreakdownColumns {
  project: ExportProject;
  descriptors: DescriptorColumn[];
  taskTypes: TaskTypeColumn[];
  filter: BreakdownFilter;
}

async function breakdownColumns(deps: Deps, actor: Actor, projectId: string, kind: 'Shot' | 'Asset', query: ProjectExportQuery): Promise<BreakdownColumns> {
  const project = await exportedProject(deps, actor, projectId);
  const filter: BreakdownFilter = { projectId, kind, episodeId: episodeFilter(query.episode_id), assignedTo: assignedFilter(actor, query.assigned_to) };
  const [descriptors, taskTypes] = await Promise.all([
    findDescriptorColumns(deps.db, projectId, kind),
    findTaskTypeColumns(deps.db, filter),
  ]);
  return { project, descriptors, taskTypes, filter };
}

/**
 * `export/csv/projects/<id>/shots.csv`: Project;Episode;Sequence;Name;Description;Time Spent;Frames;
 * Frame In;Frame Out;FPS; the project's Shot metadata columns; then `<TaskType>`;`Assignations` per
 * task type present. Sorted by episode, sequence and shot name.
 */
export async function exportShots(deps: Deps, actor: Actor, projectId: string, query: ProjectExportQuery): Promise<CsvExport> {
  const { project, descriptors, taskTypes, filter } = await breakdownColumns(deps, actor, projectId, 'Shot', query);
  const header = [
    'Project', 'Episode', 'Sequence', 'Name', 'Description', 'Time Spent', 'Frames', 'Frame In', 'Frame Out', 'FPS',
    ...descriptors.map((descriptor) => descriptor.name), ...taskHeaders(taskTypes),
  ];
  const rows = mapRows(streamRows(deps.db, breakdownRowsQuery(filter)), (row): CsvCell[] => [
    project.name, row.episode_name ?? '', row.sequence_name ?? '', row.name, row.description ?? '', timeSpent(row.duration), row.nb_frames,
    dataValue(row.data, 'frame_in'), dataValue(row.data, 'frame_out'), dataValue(row.data, 'fps'),
    ...descriptors.map((descriptor) => metadataCell(row.data, descriptor)), ...taskCells(row, taskTypes),
  ]);
  return { name: `${project.name} shots`, header, rows };
}

/**
 * `export/csv/projects/<id>/assets.csv`: Project;Type;Name;Description;Time Spent; the Asset metadata
 * columns; the task columns. A tv show also gets an Episode column after Type ("MP": main pack), so
 * that the file imports back into the same episodes. Sorted by asset type then name.
 */
export async function exportAssets(deps: Deps, actor: Actor, projectId: string, query: ProjectExportQuery): Promise<CsvExport> {
  const { project, descriptors, taskTypes, filter } = await breakdownColumns(deps, actor, projectId, 'Asset', query);
  const episode = project.is_tv_show;
  const header = [
    'Project', 'Type', ...(episode ? ['Episode'] : []), 'Name', 'Description', 'Time Spent',
    ...descriptors.map((descriptor) => descriptor.name), ...taskHeaders(taskTypes),
  ];
  const rows = mapRows(streamRows(deps.db, breakdownRowsQuery(filter)), (row): CsvCell[] => [
    project.name, row.asset_type_name ?? '', ...(episode ? [row.source_name ?? 'MP'] : []), row.name, row.description ?? '', timeSpent(row.duration),
    ...descriptors.map((descriptor) => metadataCell(row.data, descriptor)), ...taskCells(row, taskTypes),
  ]);
  return { name: `${project.name} assets`, header, rows };
}

function castingMode(query: ProjectExportQuery): { mode: CastingMode; episodeId?: string } {
  if (query.episode_id === 'main') return { mode: 'main-pack' };
  if (query.episode_id === 'all') return { mode: 'episodes' };
  const episodeId = episodeFilter(query.episode_id);
  return { mode: query.is_shot_casting?.toLowerCase() === 'true' ? 'shots' : 'assets', episodeId };
}

/**
 * `export/csv/projects/<id>/casting.csv[?is_shot_casting=true&episode_id=]`: [Episode;]Parent;Name;
 * Asset Type;Asset;Occurences;Label — the casting of shots with `is_shot_casting=true`, of assets
 * otherwise (`episode_id=main`: main pack, `all`: episodes).
 */
export async function exportCasting(deps: Deps, actor: Actor, projectId: string, query: ProjectExportQuery): Promise<CsvExport> {
  const project = await exportedProject(deps, actor, projectId);
  const filter = { projectId, isTvShow: project.is_tv_show, ...castingMode(query) };
  const withEpisode = castingHasEpisodeColumn(filter);
  const header = [...(withEpisode ? ['Episode'] : []), 'Parent', 'Name', 'Asset Type', 'Asset', 'Occurences', 'Label'];
  const rows = mapRows(streamRows(deps.db, castingRowsQuery(filter)), (row): CsvCell[] => [
    ...(withEpisode ? [row.episode ?? ''] : []), row.parent, row.name, row.asset_type, row.asset, row.nb_occurences, row.label,
  ]);
  return { name: `${project.name} casting`, header, rows };
}

/** `export/csv/projects/<id>/tasks.csv`: the studio tasks export narrowed to one project (team members). */
export async function exportProjectTasks(deps: Deps, actor: Actor, projectId: string, query: ProjectExportQuery): Promise<CsvExport> {
  const project = await exportedProject(deps, actor, projectId);
  const filter = { projectId, episodeId: episodeFilter(query.episode_id), assignedTo: assignedFilter(actor, query.assigned_to) };
  const rows = mapRows(streamRows(deps.db, taskRowsQuery(filter)), taskRow);
  return { name: `${project.name} tasks`, header: taskHeader, rows };
}
