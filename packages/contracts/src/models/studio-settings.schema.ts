import { Type, type Static } from 'typebox';
import { Choice, DateTime, Nullable, Uuid } from './columns.ts';

/** Studio-wide settings: hardware items, custom actions, status automations, preview backgrounds (Zou's columns). */

export const HardwareItemRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Type.String({ maxLength: 40 }),
  short_name: Type.String({ maxLength: 20 }),
  archived: Type.Boolean(),
  monthly_cost: Nullable(Type.Integer()),
  inventory_amount: Nullable(Type.Integer()),
});
export type HardwareItem = Static<typeof HardwareItemRow>;

export const CustomActionRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Type.String({ maxLength: 80 }),
  url: Nullable(Type.String({ maxLength: 400 })),
  entity_type: Nullable(Type.String({ maxLength: 40 })),
  is_ajax: Type.Boolean(),
});
export type CustomAction = Static<typeof CustomActionRow>;

export const StatusAutomationRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  entity_type: Nullable(Type.String({ maxLength: 40 })),
  in_task_type_id: Nullable(Uuid()),
  in_task_status_id: Nullable(Uuid()),
  out_field_type: Choice(['status', 'ready_for']),
  out_task_type_id: Nullable(Uuid()),
  out_task_status_id: Nullable(Uuid()),
  import_last_revision: Type.Boolean(),
  archived: Type.Boolean(),
});
export type StatusAutomation = Static<typeof StatusAutomationRow>;

export const PreviewBackgroundFileRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Type.String({ maxLength: 40 }),
  archived: Type.Boolean(),
  is_default: Type.Boolean(),
  original_name: Nullable(Type.String({ maxLength: 250 })),
  extension: Nullable(Type.String({ maxLength: 6 })),
  file_size: Nullable(Type.Integer()),
});
export type PreviewBackgroundFile = Static<typeof PreviewBackgroundFileRow>;
