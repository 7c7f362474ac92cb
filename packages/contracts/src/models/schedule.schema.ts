import { Type, type Static } from 'typebox';
import { Choice, DateOnly, DateTime, Json, Nullable, Uuid } from './columns.ts';

/** Time and schedule: time spents, days off, milestones, schedule items, metadata descriptors. */

export const TimeSpentRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  duration: Type.Number({ description: 'Minutes' }),
  date: DateOnly(),
  task_id: Uuid(),
  person_id: Uuid(),
});
export type TimeSpent = Static<typeof TimeSpentRow>;

export const DayOffRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  date: DateOnly(),
  end_date: DateOnly(),
  description: Nullable(Type.String()),
  person_id: Uuid(),
});
export type DayOff = Static<typeof DayOffRow>;

export const MilestoneRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  date: Nullable(DateOnly()),
  name: Type.String({ maxLength: 40 }),
  project_id: Uuid(),
  task_type_id: Nullable(Uuid()),
});
export type Milestone = Static<typeof MilestoneRow>;

export const ScheduleItemRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  start_date: Nullable(DateOnly()),
  end_date: Nullable(DateOnly()),
  man_days: Nullable(Type.Integer()),
  project_id: Uuid(),
  task_type_id: Nullable(Uuid()),
  object_id: Nullable(Uuid()),
});
export type ScheduleItem = Static<typeof ScheduleItemRow>;

export const MetadataDescriptorRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  project_id: Uuid(),
  entity_type: Type.String({ maxLength: 60 }),
  task_type_id: Nullable(Uuid()),
  name: Type.String({ maxLength: 120 }),
  field_name: Type.String({ maxLength: 120 }),
  data_type: Choice(['string', 'number', 'list', 'taglist', 'boolean', 'checklist', 'date', 'url', 'textarea', 'person']),
  choices: Json(),
  for_client: Type.Boolean(),
  position: Nullable(Type.Integer()),
});
export type MetadataDescriptor = Static<typeof MetadataDescriptorRow>;

