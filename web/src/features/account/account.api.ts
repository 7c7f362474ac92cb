import { http } from '@/lib/http';
import type { RecoveryCodes, TotpEnabled, TotpEnrolment, TwoFactorPolicy } from '@contracts/two-factor.schema.ts';

/** A second factor proving the person may change 2FA: a current code or an unused recovery code. */
export interface SecondFactorProof {
  totp?: string;
  recovery_code?: string;
}

/** A new pending TOTP secret, as text and as the otpauth:// URI the QR code carries. */
export const startTotp = () => http.put<TotpEnrolment>('/auth/totp', {});

/** Confirms the pending secret with a code; the browser is moved to a fresh session by cookie. */
export const confirmTotp = (totp: string) => http.post<TotpEnabled>('/auth/totp', { totp });

export const disableTotp = (proof: SecondFactorProof) => http.delete<{ success: true }>('/auth/totp', { body: proof });

export const regenerateRecoveryCodes = (proof: SecondFactorProof) => http.put<RecoveryCodes>('/auth/recovery-codes', proof);

export const fetchTwoFactorPolicy = () => http.get<TwoFactorPolicy>('/auth/two-factor-policy');

export const setTwoFactorPolicy = (required: boolean) =>
  http.put<TwoFactorPolicy>('/auth/two-factor-policy', { two_factor_authentication_required: required });

/** Admin: turn off a locked-out person's 2FA (their sessions end). */
export const resetPersonTwoFactor = (personId: string) =>
  http.delete<{ success: true }>(`/actions/persons/${personId}/disable-two-factor-authentication`);
