import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Uuid } from './models/index.ts';

/**
 * Saved searches of the web client's lists (#14): `data/user/filters` and `data/user/filter-groups`,
 * Zou's bodies and shapes. Lists answer `{<list_type>: {<project_id or "all">: [rows]}}`.
 */
const open = { additionalProperties: true } as const;
const OptionalText = () => Type.Optional(Nullable(Type.String()));
const OptionalFlag = () => Type.Optional(Nullable(Type.Boolean()));

export const SearchFilterRow = Type.Object({
  id: Uuid(), created_at: DateTime(), updated_at: DateTime(),
  list_type: Type.String(), entity_type: Nullable(Type.String()), name: Type.String(), search_query: Type.String(), is_shared: Type.Boolean(),
  department_id: Nullable(Uuid()), search_filter_group_id: Nullable(Uuid()), person_id: Nullable(Uuid()), project_id: Nullable(Uuid()),
  type: Type.Literal('SearchFilter'),
});
export type SearchFilterRow = Static<typeof SearchFilterRow>;

export const SearchFilterGroupRow = Type.Object({
  id: Uuid(), created_at: DateTime(), updated_at: DateTime(),
  list_type: Type.String(), entity_type: Nullable(Type.String()), name: Type.String(), color: Type.String(), is_shared: Type.Boolean(),
  department_id: Nullable(Uuid()), person_id: Nullable(Uuid()), project_id: Nullable(Uuid()),
  type: Type.Literal('SearchFilterGroup'),
});
export type SearchFilterGroupRow = Static<typeof SearchFilterGroupRow>;

export const SearchFiltersByList = Type.Record(Type.String(), Type.Record(Type.String(), Type.Array(SearchFilterRow)));
export const SearchFilterGroupsByList = Type.Record(Type.String(), Type.Record(Type.String(), Type.Array(SearchFilterGroupRow)));

export const CreateSearchFilterBody = Type.Object({
  name: Type.String({ minLength: 1 }),
  query: Type.String({ minLength: 1 }),
  list_type: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  project_id: OptionalText(), entity_type: OptionalText(), is_shared: OptionalFlag(), search_filter_group_id: OptionalText(), department_id: OptionalText(),
}, open);
export type CreateSearchFilterBody = Static<typeof CreateSearchFilterBody>;

export const UpdateSearchFilterBody = Type.Object({
  name: OptionalText(), search_query: OptionalText(), search_filter_group_id: OptionalText(), is_shared: OptionalFlag(),
  project_id: OptionalText(), department_id: OptionalText(),
}, open);
export type UpdateSearchFilterBody = Static<typeof UpdateSearchFilterBody>;

export const CreateSearchFilterGroupBody = Type.Object({
  name: Type.String({ minLength: 1 }),
  color: OptionalText(),
  list_type: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  project_id: OptionalText(), is_shared: OptionalFlag(), entity_type: OptionalText(), department_id: OptionalText(),
}, open);
export type CreateSearchFilterGroupBody = Static<typeof CreateSearchFilterGroupBody>;

export const UpdateSearchFilterGroupBody = Type.Object({
  name: OptionalText(), color: OptionalText(), is_shared: OptionalFlag(), project_id: OptionalText(), department_id: OptionalText(),
}, open);
export type UpdateSearchFilterGroupBody = Static<typeof UpdateSearchFilterGroupBody>;

export const SearchFilterParams = Type.Object({ filter_id: Type.String() });
export const SearchFilterGroupParams = Type.Object({ filter_group_id: Type.String() });
