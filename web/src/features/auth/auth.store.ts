import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError, http } from '@/lib/http';
import type { SessionUser } from '@/lib/api-types';
import * as api from './auth.api';

export type SessionState = 'unknown' | 'authenticated' | 'anonymous';

/** The session: who is signed in, and the hand-off to the login page when the session ends. */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<SessionUser | null>(null);
  const state = ref<SessionState>('unknown');
  /** Set when the session ended by itself (expiry), so the login page can say why it is shown. */
  const expired = ref(false);
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
      .then((session) => signedIn(session.user))
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

  async function login(email: string, password: string): Promise<void> {
    const result = await api.login(email.trim(), password);
    signedIn(result.user);
  }

  async function logout(): Promise<void> {
    try {
      await api.logout();
    } finally {
      user.value = null;
      state.value = 'anonymous';
      http.clearCache();
    }
  }

  /** Called by the HTTP client when the session can no longer be refreshed. */
  function sessionExpired() {
    if (state.value !== 'authenticated') return;
    user.value = null;
    state.value = 'anonymous';
    expired.value = true;
    http.clearCache();
  }

  return { user, state, expired, isAdmin, restore, login, logout, sessionExpired };
});
