import { sql } from 'kysely';
import { Type } from 'typebox';
import { PersonRow } from '../../../../../packages/contracts/src/models/index.ts';
import { Nullable } from '../../../../../packages/contracts/src/models/columns.ts';
import { isGlobalManager } from '../../../platform/auth/actor.ts';
import { PERSON_SECRET_FIELDS, presentPerson, presentPersonMinimal } from '../../persons/person.presenter.ts';
import { admin, anyone, owner } from '../crud.policy.ts';
import { crudErrors } from '../crud.errors.ts';
import type { Collection, Row } from '../crud.types.ts';
import { personHooks } from './persons.hooks.ts';

/** What non-admins may filter persons on (§3.2). */
const NON_ADMIN_FILTERS = [
  'id', 'first_name', 'last_name', 'full_name', 'has_avatar', 'active', 'departments', 'studio_id', 'role',
  'desktop_login', 'email', 'is_bot',
] as const;

/** People and bots. Admins, global managers and the person himself get the full view; others the minimal one. */
export const persons: Collection = {
  name: 'persons',
  table: 'person',
  typeName: 'Person',
  schema: PersonRow,
  computed: { full_name: (t) => sql`trim(${sql.ref(`${t}.first_name`)} || ' ' || ${sql.ref(`${t}.last_name`)})` },
  hidden: PERSON_SECRET_FIELDS,
  // Nullable: gazu.person.new_person sends `"password": null` when none is given (no password set).
  writeOnly: { password: Nullable(Type.String({ description: 'Hashed on create; change it through the password routes.' })) },
  nonAdminFilterable: NON_ADMIN_FILTERS,
  // The 2FA flags mirror person_two_factor (auth/two-factor.service.ts): set through auth/totp only,
  // so nobody can claim 2FA without a secret (and slip past enforcement) or switch it off without a code.
  protectedOnUpdate: ['password', 'jti', 'totp_enabled', 'email_otp_enabled', 'fido_enabled', 'preferred_two_factor_authentication'],
  relations: { departments: { link: 'department_link', own: 'person_id', other: 'department_id', target: 'department' } },
  policy: { list: 'anyone', read: anyone, create: admin, update: owner('id'), delete: admin },
  present: (_base, row, view) => {
    const departments = Array.isArray(row.departments) ? (row.departments as string[]) : undefined;
    const full = isGlobalManager(view.actor) || view.actor.id === row.id;
    return (full ? presentPerson : presentPersonMinimal)(row as Row, departments);
  },
  constraintErrors: { person_email_human_key: crudErrors.emailInUse },
  deleteConflictError: crudErrors.personStillLinked,
  hooks: personHooks,
};
