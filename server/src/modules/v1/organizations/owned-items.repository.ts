import { sql, type SelectExpression } from 'kysely';
import type { Executor } from '../../../platform/db/database.ts';
import type { DB } from '../../../platform/db/schema.ts';
import { scopeCondition, type OwnedItem } from './organization-scope.ts';
import type { OwnedItemStore } from './owned-items.service.ts';

/** The tables of the small catalogs an organization holds, which share one shape (owner, organization, name). */
export type CatalogTable = 'subject' | 'shot_type' | 'background_preset';

/**
 * The store (repository) of one catalog table for the owned-items use-cases: rows in creation order,
 * `columns` selected and returned, an update without changes reading the row as it is.
 *
 * Kysely types a query by its table, and here the table is chosen at run time: the queries are
 * typed against the three tables, and `Row` (the caller's declaration of its `columns`) is what
 * they return.
 */
export function catalogStore<Row extends OwnedItem & { id: string }, Values extends object, Changes extends object>(
  table: CatalogTable,
  names: { what: string; objectType: string },
  columns: readonly (keyof Row & string)[],
): OwnedItemStore<Row, Values, Changes> {
  const selection = columns as readonly SelectExpression<DB, CatalogTable>[];
  const read = (db: Executor, id: string) => db.selectFrom(table).select(selection).where('id', '=', id);
  return {
    ...names,
    async list(db, scope, page) {
      const base = db.selectFrom(table).where(scopeCondition(scope, table));
      const [rows, total] = await Promise.all([
        base.select(selection).orderBy('created_at').orderBy('id').offset(page.skip).limit(page.limit).execute(),
        base.select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow(),
      ]);
      return { rows: rows as unknown as Row[], count: total.count };
    },
    async find(db, id, options = {}) {
      return (await read(db, id).$if(options.lock === true, (qb) => qb.forUpdate()).executeTakeFirst()) as unknown as Row | undefined;
    },
    async insert(db, values) {
      return (await db.insertInto(table).values(values as never).returning(selection).executeTakeFirstOrThrow()) as unknown as Row;
    },
    async update(db, id, changes) {
      const row = Object.keys(changes).length === 0
        ? await read(db, id).executeTakeFirstOrThrow()
        : await db.updateTable(table).set(changes as never).where('id', '=', id).returning(selection).executeTakeFirstOrThrow();
      return row as unknown as Row;
    },
    async remove(db, id) {
      await db.deleteFrom(table).where('id', '=', id).execute();
    },
  };
}
