import { http } from '@/lib/http';

/** Asks for a reset link; the answer is the same whether or not an account uses this email. */
export const requestPasswordReset = (email: string) => http.post<{ success: string }>('/auth/reset-password', { email });

export interface NewPasswordWithToken {
  email: string;
  token: string;
  password: string;
  password2: string;
}

/** Sets a password with the token of a reset or invitation link; every session of the person ends. */
export const resetPassword = (body: NewPasswordWithToken) => http.put<{ success: true }>('/auth/reset-password', body);
