import { Type, type Static } from 'typebox';
import { DateTime, Nullable, PageOf, Uuid } from './common.schema.ts';

/** Subjects, shot types and background presets: owned by a person, optionally in an organization. */
const owned = {
  id: Uuid,
  created_at: DateTime,
  updated_at: DateTime,
  owner_id: Uuid,
  organization_id: Nullable(Uuid),
};

export const SubjectCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    description: Type.Optional(Nullable(Type.String())),
    organization_id: Type.Optional(Nullable(Uuid)),
  },
  { title: 'SubjectCreate' },
);
export type SubjectCreate = Static<typeof SubjectCreate>;
export const SubjectUpdate = Type.Object(
  { name: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 255 }))), description: Type.Optional(Nullable(Type.String())) },
  { title: 'SubjectUpdate' },
);
export type SubjectUpdate = Static<typeof SubjectUpdate>;
export const SubjectPublic = Type.Object(
  { ...owned, name: Type.String(), description: Nullable(Type.String()) },
  { title: 'SubjectPublic' },
);
export const SubjectsPublic = PageOf(SubjectPublic, 'SubjectsPublic');

/** Lowercase words joined by underscores or hyphens: `front_full_body`. */
export const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]*$', maxLength: 100 });

export const ShotTypeCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    slug: Slug,
    description: Type.Optional(Nullable(Type.String())),
    organization_id: Type.Optional(Nullable(Uuid)),
  },
  { title: 'ShotTypeCreate' },
);
export type ShotTypeCreate = Static<typeof ShotTypeCreate>;
export const ShotTypeUpdate = Type.Object(
  {
    name: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 255 }))),
    slug: Type.Optional(Nullable(Slug)),
    description: Type.Optional(Nullable(Type.String())),
  },
  { title: 'ShotTypeUpdate' },
);
export type ShotTypeUpdate = Static<typeof ShotTypeUpdate>;
export const ShotTypePublic = Type.Object(
  { ...owned, name: Type.String(), slug: Type.String(), description: Nullable(Type.String()) },
  { title: 'ShotTypePublic' },
);
export const ShotTypesPublic = PageOf(ShotTypePublic, 'ShotTypesPublic');

const HexColor = Type.String({ pattern: '^#[0-9a-fA-F]{6}$' });
export const BackgroundPresetCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    description: Type.Optional(Nullable(Type.String())),
    color: Type.Optional(Nullable(HexColor)),
    organization_id: Type.Optional(Nullable(Uuid)),
  },
  { title: 'BackgroundPresetCreate' },
);
export type BackgroundPresetCreate = Static<typeof BackgroundPresetCreate>;
export const BackgroundPresetUpdate = Type.Object(
  {
    name: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 255 }))),
    description: Type.Optional(Nullable(Type.String())),
    color: Type.Optional(Nullable(HexColor)),
  },
  { title: 'BackgroundPresetUpdate' },
);
export type BackgroundPresetUpdate = Static<typeof BackgroundPresetUpdate>;
export const BackgroundPresetPublic = Type.Object(
  { ...owned, name: Type.String(), description: Nullable(Type.String()), color: Nullable(Type.String()) },
  { title: 'BackgroundPresetPublic' },
);
export const BackgroundPresetsPublic = PageOf(BackgroundPresetPublic, 'BackgroundPresetsPublic');
