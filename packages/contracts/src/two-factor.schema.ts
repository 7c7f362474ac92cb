import { Type, type Static } from 'typebox';
import { Nullable } from './models/index.ts';

/**
 * Two-factor authentication shapes (Zou contract §1.5). Zou's spellings are kept as they are
 * (`totp_provisionning_uri`). Bodies accept extra keys: the Kitsu web app sends more than each reads.
 */

const open = { additionalProperties: true } as const;
const Code = Nullable(Type.String({ maxLength: 64 }));

/** `PUT auth/totp`: the pending secret, as a URI for the QR code and as text to type. */
export const TotpEnrolment = Type.Object({
  totp_provisionning_uri: Type.String(),
  otp_secret: Type.String(),
});
export type TotpEnrolment = Static<typeof TotpEnrolment>;

export const ConfirmTotpBody = Type.Object({ totp: Type.String({ minLength: 1, maxLength: 64 }) }, open);
export type ConfirmTotpBody = Static<typeof ConfirmTotpBody>;

/** `POST auth/totp`: recovery codes (null when the person still had some) and a fresh, unrestricted session. */
export const TotpEnabled = Type.Object({
  otp_recovery_codes: Nullable(Type.Array(Type.String())),
  access_token: Type.String(),
  refresh_token: Type.String(),
});
export type TotpEnabled = Static<typeof TotpEnabled>;

/** A second factor proving the caller may change 2FA: a current TOTP code or an unused recovery code. */
export const SecondFactorBody = Type.Object(
  { totp: Type.Optional(Code), recovery_code: Type.Optional(Code) },
  open,
);
export type SecondFactorBody = Static<typeof SecondFactorBody>;

export const RecoveryCodes = Type.Object({ otp_recovery_codes: Type.Array(Type.String()) });
export type RecoveryCodes = Static<typeof RecoveryCodes>;

export const TwoFactorDisabled = Type.Object({ success: Type.Literal(true) });

/** The organisation's 2FA rule: the admin switch, and whether the server enforces it anyway. */
export const TwoFactorPolicy = Type.Object({
  two_factor_authentication_required: Type.Boolean(),
  enforced_by_server: Type.Boolean({ description: 'RUSHES_ENFORCE_2FA is set: 2FA is required whatever the switch says.' }),
});
export type TwoFactorPolicy = Static<typeof TwoFactorPolicy>;

export const TwoFactorPolicyBody = Type.Object({ two_factor_authentication_required: Type.Boolean() }, open);
export type TwoFactorPolicyBody = Static<typeof TwoFactorPolicyBody>;
