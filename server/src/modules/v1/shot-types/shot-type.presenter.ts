import { presentOwnedItem } from '../organizations/owned-items.presenter.ts';
import type { ShotTypeRow } from './shot-type.repository.ts';

export function presentShotType(row: ShotTypeRow) {
  return { ...presentOwnedItem(row), name: row.name, slug: row.slug, description: row.description };
}
