import type { CustomTaskStatus } from '@/lib/api-types';

/** The flags a studio sets on a status: what it means for progress, for reviews and for who may set it. */
export interface StatusFlags {
  is_done: boolean;
  is_artist_allowed: boolean;
  is_client_allowed: boolean;
  is_feedback_request: boolean;
  is_retake: boolean;
}

export type StatusFlag = keyof StatusFlags;

/** The flags in the order the settings page lists them, in the studio's words. */
export const STATUS_FLAGS: ReadonlyArray<{ key: StatusFlag; label: string; hint: string; badge: string }> = [
  { key: 'is_done', label: 'Done', hint: 'The task counts as finished in progress figures.', badge: 'Done' },
  { key: 'is_feedback_request', label: 'Asks for feedback', hint: 'The work waits for a review by a supervisor or client.', badge: 'Feedback' },
  { key: 'is_retake', label: 'Retake', hint: 'The work goes back to the artist and counts as a retake.', badge: 'Retake' },
  { key: 'is_artist_allowed', label: 'Artists may set it', hint: 'Artists can move their own tasks to this status.', badge: 'Artists' },
  { key: 'is_client_allowed', label: 'Clients may set it', hint: 'Clients can give this status when they review.', badge: 'Clients' },
];

/** A new status is what Zou makes by default: artists may set it, it is not done nor a review. */
export const NEW_STATUS_FLAGS: StatusFlags = {
  is_done: false, is_artist_allowed: true, is_client_allowed: false, is_feedback_request: false, is_retake: false,
};

export const flagsOf = (status: CustomTaskStatus): StatusFlags => ({
  is_done: status.is_done, is_artist_allowed: status.is_artist_allowed, is_client_allowed: status.is_client_allowed,
  is_feedback_request: status.is_feedback_request, is_retake: status.is_retake,
});

/** What the settings form submits; `shortName` null lets the server derive it from the name. */
export interface StatusFormValue {
  name: string;
  color: string;
  isDefault: boolean;
  shortName: string | null;
  flags: StatusFlags;
}

/**
 * Why a short code cannot be used, or null when it can. `required` is for an existing status (it has
 * one already); a new status may leave it empty. `taken` holds the production's other codes, lower-cased.
 */
export function shortNameProblem(shortName: string, taken: ReadonlySet<string>, required: boolean): string | null {
  const code = shortName.trim();
  if (code === '') return required ? 'Give the status a short code.' : null;
  if (!/^[A-Za-z0-9_-]{1,10}$/.test(code)) return 'A short code is 1 to 10 letters, digits, “_” or “-”.';
  if (taken.has(code.toLowerCase())) return `Another status already uses “${code}”.`;
  return null;
}
