import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AuthenticatedResponse,
  ErrorResponse,
  LoginBody,
  LoginFailure,
  LoginSuccess,
  LogoutResponse,
  RefreshResponse,
} from '../../../../packages/contracts/src/auth.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { ACCESS_COOKIE, clearSessionCookies, isBrowser, originOf, refreshTokenOf, setAccessCookie, setSessionCookies } from './auth-cookies.ts';
import { authErrors } from './auth.errors.ts';
import { currentSession, login, logout, refreshAccessToken } from './auth.service.ts';
import { passwordRoutes } from './password.routes.ts';
import { personPasswordRoutes } from './person-password.routes.ts';
import { twoFactorRoutes } from './two-factor.routes.ts';
import { oidcRoutes } from './oidc.routes.ts';

const tags = ['auth'];

/** Sessions (§1.2, §1.3): login, who am I, refresh, logout; and, below, the password routes. */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Zou falls back to form fields when the body is not JSON; scoped to the auth routes only, and left
  // to any app-wide form parser registered before this module.
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, async (_request: unknown, body: string | Buffer) =>
      Object.fromEntries(new URLSearchParams(body.toString())),
    );
  }

  app.post('/auth/login', {
    config: { access: 'public' },
    // Validated here rather than by the global handler: Zou's login answers exactly "Validation error.".
    attachValidation: true,
    schema: {
      tags, summary: 'Log in with an email (or desktop login) and a password', security: [],
      body: LoginBody,
      response: { 200: LoginSuccess, 400: LoginFailure, 401: LoginFailure, 429: LoginFailure },
    },
  }, async (request, reply) => {
    if (request.validationError) throw authErrors.loginValidation(request.validationError.validation ?? []);
    const result = await login(app.deps, request.body, { ip: request.ip, origin: originOf(request) });
    if (isBrowser(request)) setSessionCookies(request, reply, result, app.deps.config);
    return result;
  });

  app.get('/auth/authenticated', {
    schema: { tags, summary: 'The person and organisation the token belongs to', response: { 200: AuthenticatedResponse } },
  }, async (request) => currentSession(app.deps, actorOf(request)));

  app.get('/auth/refresh-token', {
    // Public to the access-token hook: this route reads and checks a refresh token itself.
    config: { access: 'public' },
    schema: {
      tags, summary: 'A new access token from a refresh token (Bearer header or refresh cookie)',
      response: { 200: RefreshResponse, 401: ErrorResponse, 422: ErrorResponse },
    },
  }, async (request, reply) => {
    const accessToken = await refreshAccessToken(app.deps, refreshTokenOf(request));
    if (!isBrowser(request)) return { access_token: accessToken };
    setAccessCookie(request, reply, accessToken, app.deps.config);
    return { refresh: true as const };
  });

  const endSession = async (request: FastifyRequest, reply: FastifyReply) => {
    await logout(app.deps, actorOf(request));
    if (isBrowser(request) || request.cookies[ACCESS_COOKIE]) clearSessionCookies(request, reply);
    return { logout: true as const };
  };
  // The web app's logout. Zou's GET stays for Gazu; with a cookie session it is refused from another
  // site's page (origin-check.ts), so a link elsewhere cannot log a person out.
  app.post('/auth/logout', {
    config: { access: 'person' },
    schema: { tags, summary: 'End the session: its access and refresh tokens stop working', response: { 200: LogoutResponse } },
  }, endSession);
  app.get('/auth/logout', {
    config: { access: 'person', refuseCrossSite: true },
    schema: { tags, summary: 'End the session (Zou\'s route, for Gazu; browsers use POST)', response: { 200: LogoutResponse } },
  }, endSession);

  await app.register(passwordRoutes);
  await app.register(personPasswordRoutes);
  await app.register(twoFactorRoutes);
  await app.register(oidcRoutes);
};
