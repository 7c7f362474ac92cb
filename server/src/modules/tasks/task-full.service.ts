import type { Selectable } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { requireEntityAccess, requireProjectMember } from '../../platform/auth/permissions.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { Task, TaskStatus, TaskType } from '../../platform/db/schema.ts';
import { errors } from '../../platform/errors/index.ts';
import type { FullTask } from '../../../../packages/contracts/src/tasks.schema.ts';
import { entityKindOf } from '../breakdown/entity-kind.ts';
import { presentEntity, presentEntityType, type AssetTypeRecord, type EntityRecord } from '../breakdown/entity.presenter.ts';
import { presentPerson, presentPersonMinimal } from '../persons/person.presenter.ts';
import { findFullTask } from './task-full.repository.ts';
import { isProjectManager } from './task.policy.ts';
import { presentProject, type ProjectRecord } from '../projects/project.presenter.ts';
import { presentTask, presentTaskStatus, presentTaskType } from './task.presenter.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';

const JSON_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+$/;

/** Rows read as JSON carry microseconds: bring their top-level times to Zou's `YYYY-MM-DDTHH:MM:SS`. */
function rowOf<T>(json: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    out[key] = typeof value === 'string' && JSON_TIMESTAMP.test(value) ? value.slice(0, 19) : value;
  }
  return out as T;
}

/** `GET data/tasks/<id>/full` (Gazu `get_task`): team member, vendors only on their entities. */
export async function getFullTask(actor: Actor, input: { taskId: string }, db: Executor): Promise<FullTask> {
  const row = await findFullTask(db, uuidOr404(input.taskId), actor.id);
  if (!row) throw errors.notFound();
  const task = rowOf<Selectable<Task>>(row.task);
  const access = await requireProjectMember(db, actor, task.project_id);
  await requireEntityAccess(db, actor, task.entity_id, access.effectiveRole);

  const showPerson = isProjectManager(access) ? presentPerson : presentPersonMinimal;
  const person = (json: Record<string, unknown>) => {
    const personRow = rowOf<Record<string, unknown>>(json);
    return showPerson(personRow, personRow.departments as string[]);
  };
  const entityType = rowOf<AssetTypeRecord>(row.entity_type);
  const entityKind = entityKindOf(entityType.name);
  const entity = presentEntity(rowOf<EntityRecord>(row.entity), entityKind);
  const parent = row.parent ? presentEntity(rowOf<EntityRecord>(row.parent), entityKindOf(row.parent_type_name ?? '')) : null;
  const grandparent = row.grandparent ? presentEntity(rowOf<EntityRecord>(row.grandparent), 'Episode') : null;

  const full: FullTask = {
    ...presentTask(task, row.assignee_ids),
    entity,
    entity_type: presentEntityType(entityType),
    project: presentProject(rowOf<ProjectRecord>(row.project)),
    task_status: presentTaskStatus(rowOf<Selectable<TaskStatus>>(row.task_status)),
    task_type: presentTaskType(rowOf<Selectable<TaskType>>(row.task_type)),
    persons: row.persons.map(person),
    assignees: row.assignee_ids,
    is_subscribed: row.is_subscribed,
  };
  if (row.assigner) full.assigner = person(row.assigner);
  // Shots and scenes show their sequence and episode; a sequence is its own sequence. Assets have neither.
  if (entityKind === 'Sequence') {
    full.sequence = entity;
    if (parent) full.episode = parent;
  } else if ((entityKind === 'Shot' || entityKind === 'Scene') && parent) {
    full.sequence = parent;
    if (grandparent) full.episode = grandparent;
  }
  return full;
}
