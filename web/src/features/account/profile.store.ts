import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError, messageOf } from '@/lib/http';
import type { SessionUser } from '@/lib/api-types';
import { useAuthStore } from '@/features/auth/auth.store';
import { passwordProblem } from '@/features/auth/password-rules';
import * as api from './profile.api';

export type ProfileSection = 'name' | 'avatar' | 'region' | 'notifications' | 'password';

/** The server's words for a refused password change, said the way the profile page speaks. */
const PASSWORD_MESSAGES: Record<string, string> = {
  'Old password is wrong.': 'Your current password is not right.',
  'Too many failed login attempts.': 'Too many wrong current passwords: wait a minute before trying again.',
};

export function profileMessageOf(error: unknown, section: ProfileSection): string {
  if (error instanceof ApiError) {
    if (section === 'avatar' && error.status === 415) return 'Rushes cannot read this file as a picture: choose a PNG, JPEG or WebP image.';
    if (section === 'avatar' && error.status === 413) return 'This picture is too large: choose a smaller one.';
    if (error.status === 403) return "You can't change this on your own account: ask an administrator.";
    if (section === 'password' && PASSWORD_MESSAGES[error.message]) return PASSWORD_MESSAGES[error.message] as string;
  }
  return messageOf(error);
}

/**
 * The signed-in person's profile: name, avatar, time zone and language, notification channels, and
 * the password. Changes show at once on the session's person and come back, with one message in the
 * section that made them, when the server refuses.
 */
export const useProfileStore = defineStore('profile', () => {
  const saving = ref<ProfileSection | null>(null);
  const errors = ref<Partial<Record<ProfileSection, string>>>({});
  const saved = ref<ProfileSection | null>(null);
  /** Bumped at each new avatar so that the image is fetched again (same URL otherwise). */
  const avatarVersion = ref(Date.now());

  function begin(section: ProfileSection) {
    saving.value = section;
    saved.value = null;
    errors.value = { ...errors.value, [section]: undefined };
  }

  function fail(section: ProfileSection, error: unknown) {
    errors.value = { ...errors.value, [section]: profileMessageOf(error, section) };
  }

  /** Optimistic: the session's person changes first, and takes the server's answer (or its old values) after. */
  async function save(section: ProfileSection, changes: api.ProfileChanges): Promise<boolean> {
    const auth = useAuthStore();
    const person = auth.user;
    if (!person) return false;
    const before = Object.fromEntries(Object.keys(changes).map((key) => [key, person[key as keyof SessionUser]])) as Partial<SessionUser>;
    auth.user = { ...person, ...changes, full_name: fullName({ ...person, ...changes }) };
    begin(section);
    try {
      const answer = await api.updateProfile(person.id, changes);
      const kept = Object.fromEntries(Object.keys(changes).map((key) => [key, answer[key as keyof typeof answer]]));
      if (auth.user) auth.user = { ...auth.user, ...kept, full_name: answer.full_name ?? auth.user.full_name };
      saved.value = section;
      return true;
    } catch (error) {
      if (auth.user) auth.user = { ...auth.user, ...before, full_name: fullName({ ...auth.user, ...before }) };
      fail(section, error);
      return false;
    } finally {
      saving.value = null;
    }
  }

  async function uploadAvatar(file: File): Promise<boolean> {
    const auth = useAuthStore();
    if (!auth.user) return false;
    begin('avatar');
    try {
      if (!file.type.startsWith('image/')) throw new ApiError('not an image', 415);
      await api.uploadAvatar(auth.user.id, file);
      auth.user = { ...auth.user, has_avatar: true };
      avatarVersion.value = Date.now();
      saved.value = 'avatar';
      return true;
    } catch (error) {
      fail('avatar', error);
      return false;
    } finally {
      saving.value = null;
    }
  }

  /** Checked here first with the server's own rules, so the person hears at once what is wrong. */
  async function changePassword(current: string, password: string, confirmation: string): Promise<boolean> {
    begin('password');
    try {
      if (!current) throw new Error('Type your current password.');
      const problem = passwordProblem(password, confirmation);
      if (problem) throw new Error(problem);
      await api.changePassword({ old_password: current, password, password_2: confirmation });
      saved.value = 'password';
      return true;
    } catch (error) {
      fail('password', error);
      return false;
    } finally {
      saving.value = null;
    }
  }

  function reset() {
    saving.value = null;
    errors.value = {};
    saved.value = null;
  }

  return { saving, errors, saved, avatarVersion, save, uploadAvatar, changePassword, reset };
});

function fullName(person: { first_name?: string | null; last_name?: string | null }): string {
  return `${person.first_name ?? ''} ${person.last_name ?? ''}`.trim();
}
