import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import { defaultStatusesOf } from '../task-statuses/task-statuses.repository.ts';
import { PersonResolver, StatusResolver } from './import-cells.ts';
import type { AuditRecord } from '../../platform/audit/audit.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import {
  addNamedTaskTypes,
  findDescriptors,
  findImportProject,
  findPeople,
  findProjectTaskTypes,
  findUsableStatuses,
  type Descriptor,
  type ImportPerson,
  type ImportProject,
  type ImportTaskType,
} from './import-lookups.repository.ts';

/** What a shots or assets import resolves its cells against, loaded once at the start of the import. */
export interface BreakdownContext {
  project: ImportProject;
  descriptors: Descriptor[];
  /** The `data` keys of boolean descriptors (compared as the export writes them). */
  booleanFields: ReadonlySet<string>;
  /** The project's task types for the kind (shot task types, or asset task types). */
  taskTypes: ImportTaskType[];
  statuses: StatusResolver;
  /** People by id, full name or email; the lookup table is built on first use. */
  people: () => PersonResolver;
  defaultStatusId: string;
  shotTypeId: string;
}

export async function loadBreakdownContext(tx: Tx, projectId: string, kind: 'Shot' | 'Asset'): Promise<BreakdownContext> {
  const project = await findImportProject(tx, projectId);
  if (!project) throw errors.notFound();
  const [descriptors, taskTypes, statuses, defaults, people, shotType] = await Promise.all([
    findDescriptors(tx, projectId, kind),
    findProjectTaskTypes(tx, projectId, kind),
    findUsableStatuses(tx, projectId),
    defaultStatusesOf(tx, [projectId]),
    findPeople(tx),
    sql<{ id: string }>`SELECT id FROM entity_type WHERE name = 'Shot'`.execute(tx),
  ]);
  const defaultStatus = defaults.get(projectId);
  const shotTypeId = shotType.rows[0]?.id;
  if (!defaultStatus || !shotTypeId) throw new Error('Reference data is missing (default task status or Shot entity type)');
  let resolver: PersonResolver | undefined;
  const everyone: ImportPerson[] = people;
  return {
    project, descriptors, taskTypes, statuses: new StatusResolver(statuses), defaultStatusId: defaultStatus.id, shotTypeId,
    booleanFields: new Set(descriptors.filter((descriptor) => descriptor.data_type === 'boolean').map((descriptor) => descriptor.field_name)),
    people: () => (resolver ??= new PersonResolver(everyone)),
  };
}

/**
 * A status column naming a studio task type of the kind that the production does not use yet adds
 * that task type to the production (as its settings page would), so that the rows get those tasks: a
 * file imported into a new production is not silently reduced to its names. Unknown columns stay
 * ignored, as Zou ignores them.
 */
export async function adoptColumnTaskTypes(
  tx: Tx, ctx: BreakdownContext, kind: 'Shot' | 'Asset', columns: string[],
  journal: { events: DomainEvent[]; audit: AuditRecord[] }, actorId: string,
): Promise<void> {
  const used = new Set(ctx.taskTypes.map((type) => type.name.toLowerCase()));
  const added = await addNamedTaskTypes(tx, ctx.project.id, kind, columns.filter((column) => !used.has(column.toLowerCase())));
  if (added.length === 0) return;
  ctx.taskTypes.push(...added);
  journal.events.push({ name: 'project:update', data: { project_id: ctx.project.id }, projectId: ctx.project.id, actorId });
  for (const type of added) {
    journal.audit.push({ actorId, action: 'add-task-type', objectType: 'project', objectId: ctx.project.id, projectId: ctx.project.id, after: { task_type_id: type.id, source: 'csv-import' } });
  }
}
