import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { scopeCondition, type Scope } from '../organizations/organization-scope.ts';
import type { OwnedItemStore } from '../organizations/owned-items.service.ts';

export interface BackgroundPresetRow {
  id: string;
  created_at: string;
  updated_at: string;
  name: string;
  description: string | null;
  color: string | null;
  owner_id: string;
  organization_id: string | null;
}

type Values = { name: string; description: string | null; color: string | null };
type Changes = { name?: string; description?: string | null; color?: string | null };

const columns = ['id', 'created_at', 'updated_at', 'name', 'description', 'color', 'owner_id', 'organization_id'] as const;

export const backgroundPresetStore: OwnedItemStore<BackgroundPresetRow, Values, Changes> = {
  what: 'Background preset',
  objectType: 'background_preset',
  async list(db: Executor, scope: Scope, page) {
    const base = db.selectFrom('background_preset').where(scopeCondition(scope, 'background_preset'));
    const [rows, total] = await Promise.all([
      base.select(columns).orderBy('created_at').orderBy('id').offset(page.skip).limit(page.limit).execute(),
      base.select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow(),
    ]);
    return { rows, count: total.count };
  },
  find: (db, id, options = {}) =>
    db.selectFrom('background_preset').select(columns).where('id', '=', id).$if(options.lock === true, (qb) => qb.forUpdate()).executeTakeFirst(),
  insert: (db, values) => db.insertInto('background_preset').values(values).returning(columns).executeTakeFirstOrThrow(),
  update: (db, id, changes) =>
    Object.keys(changes).length === 0
      ? db.selectFrom('background_preset').select(columns).where('id', '=', id).executeTakeFirstOrThrow()
      : db.updateTable('background_preset').set(changes).where('id', '=', id).returning(columns).executeTakeFirstOrThrow(),
  async remove(db, id) {
    await db.deleteFrom('background_preset').where('id', '=', id).execute();
  },
};
