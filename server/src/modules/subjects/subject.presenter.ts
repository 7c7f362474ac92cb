import { wireDateTime } from '../organizations/v1-wire.ts';
import type { SubjectRow } from './subject.repository.ts';

export function presentSubject(row: SubjectRow) {
  return {
    id: row.id,
    created_at: wireDateTime(row.created_at),
    updated_at: wireDateTime(row.updated_at),
    owner_id: row.owner_id,
    organization_id: row.organization_id,
    name: row.name,
    description: row.description,
  };
}
