import type { Actor } from '../../platform/auth/actor.ts';
import { requireEntityAccess, requireProjectMember, type ProjectAccess } from '../../platform/auth/permissions.ts';
import type { Executor } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { EntityTaskRow, TaskRow, TaskTypeRow } from '../../../../packages/contracts/src/tasks.schema.ts';
import { entityKindOf, type EntityKind } from '../breakdown/entity-kind.ts';
import { presentTask, presentTaskType } from './task.presenter.ts';
import {
  countProjectTasks,
  findDetailedTasks,
  findEntityRef,
  findProjectTasks,
  findTaskTypesWithTasks,
  findTasksForEntityAndType,
  type EntityRef,
  type TaskScope,
} from './task-lookup.repository.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';

/** Task lookups of §4.6: team members read, vendors only see the tasks they are assigned to. */

async function requireEntity(db: Executor, actor: Actor, entityId: string, kind?: EntityKind): Promise<{ entity: EntityRef; access: ProjectAccess }> {
  const entity = await findEntityRef(db, uuidOr404(entityId));
  // Typed routes (data/shots/<id>...) answer 404 for an entity of another kind, like Zou's typed getters.
  if (!entity || (kind && entityKindOf(entity.entity_type_name) !== kind)) throw errors.notFound();
  const access = await requireProjectMember(db, actor, entity.project_id);
  await requireEntityAccess(db, actor, entity.id, access.effectiveRole);
  return { entity, access };
}

const vendorScope = (actor: Actor, access: ProjectAccess) => (access.effectiveRole === 'vendor' ? actor.id : undefined);

async function detailedTasks(db: Executor, scope: TaskScope, relations: boolean, onlyAssignedTo?: string): Promise<EntityTaskRow[]> {
  const rows = await findDetailedTasks(db, scope, { relations, onlyAssignedTo });
  return rows.map((row) => ({
    ...presentTask(row, 'assignees' in row ? (row.assignees as string[]) : undefined),
    project_name: row.project_name,
    task_type_name: row.task_type_name,
    task_status_name: row.task_status_name,
    entity_type_name: row.entity_type_name,
    entity_name: row.entity_name,
  }));
}

/** `data/<shots|assets|sequences|episodes|scenes|edits|concepts>/<id>/tasks?relations`. */
export async function listEntityTasks(actor: Actor, input: { kind: EntityKind; entityId: string; relations: boolean }, db: Executor) {
  const { entity, access } = await requireEntity(db, actor, input.entityId, input.kind);
  return detailedTasks(db, { kind: 'entity', entityId: entity.id }, input.relations, vendorScope(actor, access));
}

/** `data/sequences/<id>/shot-tasks`, `data/episodes/<id>/shot-tasks`, `data/episodes/<id>/asset-tasks` (not for vendors). */
export async function listChildTasks(
  actor: Actor,
  input: { scope: 'shots-of-sequence' | 'shots-of-episode' | 'assets-of-episode'; parentId: string; relations: boolean },
  db: Executor,
) {
  const kind = input.scope === 'shots-of-sequence' ? 'Sequence' : 'Episode';
  const { entity, access } = await requireEntity(db, actor, input.parentId, kind);
  if (access.effectiveRole === 'vendor') throw errors.forbidden();
  const scope: TaskScope =
    input.scope === 'shots-of-sequence'
      ? { kind: input.scope, sequenceId: entity.id }
      : { kind: input.scope, episodeId: entity.id };
  return detailedTasks(db, scope, input.relations);
}

/** `data/<shots|assets|sequences|episodes|...>/<id>/task-types`: task types that have a task there. */
export async function listTaskTypesWithTasks(actor: Actor, input: { kind: EntityKind; entityId: string }, db: Executor): Promise<TaskTypeRow[]> {
  const { entity } = await requireEntity(db, actor, input.entityId, input.kind);
  const scope =
    input.kind === 'Sequence'
      ? ({ kind: 'sequence', sequenceId: entity.id } as const)
      : input.kind === 'Episode'
        ? ({ kind: 'episode', episodeId: entity.id } as const)
        : ({ kind: 'entity', entityId: entity.id } as const);
  const rows = await findTaskTypesWithTasks(db, scope);
  return rows.map(presentTaskType);
}

/** `data/entities/<id>/task-types/<task_type_id>/tasks`. */
export async function listTasksForEntityAndType(actor: Actor, input: { entityId: string; taskTypeId: string }, db: Executor): Promise<TaskRow[]> {
  const { entity, access } = await requireEntity(db, actor, input.entityId);
  const rows = await findTasksForEntityAndType(db, entity.id, uuidOr404(input.taskTypeId), vendorScope(actor, access));
  return rows.map((row) => presentTask(row));
}

function integerParam(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw errors.badRequest(`${name} must be an integer.`);
  return Number.parseInt(raw, 10);
}

const DEFAULT_PAGE_SIZE = 100;

/** `data/projects/<id>/tasks?task_type_id&episode_id[&page&limit]`: a bare array, or a page object (§8.4). */
export async function listProjectTasks(
  actor: Actor,
  input: { projectId: string; taskTypeId?: string; episodeId?: string; page?: string; limit?: string },
  db: Executor,
) {
  const projectId = uuidOr404(input.projectId);
  const access = await requireProjectMember(db, actor, projectId);
  const filter = {
    projectId,
    taskTypeId: input.taskTypeId ? uuidOr404(input.taskTypeId) : undefined,
    episodeId: input.episodeId ? uuidOr404(input.episodeId) : undefined,
    onlyAssignedTo: vendorScope(actor, access),
  };
  const page = integerParam('page', input.page, -1);
  const present = (rows: Awaited<ReturnType<typeof findProjectTasks>>) => rows.map((row) => presentTask(row, row.assignees));
  if (page < 1) return present(await findProjectTasks(db, filter));

  const limit = Math.max(1, integerParam('limit', input.limit, 0) || DEFAULT_PAGE_SIZE);
  const offset = (page - 1) * limit;
  const total = await countProjectTasks(db, filter);
  const nbPages = Math.ceil(total / limit);
  if (total < offset) return { data: [], total: 0, nb_pages: nbPages, limit, offset, page };
  const data = present(await findProjectTasks(db, filter, { limit, offset }));
  return { data, total, nb_pages: nbPages, limit, offset, page };
}
