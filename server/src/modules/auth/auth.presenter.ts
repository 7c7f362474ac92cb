import { Type } from 'typebox';
import {
  ORGANISATION_ADMIN_COLUMNS,
  type OrganisationView,
  type SessionUser,
} from '../../../../packages/contracts/src/auth.schema.ts';
import { columnsOf, OrganisationRow as OrganisationModel } from '../../../../packages/contracts/src/models/index.ts';
import { presentPerson } from '../persons/person.presenter.ts';
import type { OrganisationRow, PersonRow } from './auth.repository.ts';

/** The organisation's columns but its integration secrets, which Zou only hands to admins. */
const ORGANISATION_COLUMNS = columnsOf(Type.Omit(OrganisationModel, ORGANISATION_ADMIN_COLUMNS));

export function presentOrganisation(row: OrganisationRow | undefined, forAdmin: boolean): OrganisationView | null {
  if (!row) return null;
  const fields: readonly (keyof OrganisationRow)[] = forAdmin ? [...ORGANISATION_COLUMNS, ...ORGANISATION_ADMIN_COLUMNS] : ORGANISATION_COLUMNS;
  const view: Record<string, unknown> = {};
  for (const field of fields) view[field] = row[field];
  return { ...(view as Omit<OrganisationView, 'type'>), type: 'Organisation' };
}

/**
 * The signed-in person as login and `auth/authenticated` return it: the person presenter's safe view
 * (every column of the contract's person row, `full_name`, `type`) and department ids.
 */
export function presentSessionUser(row: PersonRow, departments: string[]): SessionUser {
  return presentPerson(row, departments) as SessionUser;
}
