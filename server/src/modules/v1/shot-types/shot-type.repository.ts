import type { Executor } from '../../../platform/db/database.ts';
import { catalogStore } from '../organizations/owned-items.repository.ts';

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

export const shotTypeStore = catalogStore<ShotTypeRow, Values, Changes>('shot_type', { what: 'Shot type', objectType: 'shot_type' }, [
  'id', 'created_at', 'updated_at', 'name', 'slug', 'description', 'owner_id', 'organization_id',
]);

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
