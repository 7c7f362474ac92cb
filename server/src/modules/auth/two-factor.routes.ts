import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, LoginFailure, PersonIdParams } from '../../../../packages/contracts/src/auth.schema.ts';
import {
  ConfirmTotpBody,
  RecoveryCodes,
  SecondFactorBody,
  TotpEnabled,
  TotpEnrolment,
  TwoFactorDisabled,
  TwoFactorPolicy,
  TwoFactorPolicyBody,
} from '../../../../packages/contracts/src/two-factor.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { isBrowser, originOf, setSessionCookies } from './auth-cookies.ts';
import {
  confirmTotpEnrolment,
  disableTotp,
  regenerateRecoveryCodes,
  resetPersonTwoFactor,
  setTwoFactorPolicy,
  startTotpEnrolment,
  twoFactorPolicy,
} from './two-factor.service.ts';

const tags = ['auth'];
const person = { access: 'person' } as const;
const failures = { 400: ErrorResponse, 403: ErrorResponse, 429: LoginFailure };

/** TOTP and recovery codes for the signed-in person (§1.5), the admin reset, and the organisation's rule. */
export const twoFactorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put('/auth/totp', {
    config: person,
    schema: { tags, summary: 'Start TOTP enrolment: a new pending secret and its otpauth:// URI', response: { 200: TotpEnrolment, ...failures } },
  }, async (request) => startTotpEnrolment(app.deps, actorOf(request)));

  app.post('/auth/totp', {
    config: person,
    schema: {
      tags, summary: 'Confirm the pending secret with a code: enables TOTP, returns recovery codes and fresh tokens',
      body: ConfirmTotpBody, response: { 200: TotpEnabled, ...failures },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const result = await confirmTotpEnrolment(app.deps, actor, request.body.totp, { ip: request.ip, origin: originOf(request) });
    // The browser moves to the new session at once; the one it leaves is closed.
    if (isBrowser(request)) {
      setSessionCookies(request, reply, result, app.deps.config);
      await app.deps.tokens.revokeSession(actor.sessionId);
    }
    return result;
  });

  app.delete('/auth/totp', {
    config: person,
    schema: { tags, summary: 'Disable TOTP, given a current code or a recovery code', body: SecondFactorBody, response: { 200: TwoFactorDisabled, ...failures } },
  }, async (request) => {
    await disableTotp(app.deps, actorOf(request), request.body ?? {}, { ip: request.ip, origin: originOf(request) });
    return { success: true as const };
  });

  app.put('/auth/recovery-codes', {
    config: person,
    schema: { tags, summary: 'Replace the recovery codes, given a current code or a recovery code', body: SecondFactorBody, response: { 200: RecoveryCodes, ...failures } },
  }, async (request) => regenerateRecoveryCodes(app.deps, actorOf(request), request.body ?? {}, { ip: request.ip, origin: originOf(request) }));

  const resetSchema = {
    tags, summary: "Reset a person's 2FA (admin; not another admin's): TOTP off, recovery codes and sessions dropped",
    params: PersonIdParams, response: { 200: TwoFactorDisabled, 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
  };
  const reset = async (request: { params: { person_id: string } } & Parameters<typeof actorOf>[0]) => {
    await resetPersonTwoFactor(app.deps, actorOf(request), request.params.person_id);
    return { success: true as const };
  };
  // Zou's route, and the one Gazu's person.disable_two_factor_authentication calls (§4.7 WARNING).
  app.delete('/actions/persons/:person_id/disable-two-factor-authentication', { schema: resetSchema }, reset);
  app.delete('/data/persons/:person_id/two-factor-authentication', { schema: resetSchema }, reset);

  app.get('/auth/two-factor-policy', {
    schema: { tags, summary: 'Whether every person must use 2FA (organisation switch, server setting)', response: { 200: TwoFactorPolicy } },
  }, async () => twoFactorPolicy(app.deps));

  app.put('/auth/two-factor-policy', {
    config: person,
    schema: { tags, summary: 'Require 2FA for everyone, or not (admin)', body: TwoFactorPolicyBody, response: { 200: TwoFactorPolicy, 403: ErrorResponse } },
  }, async (request) => setTwoFactorPolicy(app.deps, actorOf(request), request.body.two_factor_authentication_required));
};
