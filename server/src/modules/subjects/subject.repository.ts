import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { scopeCondition, type Scope } from '../organizations/organization-scope.ts';
import type { OwnedItemStore } from '../organizations/owned-items.service.ts';

export interface SubjectRow {
  id: string;
  created_at: string;
  updated_at: string;
  name: string;
  description: string | null;
  owner_id: string;
  organization_id: string | null;
}

const columns = ['id', 'created_at', 'updated_at', 'name', 'description', 'owner_id', 'organization_id'] as const;

export const subjectStore: OwnedItemStore<SubjectRow, { name: string; description: string | null }, { name?: string; description?: string | null }> = {
  what: 'Subject',
  objectType: 'subject',
  async list(db: Executor, scope: Scope, page) {
    const base = db.selectFrom('subject').where(scopeCondition(scope, 'subject'));
    const [rows, total] = await Promise.all([
      base.select(columns).orderBy('created_at').orderBy('id').offset(page.skip).limit(page.limit).execute(),
      base.select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow(),
    ]);
    return { rows, count: total.count };
  },
  find: (db, id, options = {}) =>
    db.selectFrom('subject').select(columns).where('id', '=', id).$if(options.lock === true, (qb) => qb.forUpdate()).executeTakeFirst(),
  insert: (db, values) => db.insertInto('subject').values(values).returning(columns).executeTakeFirstOrThrow(),
  update: (db, id, changes) =>
    Object.keys(changes).length === 0
      ? db.selectFrom('subject').select(columns).where('id', '=', id).executeTakeFirstOrThrow()
      : db.updateTable('subject').set(changes).where('id', '=', id).returning(columns).executeTakeFirstOrThrow(),
  async remove(db, id) {
    await db.deleteFrom('subject').where('id', '=', id).execute();
  },
};
