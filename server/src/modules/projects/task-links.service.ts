import type { Static } from 'typebox';
import type {
  TaskStatusLink,
  TaskStatusLinkBody,
  TaskTypeLink,
  TaskTypeLinkBody,
} from '../../../../packages/contracts/src/projects.schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requireProjectManager } from '../../platform/auth/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import {
  reorderTaskStatusLinks,
  reorderTaskTypeLinks,
  taskStatusExists,
  taskTypeExists,
  upsertTaskStatusLink,
  upsertTaskTypeLink,
  type TaskStatusLinkRecord,
  type TaskTypeLinkRecord,
} from './task-links.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;
type TaskTypeLinkView = Static<typeof TaskTypeLink>;
type TaskStatusLinkView = Static<typeof TaskStatusLink>;

const presentTypeLink = (link: TaskTypeLinkRecord): TaskTypeLinkView => ({ ...link, type: 'ProjectTaskTypeLink' });
const presentStatusLink = (link: TaskStatusLinkRecord): TaskStatusLinkView => ({
  ...link,
  roles_for_board: Array.isArray(link.roles_for_board) ? link.roles_for_board.map(String) : [],
  type: 'ProjectTaskStatusLink',
});

/**
 * `POST data/task-type-links {project_id, task_type_id, priority}`: manager of the project; creates
 * the link or updates its priority (default 1). 201 with the link; emits `project:update`.
 */
export async function linkTaskType(deps: Deps, actor: Actor, body: TaskTypeLinkBody): Promise<TaskTypeLinkView> {
  const projectId = body.project_id.toLowerCase();
  const taskTypeId = body.task_type_id.toLowerCase();
  await requireProjectManager(deps.db, actor, projectId);
  if (!(await taskTypeExists(deps.db, taskTypeId))) throw errors.badRequest(`TaskType with id ${taskTypeId} not found`);
  const priority = body.priority === undefined ? 1 : body.priority;
  return inTransaction(deps, async (tx, events) => {
    const { link, previous } = await upsertTaskTypeLink(tx, projectId, taskTypeId, priority);
    events.push({ name: 'project:update', data: {}, projectId, actorId: actor.id });
    await recordAudit(tx, {
      actorId: actor.id, action: 'link-task-type', objectType: 'project_task_type_link', objectId: link.id, projectId,
      before: previous === undefined ? null : { priority: previous }, after: link,
    });
    return presentTypeLink(link);
  });
}

/** `POST data/task-status-links {project_id, task_status_id, priority, roles_for_board}`: same for statuses. */
export async function linkTaskStatus(deps: Deps, actor: Actor, body: TaskStatusLinkBody): Promise<TaskStatusLinkView> {
  const projectId = body.project_id.toLowerCase();
  const taskStatusId = body.task_status_id.toLowerCase();
  await requireProjectManager(deps.db, actor, projectId);
  if (!(await taskStatusExists(deps.db, taskStatusId))) throw errors.badRequest(`TaskStatus with id ${taskStatusId} not found`);
  const priority = body.priority === undefined ? 1 : body.priority;
  return inTransaction(deps, async (tx, events) => {
    const { link, previous } = await upsertTaskStatusLink(tx, projectId, taskStatusId, priority, body.roles_for_board ?? undefined);
    events.push({ name: 'project:update', data: {}, projectId, actorId: actor.id });
    await recordAudit(tx, {
      actorId: actor.id, action: 'link-task-status', objectType: 'project_task_status_link', objectId: link.id, projectId,
      before: previous ?? null, after: link,
    });
    return presentStatusLink(link);
  });
}

/** Reads `{<key>: [ids]}`; Zou answers 400 with its own message when the list is missing. */
function idList(body: unknown, key: string): string[] {
  const list = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>)[key] : undefined;
  if (!Array.isArray(list)) throw errors.badRequest(`Request body must be a JSON object with a '${key}' list.`);
  const ids: string[] = [];
  for (const item of list as unknown[]) {
    if (!isUuid(item)) throw errors.badRequest(`Invalid UUID value: ${String(item)}`);
    if (!ids.includes(item.toLowerCase())) ids.push(item.toLowerCase());
  }
  return ids;
}

/**
 * `POST actions/projects/<id>/task-type-links/reorder {task_type_ids}`: priority = position from 1;
 * links not listed keep theirs, ids without a link are skipped. Answers the updated links.
 */
export async function reorderTaskTypes(deps: Deps, actor: Actor, projectId: string, body: unknown): Promise<TaskTypeLinkView[]> {
  await requireProjectManager(deps.db, actor, projectId);
  const ids = idList(body, 'task_type_ids');
  return inTransaction(deps, async (tx, events) => {
    const links = await reorderTaskTypeLinks(tx, projectId, ids);
    events.push({ name: 'project:update', data: {}, projectId, actorId: actor.id });
    await recordAudit(tx, {
      actorId: actor.id, action: 'reorder-task-types', objectType: 'project', objectId: projectId, projectId, after: { task_type_ids: ids },
    });
    return links.map(presentTypeLink);
  });
}

/** `POST actions/projects/<id>/task-status-links/reorder {task_status_ids}`: board roles are kept. */
export async function reorderTaskStatuses(deps: Deps, actor: Actor, projectId: string, body: unknown): Promise<TaskStatusLinkView[]> {
  await requireProjectManager(deps.db, actor, projectId);
  const ids = idList(body, 'task_status_ids');
  return inTransaction(deps, async (tx, events) => {
    const links = await reorderTaskStatusLinks(tx, projectId, ids);
    events.push({ name: 'project:update', data: {}, projectId, actorId: actor.id });
    await recordAudit(tx, {
      actorId: actor.id, action: 'reorder-task-statuses', objectType: 'project', objectId: projectId, projectId, after: { task_status_ids: ids },
    });
    return links.map(presentStatusLink);
  });
}
