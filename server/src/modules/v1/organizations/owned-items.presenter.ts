import { wireDateTime } from './v1-wire.ts';

/** The fields every catalog item (subject, shot type, background preset) starts with on the wire. */
export function presentOwnedItem(row: { id: string; created_at: string; updated_at: string; owner_id: string; organization_id: string | null }) {
  return {
    id: row.id,
    created_at: wireDateTime(row.created_at),
    updated_at: wireDateTime(row.updated_at),
    owner_id: row.owner_id,
    organization_id: row.organization_id,
  };
}
