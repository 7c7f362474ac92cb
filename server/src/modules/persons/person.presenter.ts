/**
 * Person presenters whitelist fields (§1.2, §2.2): secrets (password, jti, 2FA secrets, login
 * counters) can never leak by a column being added, because only listed fields are copied.
 */
export const PERSON_SAFE_FIELDS = [
  'id', 'created_at', 'updated_at', 'first_name', 'last_name', 'email', 'phone', 'country', 'contract_type',
  'active', 'archived', 'last_presence', 'desktop_login', 'totp_enabled', 'email_otp_enabled', 'fido_enabled',
  'preferred_two_factor_authentication', 'shotgun_id', 'timezone', 'locale', 'use_12_hour_clock',
  'display_date_format', 'data', 'role', 'position', 'seniority', 'daily_salary', 'has_avatar',
  'notifications_enabled', 'notifications_slack_enabled', 'notifications_slack_userid',
  'notifications_mattermost_enabled', 'notifications_mattermost_userid', 'notifications_discord_enabled',
  'notifications_discord_userid', 'is_bot', 'is_guest', 'expiration_date', 'is_generated_from_ldap', 'ldap_uid',
  'studio_id',
] as const;

/** What non-managers see of other people (Zou's minimal view). */
export const PERSON_MINIMAL_FIELDS = [
  'id', 'first_name', 'last_name', 'has_avatar', 'active', 'studio_id', 'role', 'desktop_login', 'is_bot',
] as const;

/** Columns that are never serialised nor filterable, whoever asks. */
export const PERSON_SECRET_FIELDS = ['password', 'jti', 'login_failed_attemps', 'last_login_failed'] as const;

type Row = Record<string, unknown>;

function pick(row: Row, fields: readonly string[]): Row {
  const out: Row = {};
  for (const field of fields) if (field in row) out[field] = row[field];
  return out;
}

const fullName = (row: Row) => `${String(row.first_name ?? '')} ${String(row.last_name ?? '')}`.trim();

/** The person as its owner, admins and managers see it. `departments` is added when given. */
export function presentPerson(row: Row, departments?: string[]): Row {
  return {
    ...pick(row, PERSON_SAFE_FIELDS),
    full_name: fullName(row),
    type: 'Person',
    ...(departments ? { departments } : {}),
  };
}

/** The minimal view of another person, for artists, clients and vendors. */
export function presentPersonMinimal(row: Row, departments?: string[]): Row {
  return {
    ...pick(row, PERSON_MINIMAL_FIELDS),
    full_name: fullName(row),
    type: 'Person',
    ...(departments ? { departments } : {}),
  };
}
