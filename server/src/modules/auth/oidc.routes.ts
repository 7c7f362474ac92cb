import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ErrorResponse } from '../../../../packages/contracts/src/auth.schema.ts';
import { OidcCallbackQuery, OidcLoginQuery } from '../../../../packages/contracts/src/oidc.schema.ts';
import { secureCookies, setSessionCookies } from './auth-cookies.ts';
import { SsoLoginError } from './oidc.errors.ts';
import { completeOidcLogin, LOGIN_STATE_TTL_SECONDS, oidcSettings, startOidcLogin } from './oidc.service.ts';

const tags = ['auth'];
/** Ties a callback to the browser that started the sign-in (login CSRF); only sent to the SSO routes. */
export const OIDC_STATE_COOKIE = 'rushes_oidc_state';
const STATE_COOKIE_PATH = '/api/auth/oidc';

const redirectDoc = (description: string) => Type.Null({ description });

function stateCookieOptions(request: FastifyRequest) {
  // Lax: the provider sends the browser back with a top-level GET, which Lax cookies go along with.
  return { httpOnly: true, sameSite: 'lax', secure: secureCookies(request), path: STATE_COOKIE_PATH } as const;
}

/** Failed sign-ins go back to the login page, which tells why; the cause only goes to the log. */
function toLoginPage(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof SsoLoginError)) throw error;
  request.log.warn({ err: error.cause, code: error.code }, 'single sign-on refused');
  return reply.redirect(`/login?sso_error=${error.code}`, 302);
}

/** OpenID Connect single sign-on (§1.3 `auth/oidc/*`): browser redirects, 404 while SSO is not configured. */
export const oidcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/auth/oidc/login', {
    config: { access: 'public' },
    schema: {
      tags, summary: 'Start a single sign-on: redirects to the OpenID Connect provider', security: [],
      querystring: OidcLoginQuery,
      response: { 302: redirectDoc('To the provider, or to /login?sso_error=provider_unreachable'), 404: ErrorResponse },
    },
  }, async (request, reply) => {
    oidcSettings(app.deps);
    try {
      const { authorizationUrl, state } = await startOidcLogin(app.deps, request.query.next);
      void reply.setCookie(OIDC_STATE_COOKIE, state, { ...stateCookieOptions(request), maxAge: LOGIN_STATE_TTL_SECONDS });
      return reply.redirect(authorizationUrl, 302);
    } catch (error) {
      return toLoginPage(request, reply, error);
    }
  });

  app.get('/auth/oidc/callback', {
    config: { access: 'public' },
    schema: {
      tags, summary: 'The provider\'s answer: opens a browser session and redirects to the web app', security: [],
      querystring: OidcCallbackQuery,
      response: { 302: redirectDoc('To the page asked for at login, or to /login?sso_error=<code>'), 404: ErrorResponse },
    },
  }, async (request, reply) => {
    oidcSettings(app.deps);
    const browserState = request.cookies[OIDC_STATE_COOKIE];
    void reply.clearCookie(OIDC_STATE_COOKIE, stateCookieOptions(request));
    try {
      const { tokens, nextPath } = await completeOidcLogin(app.deps, {
        query: request.query,
        search: new URL(request.url, 'http://rushes.invalid').search,
        browserState,
        client: { ip: request.ip, origin: 'web' },
      });
      setSessionCookies(request, reply, tokens, app.deps.config);
      return reply.redirect(nextPath, 302);
    } catch (error) {
      return toLoginPage(request, reply, error);
    }
  });
};
