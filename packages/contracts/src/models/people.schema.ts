import { Type, type Static } from 'typebox';
import { Choice, DateOnly, DateTime, Json, Nullable, Uuid } from './columns.ts';

/** People and studio structure: persons (secrets excluded: they are never part of the wire shape), departments, studios, the organisation. */

export const DepartmentRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Type.String({ maxLength: 80 }),
  color: Type.String({ maxLength: 7 }),
  archived: Type.Boolean(),
});
export type Department = Static<typeof DepartmentRow>;

export const StudioRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Type.String({ maxLength: 80 }),
  color: Type.String({ maxLength: 7 }),
  archived: Type.Boolean(),
});
export type Studio = Static<typeof StudioRow>;

export const OrganisationRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Type.String({ maxLength: 80 }),
  hours_by_day: Type.Number(),
  has_avatar: Type.Boolean(),
  use_original_file_name: Type.Boolean(),
  timesheets_locked: Type.Boolean(),
  format_duration_in_hours: Type.Boolean(),
  hd_by_default: Type.Boolean(),
  dark_theme_by_default: Type.Boolean(),
  chat_token_slack: Type.String({ maxLength: 80 }),
  chat_webhook_mattermost: Type.String({ maxLength: 80 }),
  chat_token_discord: Type.String({ maxLength: 80 }),
});
export type Organisation = Static<typeof OrganisationRow>;

/** A person as the API shows it: password, jti and login counters are not part of the shape. */
export const PersonRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  first_name: Type.String({ maxLength: 80 }),
  last_name: Type.String({ maxLength: 80 }),
  email: Nullable(Type.String({ maxLength: 255 })),
  phone: Nullable(Type.String({ maxLength: 30 })),
  country: Nullable(Type.String({ maxLength: 2 })),
  contract_type: Choice(['open-ended', 'fixed-term', 'short-term', 'freelance', 'apprentice', 'internship']),
  active: Type.Boolean(),
  archived: Type.Boolean(),
  last_presence: Nullable(DateOnly()),
  desktop_login: Nullable(Type.String({ maxLength: 80 })),
  totp_enabled: Type.Boolean(),
  email_otp_enabled: Type.Boolean(),
  fido_enabled: Type.Boolean(),
  preferred_two_factor_authentication: Nullable(Choice(['totp', 'email_otp', 'fido'])),
  shotgun_id: Nullable(Type.Integer()),
  timezone: Type.String({ maxLength: 50 }),
  locale: Type.String({ maxLength: 10 }),
  use_12_hour_clock: Type.Boolean(),
  display_date_format: Choice(['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY']),
  data: Json(),
  /** user | admin | supervisor | manager | client | vendor (aliases accepted on input: coordinator, artist). */
  role: Type.String({ maxLength: 20 }),
  position: Nullable(Choice(['supervisor', 'lead', 'artist'])),
  seniority: Nullable(Choice(['senior', 'mid', 'junior'])),
  daily_salary: Type.Integer(),
  has_avatar: Type.Boolean(),
  notifications_enabled: Type.Boolean(),
  notifications_slack_enabled: Type.Boolean(),
  notifications_slack_userid: Type.String({ maxLength: 60 }),
  notifications_mattermost_enabled: Type.Boolean(),
  notifications_mattermost_userid: Type.String({ maxLength: 60 }),
  notifications_discord_enabled: Type.Boolean(),
  notifications_discord_userid: Type.String({ maxLength: 60 }),
  is_bot: Type.Boolean(),
  is_guest: Type.Boolean(),
  expiration_date: Nullable(DateOnly()),
  is_generated_from_ldap: Type.Boolean(),
  ldap_uid: Nullable(Type.String({ maxLength: 60 })),
  studio_id: Nullable(Uuid()),
  /** Computed: "First Last". */
  full_name: Type.String(),
});
export type Person = Static<typeof PersonRow>;

