import { defineStore } from 'pinia';
import QRCode from 'qrcode';
import { ref, shallowRef } from 'vue';
import { ApiError, messageOf } from '@/lib/http';
import type { TwoFactorPolicy } from '@contracts/two-factor.schema.ts';
import { useAuthStore } from '@/features/auth/auth.store';
import * as api from './account.api';

export interface PendingEnrolment {
  secret: string;
  uri: string;
  /** The QR code as a data: URL image (drawn in the browser: the secret never goes to another server). */
  qrDataUrl: string;
}

/** What a typed proof means: 6 digits are a TOTP code, anything else a recovery code. */
export function proofOf(typed: string): api.SecondFactorProof {
  const compact = typed.replace(/[\s-]+/g, '');
  return /^\d{6}$/.test(compact) ? { totp: compact } : { recovery_code: compact.toUpperCase() };
}

/** The 2FA routes answer a refused code with `wrong_OTP`; say it in words a person can act on. */
export function twoFactorMessageOf(error: unknown): string {
  if (error instanceof ApiError && typeof error.body === 'object' && error.body !== null) {
    const body = error.body as Record<string, unknown>;
    if (body.wrong_OTP) return 'That code is not right. Type the code your app shows now, or an unused recovery code.';
    if (body.missing_OTP) return 'Enter a code from your authenticator app or one of your recovery codes.';
  }
  return messageOf(error);
}

/**
 * The signed-in person's two-factor settings: enrolment (pending secret, QR code), the recovery codes
 * shown once, disabling and regenerating; and, for admins, the organisation's "require 2FA" rule.
 */
export const useAccountStore = defineStore('account', () => {
  const pending = shallowRef<PendingEnrolment | null>(null);
  /** Recovery codes just issued: shown once, forgotten when the person says they are saved. */
  const freshCodes = shallowRef<string[] | null>(null);
  const busy = ref<'start' | 'confirm' | 'disable' | 'regenerate' | 'policy' | null>(null);
  const error = ref<string | null>(null);
  const policy = ref<TwoFactorPolicy | null>(null);

  async function run<T>(action: NonNullable<typeof busy.value>, work: () => Promise<T>): Promise<T | undefined> {
    busy.value = action;
    error.value = null;
    try {
      return await work();
    } catch (caught) {
      error.value = twoFactorMessageOf(caught);
      return undefined;
    } finally {
      busy.value = null;
    }
  }

  const startEnrolment = () =>
    run('start', async () => {
      const enrolment = await api.startTotp();
      const qrDataUrl = await QRCode.toDataURL(enrolment.totp_provisionning_uri, { margin: 1, width: 200 });
      pending.value = { secret: enrolment.otp_secret, uri: enrolment.totp_provisionning_uri, qrDataUrl };
    });

  /** True when TOTP is now on; the session is read again (fresh, unrestricted tokens). */
  async function confirmEnrolment(code: string): Promise<boolean> {
    const done = await run('confirm', async () => {
      const result = await api.confirmTotp(code.replace(/\s+/g, ''));
      const auth = useAuthStore();
      // The server said it is on: the page says so with the recovery codes, not a session read later.
      if (auth.user) auth.user = { ...auth.user, totp_enabled: true };
      pending.value = null;
      freshCodes.value = result.otp_recovery_codes;
      await auth.reloadSession();
      return true;
    });
    return done === true;
  }

  async function disable(typed: string): Promise<boolean> {
    const done = await run('disable', async () => {
      await api.disableTotp(proofOf(typed));
      freshCodes.value = null;
      await useAuthStore().reloadSession();
      return true;
    });
    return done === true;
  }

  async function regenerate(typed: string): Promise<boolean> {
    const done = await run('regenerate', async () => {
      freshCodes.value = (await api.regenerateRecoveryCodes(proofOf(typed))).otp_recovery_codes;
      return true;
    });
    return done === true;
  }

  function codesSaved() {
    freshCodes.value = null;
  }

  function cancelEnrolment() {
    pending.value = null;
    error.value = null;
  }

  const loadPolicy = () =>
    run('policy', async () => {
      policy.value = await api.fetchTwoFactorPolicy();
    });

  /** Optimistic: the switch moves at once and comes back with the server's message if refused. */
  async function setRequired(required: boolean): Promise<void> {
    const before = policy.value;
    if (before) policy.value = { ...before, two_factor_authentication_required: required };
    const saved = await run('policy', () => api.setTwoFactorPolicy(required));
    policy.value = saved ?? before;
  }

  /** At logout: nothing of the previous person's enrolment or codes stays in memory. */
  function reset() {
    pending.value = null;
    freshCodes.value = null;
    busy.value = null;
    error.value = null;
    policy.value = null;
  }

  return {
    pending, freshCodes, busy, error, policy,
    startEnrolment, confirmEnrolment, cancelEnrolment, disable, regenerate, codesSaved, loadPolicy, setRequired, reset,
  };
});
