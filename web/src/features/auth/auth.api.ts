import { http } from '@/lib/http';
import type { AuthenticatedResponse, LoginSuccess } from '@/lib/api-types';

/** A second factor for the login's second step: a code from the authenticator app, or a recovery code. */
export interface SecondFactor {
  totp?: string;
  recovery_code?: string;
}

/** Logs in; the browser receives the HttpOnly access and refresh cookies. */
export const login = (email: string, password: string, secondFactor?: SecondFactor) =>
  http.post<LoginSuccess>('/auth/login', { email, password, ...secondFactor });

/** The signed-in person, or a 401 (after one silent refresh attempt) when there is no session. */
export const fetchSession = () => http.get<AuthenticatedResponse>('/auth/authenticated');

/** A POST: the server refuses a cookie session's GET logout from other sites' pages, and a POST carries Origin. */
export const logout = () => http.post<{ logout: true }>('/auth/logout');
