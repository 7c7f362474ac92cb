import { presentOwnedItem } from '../organizations/owned-items.presenter.ts';
import type { BackgroundPresetRow } from './background-preset.repository.ts';

export function presentBackgroundPreset(row: BackgroundPresetRow) {
  return { ...presentOwnedItem(row), name: row.name, description: row.description, color: row.color };
}
