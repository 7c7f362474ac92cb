import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { SearchFilter, SearchFilterGroup } from '../../platform/db/schema.ts';

type Table = 'search_filter' | 'search_filter_group';

/** Open projects only; rows without a project are everyone's lists. */
const inOpenProjectOrNone = (alias: string) => sql<boolean>`(${sql.ref(`${alias}.project_id`)} IS NULL OR EXISTS (
  SELECT 1 FROM project p JOIN project_status ps ON ps.id = p.project_status_id AND ps.name = 'Open' WHERE p.id = ${sql.ref(`${alias}.project_id`)}))`;

/** The person's own filters and every shared one, of open projects or of none. */
export function visibleFilters(db: Executor, personId: string) {
  return db.selectFrom('search_filter as f').selectAll('f')
    .where((eb) => eb.or([eb('f.person_id', '=', personId), eb('f.is_shared', '=', true)]))
    .where(inOpenProjectOrNone('f'))
    .orderBy('f.created_at').execute();
}

/** The person's own filter groups and every shared one, newest first (Zou's order). */
export function visibleGroups(db: Executor, personId: string) {
  return db.selectFrom('search_filter_group as g').selectAll('g')
    .where((eb) => eb.or([eb('g.person_id', '=', personId), eb('g.is_shared', '=', true)]))
    .where(inOpenProjectOrNone('g'))
    .orderBy('g.created_at', 'desc').execute();
}

/** The filter when the person owns it, or whoever owns it for an admin; locked for the write. */
export function lockFilter(tx: Tx, id: string, personId: string, anyOwner: boolean) {
  return tx.selectFrom('search_filter').selectAll().where('id', '=', id)
    .$if(!anyOwner, (qb) => qb.where('person_id', '=', personId))
    .forUpdate().executeTakeFirst();
}

/** The filter group when the person owns it, or whoever owns it for an admin; locked for the write. */
export function lockGroup(tx: Tx, id: string, personId: string, anyOwner: boolean) {
  return tx.selectFrom('search_filter_group').selectAll().where('id', '=', id)
    .$if(!anyOwner, (qb) => qb.where('person_id', '=', personId))
    .forUpdate().executeTakeFirst();
}

export function findGroup(db: Executor, id: string) {
  return db.selectFrom('search_filter_group').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function departmentExists(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('department').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export function insertFilter(tx: Tx, values: Insertable<SearchFilter>) {
  return tx.insertInto('search_filter').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateFilter(tx: Tx, id: string, changes: Updateable<SearchFilter>) {
  return tx.updateTable('search_filter').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function insertGroup(tx: Tx, values: Insertable<SearchFilterGroup>) {
  return tx.insertInto('search_filter_group').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateGroup(tx: Tx, id: string, changes: Updateable<SearchFilterGroup>) {
  return tx.updateTable('search_filter_group').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** A group's filters follow its sharing (Zou: a filter must share as its group does). */
export async function shareGroupFilters(tx: Tx, groupId: string, isShared: boolean): Promise<void> {
  await tx.updateTable('search_filter').set({ is_shared: isShared }).where('search_filter_group_id', '=', groupId).execute();
}

export async function deleteRow(tx: Tx, table: Table, id: string): Promise<void> {
  await tx.deleteFrom(table).where('id', '=', id).execute();
}
