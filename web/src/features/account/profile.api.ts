import { http } from '@/lib/http';
import type { Person } from '@/lib/api-types';

/** What a person may change on their own record (the server refuses role and activity changes). */
export type ProfileChanges = Partial<Pick<Person,
  | 'first_name' | 'last_name' | 'timezone' | 'locale'
  | 'notifications_enabled' | 'notifications_slack_enabled' | 'notifications_slack_userid'
  | 'notifications_mattermost_enabled' | 'notifications_mattermost_userid'
  | 'notifications_discord_enabled' | 'notifications_discord_userid'>>;

export const updateProfile = (personId: string, changes: ProfileChanges) =>
  http.put<Person>(`/data/persons/${encodeURIComponent(personId)}`, changes);

/** The avatar, made a 400×400 PNG by the server from any image (Zou's route, multipart field `file`). */
export function uploadAvatar(personId: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return http.postForm<{ thumbnail_path: string }>(`/pictures/thumbnails/persons/${encodeURIComponent(personId)}`, form);
}

export const avatarUrl = (personId: string, version: number | string) =>
  `/api/pictures/thumbnails/persons/${encodeURIComponent(personId)}.png?v=${encodeURIComponent(String(version))}`;

/** The signed-in person's password; the server ends their other sessions and keeps this one. */
export const changePassword = (body: { old_password: string; password: string; password_2: string }) =>
  http.post<{ success: true }>('/auth/change-password', body);
