import { wireDateTime } from '../organizations/v1-wire.ts';
import type { ShotTypeRow } from './shot-type.repository.ts';

export function presentShotType(row: ShotTypeRow) {
  return {
    id: row.id,
    created_at: wireDateTime(row.created_at),
    updated_at: wireDateTime(row.updated_at),
    owner_id: row.owner_id,
    organization_id: row.organization_id,
    name: row.name,
    slug: row.slug,
    description: row.description,
  };
}
