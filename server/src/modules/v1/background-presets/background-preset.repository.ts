import { catalogStore } from '../organizations/owned-items.repository.ts';

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

export const backgroundPresetStore = catalogStore<BackgroundPresetRow, Values, Changes>(
  'background_preset',
  { what: 'Background preset', objectType: 'background_preset' },
  ['id', 'created_at', 'updated_at', 'name', 'description', 'color', 'owner_id', 'organization_id'],
);
