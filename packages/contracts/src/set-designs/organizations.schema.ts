import { Type, type Static } from 'typebox';
import { DateTime, Nullable, PageOf, Uuid } from './common.schema.ts';

export const OrganizationRole = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('member')], {
  title: 'OrganizationRole',
});
export type OrganizationRole = Static<typeof OrganizationRole>;

export const OrganizationCreate = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 255 }), description: Type.Optional(Nullable(Type.String())) },
  { title: 'OrganizationCreate' },
);
export type OrganizationCreate = Static<typeof OrganizationCreate>;

export const OrganizationUpdate = Type.Object(
  {
    name: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 255 }))),
    description: Type.Optional(Nullable(Type.String())),
  },
  { title: 'OrganizationUpdate' },
);
export type OrganizationUpdate = Static<typeof OrganizationUpdate>;

export const OrganizationPublic = Type.Object(
  {
    id: Uuid,
    created_at: DateTime,
    updated_at: DateTime,
    name: Type.String(),
    description: Nullable(Type.String()),
    /** The caller's role in it; null for a studio admin who is not a member. */
    my_role: Nullable(OrganizationRole),
  },
  { title: 'OrganizationPublic' },
);
export const OrganizationsPublic = PageOf(OrganizationPublic, 'OrganizationsPublic');

export const OrganizationMemberCreate = Type.Object(
  { person_id: Uuid, role: Type.Optional(OrganizationRole) },
  { title: 'OrganizationMemberCreate' },
);
export type OrganizationMemberCreate = Static<typeof OrganizationMemberCreate>;

export const OrganizationMemberUpdate = Type.Object({ role: OrganizationRole }, { title: 'OrganizationMemberUpdate' });

export const OrganizationMemberPublic = Type.Object(
  {
    person_id: Uuid,
    full_name: Type.String(),
    email: Nullable(Type.String()),
    role: OrganizationRole,
    created_at: DateTime,
  },
  { title: 'OrganizationMemberPublic' },
);
export const OrganizationMembersPublic = PageOf(OrganizationMemberPublic, 'OrganizationMembersPublic');

export const MemberParams = Type.Object({ id: Uuid, person_id: Uuid });
