import type { Selectable } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { requireEntityAccess, requireProjectManager, requireProjectMember } from '../../platform/auth/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Task, TaskStatus, TaskType } from '../../platform/db/schema.ts';
import { errors } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { CreatedTaskRow } from '../../../../packages/contracts/src/tasks.schema.ts';
import { entityKindOf, type EntityKind } from '../breakdown/entity-kind.ts';
import { presentTask } from './task.presenter.ts';
import { findDefaultStatus } from './task.repository.ts';
import {
  findAssetTypeIdByName,
  findEntitiesForTasks,
  findProjectEntitiesOfKind,
  findProjectTaskTypeIds,
  findTaskTypes,
  findWorkflowTaskTypeIds,
  insertTasksSkippingExisting,
  type EntityForTasks,
} from './task-create.repository.ts';
import { isUuid, uuidOr404 } from '../../platform/http/uuid.ts';

function presentCreated(task: Selectable<Task>, status: Selectable<TaskStatus>, taskType: Selectable<TaskType>): CreatedTaskRow {
  return {
    ...presentTask(task),
    assignees: [],
    task_status_name: status.name,
    task_status_short_name: status.short_name,
    task_status_color: status.color,
    task_type_name: taskType.name,
    task_type_color: taskType.color,
    task_type_priority: taskType.priority,
  };
}

function pushTaskNew(actor: Actor, tasks: Array<Selectable<Task>>, events: DomainEvent[]) {
  for (const task of tasks) {
    events.push({ name: 'task:new', data: { task_id: task.id }, projectId: task.project_id, actorId: actor.id });
  }
}

async function auditCreated(tx: Tx, actor: Actor, tasks: Array<Selectable<Task>>) {
  await recordAudit(
    tx,
    tasks.map((task) => ({ actorId: actor.id, action: 'create', objectType: 'task', objectId: task.id, projectId: task.project_id, after: task })),
  );
}

/**
 * `POST data/entities/<id>/tasks {task_type_ids}` (Gazu `create_entity_tasks`, §8.9): every given task
 * type must match the entity kind, be enabled in the project and be in the asset type's workflow; an
 * empty list means all such task types. Existing tasks are skipped; 201 with the new ones.
 */
export async function createEntityTasks(
  actor: Actor,
  input: { entityId: string; taskTypeIds: string[] },
  tx: Tx,
  events: DomainEvent[],
): Promise<CreatedTaskRow[]> {
  const [entity] = await findEntitiesForTasks(tx, [uuidOr404(input.entityId)]);
  if (!entity) throw errors.notFound();
  const access = await requireProjectMember(tx, actor, entity.project_id);
  await requireEntityAccess(tx, actor, entity.id, access.effectiveRole);
  if (access.effectiveRole === 'vendor' || access.effectiveRole === 'client') throw errors.forbidden();

  const kind = entityKindOf(entity.entity_type_name);
  const enabled = await findProjectTaskTypeIds(tx, entity.project_id);
  const workflow = kind === 'Asset' ? await findWorkflowTaskTypeIds(tx, entity.entity_type_id) : new Set<string>();
  const inWorkflow = (id: string) => workflow.size === 0 || workflow.has(id);

  let taskTypes: Array<Selectable<TaskType>>;
  const requested = [...new Set(input.taskTypeIds.map((id) => id.toLowerCase()))];
  if (requested.length === 0) {
    const candidates = [...enabled].filter(inWorkflow);
    taskTypes = (await findTaskTypes(tx, candidates)).filter((taskType) => taskType.for_entity === kind);
  } else {
    if (!requested.every(isUuid)) throw errors.notFound();
    taskTypes = await findTaskTypes(tx, requested);
    if (taskTypes.length !== requested.length) throw errors.notFound();
    for (const taskType of taskTypes) {
      if (taskType.for_entity !== kind) {
        throw errors.badRequest(`Task type ${taskType.id} is for ${taskType.for_entity} entities, got ${kind}.`);
      }
      if (!enabled.has(taskType.id)) throw errors.badRequest(`Task type ${taskType.id} is not enabled in project ${entity.project_id}.`);
      if (!inWorkflow(taskType.id)) {
        throw errors.badRequest(`Task type ${taskType.id} is not in the workflow of asset type ${entity.entity_type_id}.`);
      }
    }
  }
  taskTypes.sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0) || a.name.localeCompare(b.name));

  const status = await findDefaultStatus(tx, kind === 'Concept', entity.project_id);
  const created = await insertTasksSkippingExisting(
    tx,
    taskTypes.map((taskType) => ({ project_id: entity.project_id, task_type_id: taskType.id, task_status_id: status.id, entity_id: entity.id })),
    actor.id,
  );
  await auditCreated(tx, actor, created);
  pushTaskNew(actor, created, events);
  const typeById = new Map(taskTypes.map((taskType) => [taskType.id, taskType]));
  return created.flatMap((task) => {
    const taskType = typeById.get(task.task_type_id);
    return taskType ? [presentCreated(task, status, taskType)] : [];
  });
}

export type BulkKind = Extract<EntityKind, 'Shot' | 'Asset' | 'Edit' | 'Concept' | 'Sequence' | 'Episode'>;

export interface ProjectBulkInput {
  projectId: string;
  taskTypeId: string;
  kind: BulkKind;
  /** Explicit entities (JSON id array body); empty or absent means every entity matching the filters. */
  entityIds?: string[];
  filters: { sequenceId?: string; episodeId?: string; entityTypeId?: string };
}

/**
 * `POST actions/projects/<pid>/task-types/<ttid>/<shots|assets|edits|concepts>/create-tasks`: one task of
 * the type per entity, in one statement, existing ones skipped (idempotent). 201 with the new tasks.
 */
export async function createProjectTasks(actor: Actor, input: ProjectBulkInput, tx: Tx, events: DomainEvent[]): Promise<CreatedTaskRow[]> {
  const projectId = uuidOr404(input.projectId);
  if (input.kind === 'Concept') {
    const access = await requireProjectMember(tx, actor, projectId);
    if (access.effectiveRole === 'vendor' || access.effectiveRole === 'client') throw errors.forbidden();
  } else {
    await requireProjectManager(tx, actor, projectId);
  }
  const [taskType] = await findTaskTypes(tx, [uuidOr404(input.taskTypeId)]);
  if (!taskType) throw errors.notFound();
  if (taskType.for_entity !== input.kind) throw errors.badRequest('Task type of the task does not match entity type.');

  let entities: EntityForTasks[];
  if (input.entityIds && input.entityIds.length > 0) {
    if (!input.entityIds.every(isUuid)) throw errors.notFound();
    entities = await findEntitiesForTasks(tx, input.entityIds);
    const ofKind = entities.filter((entity) => entityKindOf(entity.entity_type_name) === input.kind);
    if (ofKind.length !== new Set(input.entityIds.map((id) => id.toLowerCase())).size) throw errors.notFound();
    // Entities of another project are silently left out, as Zou does.
    entities = ofKind.filter((entity) => entity.project_id === projectId);
  } else {
    const optionalId = (value: string | undefined) => (value ? uuidOr404(value) : undefined);
    entities = await findProjectEntitiesOfKind(tx, {
      projectId,
      kind: input.kind,
      sequenceId: optionalId(input.filters.sequenceId),
      episodeId: optionalId(input.filters.episodeId),
      entityTypeId: optionalId(input.filters.entityTypeId),
    });
  }

  const status = await findDefaultStatus(tx, input.kind === 'Concept', projectId);
  const created = await insertTasksSkippingExisting(
    tx,
    entities.map((entity) => ({ project_id: projectId, task_type_id: taskType.id, task_status_id: status.id, entity_id: entity.id })),
    actor.id,
  );
  await auditCreated(tx, actor, created);
  pushTaskNew(actor, created, events);
  return created.map((task) => presentCreated(task, status, taskType));
}

const BY_ENTITY_TYPE: Record<string, BulkKind> = { Shot: 'Shot', Sequence: 'Sequence', Episode: 'Episode', Edit: 'Edit', Concept: 'Concept' };

/**
 * `POST actions/projects/<pid>/task-types/<ttid>/create-tasks/<entity_type>` (the Kitsu web client's
 * task creation for episodes and sequences): the entity type is named in the path, any case (Zou
 * capitalises it): a temporal kind, or an asset type by name (its assets only); 404 for no such type.
 * Then as the per-kind routes: manager of the project, one task per entity, existing ones skipped.
 */
export async function createTasksForEntityType(
  actor: Actor,
  input: Omit<ProjectBulkInput, 'kind'> & { entityType: string },
  tx: Tx,
  events: DomainEvent[],
): Promise<CreatedTaskRow[]> {
  const name = input.entityType.charAt(0).toUpperCase() + input.entityType.slice(1);
  const kind = BY_ENTITY_TYPE[name];
  if (kind) return createProjectTasks(actor, { ...input, kind }, tx, events);
  const assetTypeId = await findAssetTypeIdByName(tx, name);
  if (!assetTypeId) throw errors.notFound();
  return createProjectTasks(actor, { ...input, kind: 'Asset', filters: { ...input.filters, entityTypeId: assetTypeId } }, tx, events);
}
