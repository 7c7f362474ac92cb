import type { FastifySchemaValidationError } from 'fastify';
import { AppError, errors } from '../../platform/errors/index.ts';

/**
 * The auth routes' own failure shapes (§1.2, §1.3). They are Zou's exact bodies, which clients
 * branch on (`login: false`, `unactive`, `too_many_failed_login_attemps`), so they live beside the
 * routes that produce them rather than in the generic catalogue.
 */
export const authErrors = {
  /** Unknown account or wrong password: the same answer for both, so accounts cannot be enumerated. */
  loginFailed: () => new AppError(400, 'login_failed', 'Login failed.', { body: { login: false } }),
  userInactive: () =>
    new AppError(401, 'user_inactive', 'User is unactive, he cannot log in.', {
      body: { error: true, login: false, unactive: true, message: 'User is unactive, he cannot log in.' },
    }),
  tooManyLoginAttempts: (retryAfterSeconds: number) =>
    errors.tooManyRequests(retryAfterSeconds, {
      error: true,
      login: false,
      too_many_failed_login_attemps: true,
      message: `Too many failed login attempts, retry in ${retryAfterSeconds} seconds.`,
    }),
  /** Zou answers the password routes with a bare `{error: true, message}`. */
  passwordRejected: (
    message:
      | 'Old password is wrong.'
      | "Confirmation password doesn't match."
      | 'Password is too short.'
      | 'Too many failed login attempts.'
      | 'Wrong or expired token.',
  ) => new AppError(400, 'password_rejected', message),
  botPassword: () => new AppError(400, 'bot_password', 'Bots have no password: use their API token.'),
  /** Only active people with an email can be sent an invitation to set their password. */
  inviteRefused: (message: 'Inactive people cannot be invited.' | 'This person has no email address.') =>
    new AppError(400, 'invite_refused', message),
  /** Per client address; counted for known and unknown emails alike, so it tells nothing about accounts. */
  tooManyResetRequests: (retryAfterSeconds: number) =>
    errors.tooManyRequests(retryAfterSeconds, {
      error: true,
      message: `Too many password reset requests, retry in ${retryAfterSeconds} seconds.`,
    }),
  /** Same answer as the authenticate hook gives a deactivated person's access token. */
  sessionOfInactiveUser: () => new AppError(401, 'inactive', 'User is unactive, he cannot log in.'),
  /** Schema failures on login, in Zou's exact envelope (`message: "Validation error."`, field list). */
  loginValidation: (issues: FastifySchemaValidationError[]) =>
    errors.validation(
      issues.map((issue) => ({
        field:
          issue.keyword === 'required'
            ? String(issue.params.missingProperty)
            : issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'email',
        message: issue.message ?? 'is invalid',
      })),
    ),
} as const;
