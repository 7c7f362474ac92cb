import { Type, type Static } from 'typebox';
import { Nullable, Uuid } from './models/index.ts';
import * as Rows from './rows.schema.ts';

/**
 * Authentication shapes (Zou contract §1). Request bodies accept extra keys because Gazu and the Kitsu
 * web app send more than each route reads (login always sends all six keys, unused ones as null).
 */

const NullableString = Type.Union([Type.String(), Type.Null()]);
const open = { additionalProperties: true } as const;

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, description: 'Email or desktop login' }),
    password: Type.Optional(NullableString),
    totp: Type.Optional(NullableString),
    email_otp: Type.Optional(NullableString),
    fido_authentication_response: Type.Optional(Type.Union([Type.Object({}, open), Type.Null()])),
    recovery_code: Type.Optional(NullableString),
  },
  open,
);
export type LoginBody = Static<typeof LoginBody>;

/** The signed-in person: the person row (safe fields only, see persons/person.presenter.ts) with department ids. */
export const SessionUser = Type.Object({ ...Rows.PersonRow.properties, departments: Type.Array(Uuid()) }, open);
export type SessionUser = Static<typeof SessionUser>;

/** Integration secrets of the organisation: Zou only hands them to admins. */
export const ORGANISATION_ADMIN_COLUMNS = ['chat_token_slack', 'chat_webhook_mattermost', 'chat_token_discord'] as const;

/** The studio's organisation row; chat tokens are only present for admins. */
export const OrganisationView = Type.Object(
  {
    ...Type.Omit(Rows.OrganisationRow, ORGANISATION_ADMIN_COLUMNS).properties,
    ...Type.Partial(Type.Pick(Rows.OrganisationRow, ORGANISATION_ADMIN_COLUMNS)).properties,
  },
  open,
);
export type OrganisationView = Static<typeof OrganisationView>;

export const LoginSuccess = Type.Object({
  login: Type.Literal(true),
  access_token: Type.String(),
  refresh_token: Type.String(),
  user: SessionUser,
  organisation: Nullable(OrganisationView),
  /** 2FA is enforced and this person has none: the session only reaches the 2FA routes until it is set up. */
  two_factor_authentication_required: Type.Optional(Type.Literal(true)),
});

/**
 * Login failures: `{login: false}` plus flags (Gazu treats any body with `login: false` as a failed
 * login, whatever the status), or the validation envelope when the email is missing.
 */
export const LoginFailure = Type.Object(
  {
    login: Type.Optional(Type.Literal(false)),
    error: Type.Optional(Type.Boolean()),
    message: Type.Optional(Type.String()),
    unactive: Type.Optional(Type.Boolean()),
    too_many_failed_login_attemps: Type.Optional(Type.Boolean()),
    /** Right password, 2FA enabled, no code: ask for one of `two_factor_authentication_enabled`. */
    missing_OTP: Type.Optional(Type.Boolean()),
    wrong_OTP: Type.Optional(Type.Boolean()),
    preferred_two_factor_authentication: Type.Optional(Nullable(Type.String())),
    two_factor_authentication_enabled: Type.Optional(Type.Array(Type.String())),
  },
  open,
);

export const AuthenticatedResponse = Type.Object({
  authenticated: Type.Literal(true),
  user: SessionUser,
  organisation: Nullable(OrganisationView),
  /** As on login: 2FA is enforced and not set up, so only the 2FA routes answer this session. */
  two_factor_authentication_required: Type.Optional(Type.Literal(true)),
});

/** Scripts get the new access token; browsers get it as a cookie and `{refresh: true}`. */
export const RefreshResponse = Type.Union([
  Type.Object({ access_token: Type.String() }),
  Type.Object({ refresh: Type.Literal(true) }),
]);

export const LogoutResponse = Type.Object({ logout: Type.Literal(true) });

export const ChangePasswordBody = Type.Object(
  { old_password: Type.String(), password: Type.String(), password_2: Type.String() },
  open,
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

/** An admin setting another person's password: no old password. */
export const SetPasswordBody = Type.Object({ password: Type.String(), password_2: Type.String() }, open);
export type SetPasswordBody = Static<typeof SetPasswordBody>;

export const PersonIdParams = Type.Object({ person_id: Type.String() });

export const SuccessResponse = Type.Object({ success: Type.Literal(true) });

export const ResetPasswordRequestBody = Type.Object({ email: Type.String() }, open);
export type ResetPasswordRequestBody = Static<typeof ResetPasswordRequestBody>;
export const ResetPasswordRequestResponse = Type.Object({ success: Type.Literal('Reset token sent') });

export const ResetPasswordBody = Type.Object(
  { email: Type.String(), token: Type.String(), password: Type.String(), password2: Type.String() },
  open,
);
export type ResetPasswordBody = Static<typeof ResetPasswordBody>;

/** `GET actions/persons/<id>/invite`: Zou's answer once the invitation is handed to the mailer. */
export const InvitationResponse = Type.Object({ success: Type.Literal(true), message: Type.Literal('Email sent') });

/** Zou's `{error: true, message}` envelope (§3.7). */
export const ErrorResponse = Type.Object(
  { error: Type.Optional(Type.Boolean()), message: Type.Optional(Type.String()) },
  open,
);
