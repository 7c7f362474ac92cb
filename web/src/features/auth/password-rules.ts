/** The server's minimum (RUSHES_MIN_PASSWORD_LENGTH, 8 by default); the server still has the last word. */
export const MIN_PASSWORD_LENGTH = 8;

/**
 * The change-password rules, checked before sending so the page can say what is wrong at once; the
 * same words as the server's answers (§1.5: confirmation first, then length in characters).
 */
export function passwordProblem(password: string, confirmation: string, minLength = MIN_PASSWORD_LENGTH): string | null {
  if (!password) return 'Choose a password.';
  if (password !== confirmation) return "Confirmation password doesn't match.";
  if ([...password].length < minLength) return 'Password is too short.';
  return null;
}

/** What the login page says after a password was set through an e-mailed link (`?notice=`). */
export const LOGIN_NOTICES: Record<string, string> = {
  'password-reset': 'Your password has been changed. Log in with your new password.',
  'invitation-accepted': 'Your password is set. Log in to start.',
};
