import type { Selectable } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { projectAccess } from '../../platform/auth/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { SearchFilter, SearchFilterGroup } from '../../platform/db/schema.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { isUuid, uuidOr404 } from '../../platform/http/uuid.ts';
import type {
  CreateSearchFilterBody, CreateSearchFilterGroupBody, SearchFilterGroupRow, SearchFilterRow, UpdateSearchFilterBody, UpdateSearchFilterGroupBody,
} from '../../../../packages/contracts/src/search-filters.schema.ts';
import * as repo from './search-filters.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;
type Grouped<T> = Record<string, Record<string, T[]>>;

const SAME_SHARING = 'A search filter should have the same value for is_shared than its search filter group.';
const presentFilter = (row: Selectable<SearchFilter>): SearchFilterRow => ({ ...row, type: 'SearchFilter' });
const presentGroup = (row: Selectable<SearchFilterGroup>): SearchFilterGroupRow => ({ ...row, type: 'SearchFilterGroup' });

function bodyId(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (!isUuid(value)) throw errors.badRequest(`Invalid UUID format for ${field}: ${value}`);
  return value.toLowerCase();
}

/** Sharing is a production manager's privilege (`has_manager_project_access`); a list without a production is never shared. */
async function mayShareIn(db: Executor, actor: Actor, projectId: string | null): Promise<boolean> {
  if (projectId === null) return false;
  const access = await projectAccess(db, actor, projectId);
  return access.projectExists && access.isMember && (access.effectiveRole === 'admin' || access.effectiveRole === 'manager');
}

async function checkDepartment(db: Executor, departmentId: string | null): Promise<void> {
  if (departmentId !== null && !(await repo.departmentExists(db, departmentId))) throw errors.badRequest(`No department found with id: ${departmentId}`);
}

/** Zou's visibility: a department's list is shown to that department's members and to managers. */
function shownTo(actor: Actor, departmentId: string | null): boolean {
  return departmentId === null || actor.role === 'admin' || actor.role === 'manager' || actor.departmentIds.includes(departmentId);
}

function groupByListAndProject<T extends { list_type: string; project_id: string | null; department_id: string | null }>(
  actor: Actor, rows: T[], keepEmptyLists: boolean,
): Grouped<T> {
  const result: Grouped<T> = {};
  for (const row of rows) {
    if (keepEmptyLists) result[row.list_type] ??= {};
    if (!shownTo(actor, row.department_id)) continue;
    ((result[row.list_type] ??= {})[row.project_id ?? 'all'] ??= []).push(row);
  }
  return result;
}

/** `GET data/user/filters`: the caller's and the shared filters, by list type then production ("all" for none). */
export async function listFilters(deps: Deps, actor: Actor): Promise<Grouped<SearchFilterRow>> {
  return groupByListAndProject(actor, (await repo.visibleFilters(deps.db, actor.id)).map(presentFilter), false);
}

/** `GET data/user/filter-groups`: likewise for filter groups, newest first. */
export async function listFilterGroups(deps: Deps, actor: Actor): Promise<Grouped<SearchFilterGroupRow>> {
  return groupByListAndProject(actor, (await repo.visibleGroups(deps.db, actor.id)).map(presentGroup), true);
}

async function audit(tx: Tx, actor: Actor, action: string, objectType: string, objectId: string, change: { before?: unknown; after?: unknown }) {
  await recordAudit(tx, { actorId: actor.id, action, objectType, objectId, ...change });
}

/** `POST data/user/filters`: a filter of the caller's; shared only when asked by a manager of its production. */
export async function createFilter(deps: Deps, actor: Actor, body: CreateSearchFilterBody): Promise<SearchFilterRow> {
  const projectId = bodyId('project_id', body.project_id);
  const groupId = bodyId('search_filter_group_id', body.search_filter_group_id);
  const departmentId = bodyId('department_id', body.department_id);
  const isShared = body.is_shared === true && (await mayShareIn(deps.db, actor, projectId));
  if (groupId !== null) {
    const group = await repo.findGroup(deps.db, groupId);
    if (!group) throw errors.notFound();
    if (group.is_shared !== isShared) throw errors.badRequest(SAME_SHARING);
  }
  await checkDepartment(deps.db, departmentId);
  return inTransaction(deps, async (tx) => {
    const row = await repo.insertFilter(tx, {
      list_type: body.list_type ?? 'todo', name: body.name, search_query: body.query, project_id: projectId, entity_type: body.entity_type ?? null,
      is_shared: isShared, search_filter_group_id: groupId, department_id: departmentId, person_id: actor.id,
    });
    await audit(tx, actor, 'create', 'search_filter', row.id, { after: presentFilter(row) });
    return presentFilter(row);
  });
}

/**
 * `PUT data/user/filters/<id>`: the caller's filter (an admin: anyone's), else 404. A sharing change the
 * caller may not make is silently turned off, as Zou does; the filter must share as its group does.
 */
export async function updateFilter(deps: Deps, actor: Actor, id: string, body: UpdateSearchFilterBody): Promise<SearchFilterRow> {
  const filterId = uuidOr404(id);
  const changes: Partial<Selectable<SearchFilter>> = {};
  if (typeof body.name === 'string') changes.name = body.name;
  if (typeof body.search_query === 'string') changes.search_query = body.search_query;
  if (typeof body.project_id === 'string') changes.project_id = bodyId('project_id', body.project_id);
  if (typeof body.department_id === 'string') changes.department_id = bodyId('department_id', body.department_id);
  if ('search_filter_group_id' in body) changes.search_filter_group_id = bodyId('search_filter_group_id', body.search_filter_group_id);
  if (typeof body.is_shared === 'boolean') changes.is_shared = body.is_shared;
  await checkDepartment(deps.db, changes.department_id ?? null);
  return inTransaction(deps, async (tx) => {
    const current = await repo.lockFilter(tx, filterId, actor.id, actor.role === 'admin');
    if (!current) throw errors.notFound();
    if (changes.is_shared !== undefined && changes.is_shared !== current.is_shared && !(await mayShareIn(tx, actor, changes.project_id ?? null))) {
      changes.is_shared = false;
    }
    const groupId = changes.search_filter_group_id !== undefined ? changes.search_filter_group_id : current.search_filter_group_id;
    if (groupId !== null) {
      const group = await repo.findGroup(tx, groupId);
      if (!group) throw errors.notFound();
      if ((changes.is_shared ?? current.is_shared) !== group.is_shared) throw errors.badRequest(SAME_SHARING);
    }
    const row = await repo.updateFilter(tx, filterId, changes);
    await audit(tx, actor, 'update', 'search_filter', filterId, { before: presentFilter(current), after: presentFilter(row) });
    return presentFilter(row);
  });
}

/** `DELETE data/user/filters/<id>`: the caller's filter (an admin: anyone's), else 404. */
export async function deleteFilter(deps: Deps, actor: Actor, id: string): Promise<void> {
  const filterId = uuidOr404(id);
  await inTransaction(deps, async (tx) => {
    const current = await repo.lockFilter(tx, filterId, actor.id, actor.role === 'admin');
    if (!current) throw errors.notFound();
    await repo.deleteRow(tx, 'search_filter', filterId);
    await audit(tx, actor, 'delete', 'search_filter', filterId, { before: presentFilter(current) });
  });
}

/** `POST data/user/filter-groups`: a group of the caller's; shared only when asked by a manager of its production. */
export async function createFilterGroup(deps: Deps, actor: Actor, body: CreateSearchFilterGroupBody): Promise<SearchFilterGroupRow> {
  const projectId = bodyId('project_id', body.project_id);
  const departmentId = bodyId('department_id', body.department_id);
  const isShared = body.is_shared === true && (await mayShareIn(deps.db, actor, projectId));
  await checkDepartment(deps.db, departmentId);
  return inTransaction(deps, async (tx) => {
    const row = await repo.insertGroup(tx, {
      list_type: body.list_type ?? 'todo', name: body.name, color: body.color ?? '', project_id: projectId, entity_type: body.entity_type ?? null,
      is_shared: isShared, department_id: departmentId, person_id: actor.id,
    });
    await audit(tx, actor, 'create', 'search_filter_group', row.id, { after: presentGroup(row) });
    return presentGroup(row);
  });
}

/** `GET data/user/filter-groups/<id>`: the caller's group (an admin: anyone's), else 404. */
export async function getFilterGroup(deps: Deps, actor: Actor, id: string): Promise<SearchFilterGroupRow> {
  const group = await repo.findGroup(deps.db, uuidOr404(id));
  if (!group || (group.person_id !== actor.id && actor.role !== 'admin')) throw errors.notFound();
  return presentGroup(group);
}

/** `PUT data/user/filter-groups/<id>`: as a filter; its filters then share as the group does. */
export async function updateFilterGroup(deps: Deps, actor: Actor, id: string, body: UpdateSearchFilterGroupBody): Promise<SearchFilterGroupRow> {
  const groupId = uuidOr404(id);
  const changes: Partial<Selectable<SearchFilterGroup>> = {};
  if (typeof body.name === 'string') changes.name = body.name;
  if (typeof body.color === 'string') changes.color = body.color;
  if (typeof body.project_id === 'string') changes.project_id = bodyId('project_id', body.project_id);
  if (typeof body.department_id === 'string') changes.department_id = bodyId('department_id', body.department_id);
  if (typeof body.is_shared === 'boolean') changes.is_shared = body.is_shared;
  await checkDepartment(deps.db, changes.department_id ?? null);
  return inTransaction(deps, async (tx) => {
    const current = await repo.lockGroup(tx, groupId, actor.id, actor.role === 'admin');
    if (!current) throw errors.notFound();
    if (changes.is_shared !== undefined && changes.is_shared !== current.is_shared && !(await mayShareIn(tx, actor, changes.project_id ?? null))) {
      changes.is_shared = false;
    }
    const row = await repo.updateGroup(tx, groupId, changes);
    if (changes.is_shared !== undefined) await repo.shareGroupFilters(tx, groupId, row.is_shared);
    await audit(tx, actor, 'update', 'search_filter_group', groupId, { before: presentGroup(current), after: presentGroup(row) });
    return presentGroup(row);
  });
}

/** `DELETE data/user/filter-groups/<id>`: the caller's group (an admin: anyone's) and its filters, else 404. */
export async function deleteFilterGroup(deps: Deps, actor: Actor, id: string): Promise<void> {
  const groupId = uuidOr404(id);
  await inTransaction(deps, async (tx) => {
    const current = await repo.lockGroup(tx, groupId, actor.id, actor.role === 'admin');
    if (!current) throw errors.notFound();
    await repo.deleteRow(tx, 'search_filter_group', groupId);
    await audit(tx, actor, 'delete', 'search_filter_group', groupId, { before: presentGroup(current) });
  });
}
