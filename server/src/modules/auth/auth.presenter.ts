import { presentPerson } from '../persons/person.presenter.ts';
import type { OrganisationRow, PersonRow } from './auth.repository.ts';

const ORGANISATION_FIELDS = [
  'id', 'created_at', 'updated_at', 'name', 'hours_by_day', 'has_avatar', 'use_original_file_name',
  'timesheets_locked', 'format_duration_in_hours', 'hd_by_default', 'dark_theme_by_default',
] as const;
/** Integration secrets: Zou only hands them to admins. */
const ORGANISATION_ADMIN_FIELDS = ['chat_token_slack', 'chat_webhook_mattermost', 'chat_token_discord'] as const;

export type OrganisationView = Record<string, unknown> & { id: string; name: string; hours_by_day: number; type: 'Organisation' };

export function presentOrganisation(row: OrganisationRow | undefined, forAdmin: boolean): OrganisationView | null {
  if (!row) return null;
  const fields: readonly (keyof OrganisationRow)[] = forAdmin ? [...ORGANISATION_FIELDS, ...ORGANISATION_ADMIN_FIELDS] : ORGANISATION_FIELDS;
  const view: Record<string, unknown> = {};
  for (const field of fields) view[field] = row[field];
  return { ...view, id: row.id, name: row.name, hours_by_day: row.hours_by_day, type: 'Organisation' };
}

export type SessionUserView = Record<string, unknown> & {
  id: string;
  email: string | null;
  full_name: string;
  role: string;
  active: boolean;
  is_bot: boolean;
  type: 'Person';
  departments: string[];
};

/** The signed-in person as login and `auth/authenticated` return it: safe fields and department ids. */
export function presentSessionUser(row: PersonRow, departments: string[]): SessionUserView {
  const view = presentPerson(row, departments);
  return {
    ...view,
    id: row.id,
    email: row.email,
    full_name: String(view.full_name),
    role: row.role,
    active: row.active,
    is_bot: row.is_bot,
    type: 'Person',
    departments,
  };
}
