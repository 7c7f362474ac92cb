import type { Actor } from '../../platform/auth/actor.ts';
import { requireProjectMember } from '../../platform/auth/permissions.ts';
import type { AuditRecord } from '../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { slugify } from '../exports/csv-format.ts';
import { presentTask } from '../tasks/task.presenter.ts';
import type { TaskRow } from '../../../../packages/contracts/src/tasks.schema.ts';
import { append, RowError, type CsvImporter, type Imported, type ImportJournal } from './csv-import.runner.ts';
import type { CsvRecord } from './csv-reader.ts';
import { integerCell, metadataCells, numberCell, PersonResolver, requiredCell } from './import-cells.ts';
import { findDescriptors, findImportProject, findPeople, hoursByDay, type Descriptor } from './import-lookups.repository.ts';
import {
  findEstimationTargets,
  findTaskType,
  updateEstimations,
  type EstimationPatch,
  type EstimationTarget,
  type EstimationTaskType,
} from './estimations-import.repository.ts';

/**
 * `POST import/csv/projects/<id>[/episodes/<eid>]/task-types/<ttid>/estimations`: for the tasks of one
 * shot or asset task type, Parent (sequence or asset type) and Entity name the task; Estimation in
 * days (stored in minutes with `organisation.hours_by_day`), Drawings, Start date and Due date
 * (YYYY-MM-DD; the due date defaults to start + estimation − 1 business days), Difficulty (1 to 5) and
 * the task type's metadata columns. Allowed to managers of the project and to its supervisors of the
 * task type's department (or without department), as in Zou.
 */

export interface EstimationsInput {
  projectId: string;
  taskTypeId: string;
  episodeId?: string;
}

export async function requireEstimationImporter(db: Executor, actor: Actor, input: EstimationsInput): Promise<void> {
  const access = await requireProjectMember(db, actor, input.projectId);
  const taskType = await findTaskType(db, input.taskTypeId);
  if (!taskType) throw errors.notFound();
  if (access.effectiveRole === 'admin' || access.effectiveRole === 'manager') return;
  const supervisorOfType = access.effectiveRole === 'supervisor'
    && (actor.departmentIds.length === 0 || (taskType.department_id !== null && actor.departmentIds.includes(taskType.department_id)));
  if (!supervisorOfType) throw errors.forbidden();
}

const DATE = /^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/;

function dateCell(record: CsvRecord, column: string): string | undefined {
  const raw = record.get(column)?.trim();
  if (!raw) return undefined;
  const day = DATE.exec(raw)?.[1];
  if (!day || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw new RowError(`${column} must be a date (YYYY-MM-DD), got '${raw}'`);
  return day;
}

/** Zou's add_business_days_to_date: whole days forward, counting Monday to Friday only. */
export function addBusinessDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) left -= 1;
  }
  return date.toISOString().slice(0, 10);
}

interface EstimationRow {
  target: EstimationTarget & { task_id: string };
  patch: EstimationPatch;
}

class EstimationsImporter implements CsvImporter<EstimationRow, TaskRow> {
  readonly requiredColumns = ['Parent', 'Entity'];

  constructor(
    private readonly tx: Tx,
    private readonly events: DomainEvent[],
    private readonly audit: AuditRecord[],
    private readonly actor: Actor,
    private readonly projectId: string,
    private readonly taskType: EstimationTaskType,
    private readonly targets: Map<string, EstimationTarget>,
    private readonly minutesPerDay: number,
    private readonly descriptors: Descriptor[],
    private readonly people: () => PersonResolver,
  ) {}

  parse(record: CsvRecord): EstimationRow {
    const parent = requiredCell(record, 'Parent');
    const entity = requiredCell(record, 'Entity');
    const target = this.targets.get(JSON.stringify([slugify(parent), slugify(entity)]));
    if (!target) throw new RowError(`Entity '${entity}' with parent '${parent}' not found`);
    if (target.task_id === null) throw new RowError(`'${parent} / ${entity}' has no ${this.taskType.name} task`);
    const patch: EstimationPatch = { id: target.task_id };
    const days = numberCell(record, 'Estimation');
    if (days !== undefined) patch.estimation = Math.round(days * this.minutesPerDay);
    const drawings = integerCell(record, ['Drawings'], 'Drawings');
    if (drawings !== undefined) patch.nb_drawings = drawings;
    patch.start_date = dateCell(record, 'Start date');
    patch.due_date = dateCell(record, 'Due date');
    if (patch.due_date === undefined && patch.start_date !== undefined && days !== undefined && days > 0) {
      patch.due_date = addBusinessDays(patch.start_date, days - 1);
    }
    const difficulty = integerCell(record, ['Difficulty'], 'Difficulty');
    if (difficulty !== undefined && (difficulty < 1 || difficulty > 5)) throw new RowError(`Difficulty must be between 1 and 5, got ${difficulty}`);
    if (difficulty !== undefined) patch.difficulty = difficulty;
    const metadata = metadataCells(record, this.descriptors, this.people);
    if (Object.keys(metadata).length > 0) {
      const current = target.task_data && typeof target.task_data === 'object' && !Array.isArray(target.task_data) ? target.task_data : {};
      patch.data = { ...current, ...metadata };
    }
    return { target: { ...target, task_id: target.task_id }, patch };
  }

  key(row: EstimationRow): string {
    return row.target.task_id;
  }

  async apply(rows: EstimationRow[]): Promise<Array<Imported<TaskRow>>> {
    const { tx, actor, projectId } = this;
    const tasks = new Map((await updateEstimations(tx, rows.map((row) => row.patch))).map((task) => [task.id, task]));
    append(this.events, [...tasks.keys()].map((taskId) => ({ name: 'task:update', data: { task_id: taskId }, projectId, actorId: actor.id })));
    append(this.audit, rows.map((row) => ({
      actorId: actor.id, action: 'update', objectType: 'task', objectId: row.target.task_id, projectId, after: { ...row.patch, source: 'csv-import' },
    })));
    return rows.map((row) => {
      const task = tasks.get(row.target.task_id);
      if (!task) throw new RowError('The task was deleted during the import', row);
      return { result: presentTask(task), action: 'updated' as const };
    });
  }
}

export async function estimationsImporter(tx: Tx, journal: ImportJournal, actor: Actor, input: EstimationsInput): Promise<EstimationsImporter> {
  const project = await findImportProject(tx, input.projectId);
  const taskType = await findTaskType(tx, input.taskTypeId);
  if (!project || !taskType) throw errors.notFound();
  if (taskType.for_entity !== 'Shot' && taskType.for_entity !== 'Asset') {
    throw errors.badRequest('Estimations are imported for shot and asset task types only.');
  }
  const targets = new Map<string, EstimationTarget>();
  for (const target of await findEstimationTargets(tx, input.projectId, taskType, input.episodeId)) {
    const key = JSON.stringify([slugify(target.parent), slugify(target.name)]);
    if (!targets.has(key)) targets.set(key, target);
  }
  const descriptors = (await Promise.all([findDescriptors(tx, input.projectId, 'Task', taskType.id), findDescriptors(tx, input.projectId, taskType.for_entity, taskType.id)])).flat();
  const people = await findPeople(tx);
  let resolver: PersonResolver | undefined;
  const minutesPerDay = (await hoursByDay(tx)) * 60;
  return new EstimationsImporter(tx, journal.events, journal.audit, actor, input.projectId, taskType, targets, minutesPerDay, descriptors, () => (resolver ??= new PersonResolver(people)));
}
