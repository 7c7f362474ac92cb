import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError, http } from '@/lib/http';
import type { SessionUser } from '@/lib/api-types';
import * as api from './auth.api';

export type SessionState = 'unknown' | 'authenticated' | 'anonymous';

/** A login either opens the session, or (2FA on, no code given) asks for the second step. */
export type LoginOutcome =
  | { kind: 'signed-in' }
  | { kind: 'second-factor'; preferred: string | null; methods: string[] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The session: who is signed in, and the hand-off to the login page when the session ends. */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<SessionUser | null>(null);
  const state = ref<SessionState>('unknown');
  /** Set when the session ended by itself (expiry), so the login page can say why it is shown. */
  const expired = ref(false);
  /** 2FA is enforced and this person has none: the app only offers the security page until it is set up. */
  const twoFactorSetupRequired = ref(false);
  let restoring: Promise<void> | null = null;

  const isAdmin = computed(() => user.value?.role === 'admin');

  function signedIn(person: SessionUser) {
    user.value = person;
    state.value = 'authenticated';
    expired.value = false;
  }

  /** Resolves the session once at start-up (the access cookie is HttpOnly: only the API can tell). */
  function restore(): Promise<void> {
    if (state.value !== 'unknown') return Promise.resolve();
    restoring ??= api
      .fetchSession()
      .then((session) => {
        signedIn(session.user);
        twoFactorSetupRequired.value = session.two_factor_authentication_required === true;
      })
      .catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 401) throw error;
        user.value = null;
        state.value = 'anonymous';
      })
      .finally(() => {
        restoring = null;
      });
    return restoring;
  }

  async function login(email: string, password: string, secondFactor?: api.SecondFactor): Promise<LoginOutcome> {
    try {
      const result = await (secondFactor ? api.login(email.trim(), password, secondFactor) : api.login(email.trim(), password));
      signedIn(result.user);
      twoFactorSetupRequired.value = result.two_factor_authentication_required === true;
      return { kind: 'signed-in' };
    } catch (error) {
      const body = error instanceof ApiError && isRecord(error.body) ? error.body : null;
      if (!body?.missing_OTP) throw error;
      const methods = Array.isArray(body.two_factor_authentication_enabled) ? body.two_factor_authentication_enabled.map(String) : [];
      const preferred = typeof body.preferred_two_factor_authentication === 'string' ? body.preferred_two_factor_authentication : null;
      return { kind: 'second-factor', preferred, methods };
    }
  }

  /** Reads the session again (after 2FA was enabled: the server moved the browser to a fresh session). */
  async function reloadSession(): Promise<void> {
    const session = await api.fetchSession();
    signedIn(session.user);
    twoFactorSetupRequired.value = session.two_factor_authentication_required === true;
  }

  async function logout(): Promise<void> {
    try {
      await api.logout();
    } finally {
      user.value = null;
      state.value = 'anonymous';
      twoFactorSetupRequired.value = false;
      http.clearCache();
    }
  }

  /** Called by the HTTP client when the session can no longer be refreshed. */
  function sessionExpired() {
    if (state.value !== 'authenticated') return;
    user.value = null;
    state.value = 'anonymous';
    twoFactorSetupRequired.value = false;
    expired.value = true;
    http.clearCache();
  }

  return { user, state, expired, twoFactorSetupRequired, isAdmin, restore, login, reloadSession, logout, sessionExpired };
});
