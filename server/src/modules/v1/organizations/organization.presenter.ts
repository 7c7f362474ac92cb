import type { MemberRow, OrganizationRow } from './organization.repository.ts';
import { wireDateTime } from './v1-wire.ts';

export function presentOrganization(row: OrganizationRow) {
  return {
    id: row.id,
    created_at: wireDateTime(row.created_at),
    updated_at: wireDateTime(row.updated_at),
    name: row.name,
    description: row.description,
    my_role: row.my_role,
  };
}

export function presentMember(row: MemberRow) {
  return {
    person_id: row.person_id,
    full_name: row.full_name,
    email: row.email,
    role: row.role,
    created_at: wireDateTime(row.created_at),
  };
}
