import { Type, type Static } from 'typebox';
import { Choice, DateTime, Json, Nullable, Uuid } from './columns.ts';

/** Breakdown: entity types (asset types and temporal kinds), entities (assets, shots, sequences...) and casting links. */

export const EntityTypeRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Type.String({ maxLength: 30 }),
  short_name: Nullable(Type.String({ maxLength: 20 })),
  description: Nullable(Type.String()),
  archived: Type.Boolean(),
});
export type EntityType = Static<typeof EntityTypeRow>;

export const EntityRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Type.String({ maxLength: 160 }),
  code: Nullable(Type.String({ maxLength: 160 })),
  description: Nullable(Type.String()),
  shotgun_id: Nullable(Type.Integer()),
  canceled: Type.Boolean(),
  nb_frames: Nullable(Type.Integer()),
  nb_entities_out: Type.Integer(),
  is_casting_standby: Type.Boolean(),
  is_shared: Type.Boolean(),
  status: Choice(['standby', 'running', 'complete', 'canceled']),
  project_id: Uuid(),
  entity_type_id: Uuid(),
  parent_id: Nullable(Uuid()),
  source_id: Nullable(Uuid()),
  preview_file_id: Nullable(Uuid()),
  data: Json(),
  ready_for: Nullable(Uuid()),
  created_by: Nullable(Uuid()),
});
export type Entity = Static<typeof EntityRow>;

export const EntityLinkRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  entity_in_id: Uuid(),
  entity_out_id: Uuid(),
  nb_occurences: Type.Integer(),
  label: Nullable(Type.String({ maxLength: 80 })),
  data: Json(),
});
export type EntityLink = Static<typeof EntityLinkRow>;

