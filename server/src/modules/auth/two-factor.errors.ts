import { AppError } from '../../platform/errors/index.ts';

export type TwoFactorMethod = 'totp' | 'email_otp' | 'fido';

/**
 * Failures of the 2FA routes and of the login's second step (§1.2, §1.5). The login bodies are
 * Zou's exact ones (clients branch on `missing_OTP` / `wrong_OTP`), so, like auth.errors.ts, they
 * are declared beside the routes that produce them.
 */
export const twoFactorErrors = {
  /** Login with the right password and no code: which methods the person may use. */
  missingOtpAtLogin: (preferred: TwoFactorMethod | null, enabled: string[]) =>
    new AppError(400, 'missing_otp', 'A second factor is required.', {
      body: {
        error: true,
        login: false,
        missing_OTP: true,
        preferred_two_factor_authentication: preferred,
        two_factor_authentication_enabled: enabled,
      },
    }),
  wrongOtpAtLogin: () => new AppError(400, 'wrong_otp', 'Wrong OTP.', { body: { error: true, login: false, wrong_OTP: true } }),
  /** The management routes (disable, regenerate) ask for a code too; same flags, with a message. */
  missingOtp: () =>
    new AppError(400, 'missing_otp', 'Give a code from your authenticator app (totp) or a recovery code (recovery_code).', {
      extra: { missing_OTP: true },
    }),
  wrongOtp: () => new AppError(400, 'wrong_otp', 'Wrong OTP.', { extra: { wrong_OTP: true } }),
  totpAlreadyEnabled: () => new AppError(400, 'totp_already_enabled', 'TOTP is already enabled.'),
  totpNotEnabled: () => new AppError(400, 'totp_not_enabled', 'TOTP is not enabled.'),
  noPendingTotp: () => new AppError(400, 'no_pending_totp', 'No TOTP secret to confirm: call PUT auth/totp first.'),
  /** Zou's admin reset refuses other admins: one admin cannot strip another's second factor. */
  otherAdmin: () => new AppError(400, 'other_admin_two_factor', "An admin can't disable 2FA for other admins."),
  notEnabledForPerson: () => new AppError(400, 'two_factor_not_enabled', 'Two factor authentication not enabled for this user.'),
  enrolBeforeRequiring: () =>
    new AppError(400, 'enrol_before_requiring', 'Set up two-factor authentication on your own account before requiring it for everyone.'),
  botHasNoTwoFactor: () => new AppError(400, 'bot_two_factor', 'Bots have no two-factor authentication.'),
} as const;
