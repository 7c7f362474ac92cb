import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorResponse,
  InvitationResponse,
  PersonIdParams,
  SetPasswordBody,
  SuccessResponse,
} from '../../../../packages/contracts/src/auth.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { invitePerson } from './password-reset.service.ts';
import { setPersonPassword } from './password.service.ts';

/** An admin setting another person's password (§1.3), e.g. for someone locked out, or inviting them to set it. */
export const personPasswordRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/actions/persons/:person_id/change-password', {
    schema: {
      tags: ['auth'], summary: "Set a person's password (admin); all the person's sessions end",
      params: PersonIdParams, body: SetPasswordBody, response: { 200: SuccessResponse, 400: ErrorResponse },
    },
  }, async (request) => {
    await setPersonPassword(app.deps, actorOf(request), request.params.person_id, request.body);
    return { success: true as const };
  });

  app.get('/actions/persons/:person_id/invite', {
    // A GET that mails (Zou's route): a link on another site must not make an admin's browser send invitations.
    config: { refuseCrossSite: true },
    schema: {
      tags: ['auth'], summary: 'Mail a person a link to set their password (admin; not bots or inactive people)',
      params: PersonIdParams, response: { 200: InvitationResponse, 400: ErrorResponse },
    },
  }, async (request) => {
    await invitePerson(app.deps, actorOf(request), request.params.person_id);
    return { success: true as const, message: 'Email sent' as const };
  });
};
