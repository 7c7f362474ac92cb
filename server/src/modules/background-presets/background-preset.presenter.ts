import { wireDateTime } from '../organizations/v1-wire.ts';
import type { BackgroundPresetRow } from './background-preset.repository.ts';

export function presentBackgroundPreset(row: BackgroundPresetRow) {
  return {
    id: row.id,
    created_at: wireDateTime(row.created_at),
    updated_at: wireDateTime(row.updated_at),
    owner_id: row.owner_id,
    organization_id: row.organization_id,
    name: row.name,
    description: row.description,
    color: row.color,
  };
}
