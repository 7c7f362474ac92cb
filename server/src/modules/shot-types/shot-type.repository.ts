import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { scopeCondition, type Scope } from '../organizations/organization-scope.ts';
import type { OwnedItemStore } from '../organizations/owned-items.service.ts';

export interface ShotTypeRow {
  id: string;
  created_at: string;
  updated_at: string;
  name: string;
  slug: string;
  description: string | null;
  owner_id: string;
  organization_id: string | null;
}

type Values = { name: string; slug: string; description: string | null };
type Changes = { name?: string; slug?: string; description?: string | null };

const columns = ['id', 'created_at', 'updated_at', 'name', 'slug', 'description', 'owner_id', 'organization_id'] as const;

export const shotTypeStore: OwnedItemStore<ShotTypeRow, Values, Changes> = {
  what: 'Shot type',
  objectType: 'shot_type',
  async list(db: Executor, scope: Scope, page) {
    const base = db.selectFrom('shot_type').where(scopeCondition(scope, 'shot_type'));
    const [rows, total] = await Promise.all([
      base.select(columns).orderBy('created_at').orderBy('id').offset(page.skip).limit(page.limit).execute(),
      base.select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow(),
    ]);
    return { rows, count: total.count };
  },
  find: (db, id, options = {}) =>
    db.selectFrom('shot_type').select(columns).where('id', '=', id).$if(options.lock === true, (qb) => qb.forUpdate()).executeTakeFirst(),
  insert: (db, values) => db.insertInto('shot_type').values(values).returning(columns).executeTakeFirstOrThrow(),
  update: (db, id, changes) =>
    Object.keys(changes).length === 0
      ? db.selectFrom('shot_type').select(columns).where('id', '=', id).executeTakeFirstOrThrow()
      : db.updateTable('shot_type').set(changes).where('id', '=', id).returning(columns).executeTakeFirstOrThrow(),
  async remove(db, id) {
    await db.deleteFrom('shot_type').where('id', '=', id).execute();
  },
};

/**
 * The shot types a set design's images are matched against, by slug: its organization's, or its
 * owner's personal ones when it belongs to no organization.
 */
export async function shotTypesBySlug(
  db: Executor,
  holder: { owner_id: string; organization_id: string | null },
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('shot_type')
    .select(['id', 'slug'])
    .$if(holder.organization_id !== null, (qb) => qb.where('organization_id', '=', holder.organization_id))
    .$if(holder.organization_id === null, (qb) => qb.where('organization_id', 'is', null).where('owner_id', '=', holder.owner_id))
    .execute();
  return new Map(rows.map((row) => [row.slug, row.id]));
}
